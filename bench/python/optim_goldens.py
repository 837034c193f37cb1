"""Golden traces of torch.optim for the optimizer tests (issue 14).

    /usr/bin/python3 bench/python/optim_goldens.py [OUT.json]

Writes packages/api/test/fixtures/optim-golden.json by default: one fixed data set and initial
weights (drawn here in float64 from a seeded torch generator), and for each case the history of
mean ½ r² on the training and test sets every `eval_every` epochs and the final w and b, in float64
and float32. Training is the weight-decay project's rule: shuffle off, minibatches in order, the
data gradient Σ r·x / batch_size (loss = Σ ½ r² / batch_size), w and b in separate parameter
groups with the same optimizer and no decay on b, so every case is torch.optim itself:

    sgd_momentum        SGD(lr, momentum, weight_decay=λ)                     decay 'coupled'
    sgd_nesterov        SGD(lr, momentum, nesterov=True, weight_decay=λ)      decay 'coupled'
    sgd_momentum_decoupled  SGD(lr, momentum) after w.mul_(1 − lr_t·λ)        decay 'decoupled'
    adam_l2             Adam(lr, betas, eps, weight_decay=λ)                  decay 'coupled'
    adamw               AdamW(lr, betas, eps, weight_decay=λ)                 decay 'decoupled'
    adam_independent    AdamW(lr, betas, eps, weight_decay=λ/lr)              decay 'independent'
    adamw_short_batch   AdamW, n_train not a multiple of batch_size           decay 'decoupled'
    adam_l2_short_batch Adam, with (m/batch_size)·λ·½‖w‖² in the loss          decay 'coupled', a short last batch
    adam_elastic        Adam, with λ(ρ‖w‖₁ + (1−ρ)½‖w‖²) in the loss             decay 'coupled', penalty 'elastic'
    sgd_momentum_l1_decoupled  SGD(momentum) after w ← w − lr_t·λ·sign(w)     decay 'decoupled', penalty 'l1'
    sgd_momentum_l1_at_zero    the same with a λ that drives weights to zero, where they dither
                               around it by ±lr_t·λ and sign(w) flips on rounding: its weights
                               are reproducible relative to ‖w‖∞ only (marked at_zero)

and two runs whose settings change after epoch 20 by editing the optimizer's param_groups
(what `trainer.update` does: the momentum buffer and Adam's moments and step count carry on):

    adamw_changed       AdamW; then lr, weight_decay and betas change         decay 'decoupled'
    sgd_nesterov_changed  SGD Nesterov; then lr, weight_decay and momentum change  decay 'coupled'

each with a constant learning rate and with CosineAnnealingLR(T_max=epochs, eta_min=0) stepped
once per epoch. (AdamW with weight_decay = λ/lr shrinks w by lr_t·λ/lr = (lr_t/lr)·λ per step:
the independent decay.) Losses are accumulated in float64 from residuals computed in the run's
dtype, as the project reports them.
"""
import json
import math
import os
import sys

import torch

torch.set_num_threads(1)

D, N_TRAIN, N_TEST = 30, 20, 40
BATCH, EPOCHS, EVAL_EVERY = 5, 40, 4

CASES = [
    dict(name='sgd_momentum', optimizer='sgd', lr=0.003, momentum=0.9, nesterov=False, decay='coupled', lambd=1.0),
    dict(name='sgd_nesterov', optimizer='sgd', lr=0.003, momentum=0.9, nesterov=True, decay='coupled', lambd=1.0),
    dict(name='sgd_momentum_decoupled', optimizer='sgd', lr=0.003, momentum=0.9, nesterov=False, decay='decoupled', lambd=1.0),
    dict(name='adam_l2', optimizer='adam', lr=0.01, betas=(0.9, 0.999), eps=1e-8, decay='coupled', lambd=1.0),
    dict(name='adamw', optimizer='adam', lr=0.01, betas=(0.9, 0.999), eps=1e-8, decay='decoupled', lambd=1.0),
    dict(name='adam_independent', optimizer='adam', lr=0.01, betas=(0.8, 0.99), eps=1e-6, decay='independent', lambd=0.005),
    dict(name='adamw_short_batch', optimizer='adam', lr=0.01, betas=(0.9, 0.999), eps=1e-8, decay='decoupled', lambd=1.0, n_train=18),
    dict(name='adam_l2_short_batch', optimizer='adam', lr=0.01, betas=(0.9, 0.999), eps=1e-8, decay='coupled', lambd=1.0, n_train=18, in_loss=True),
    dict(name='adam_elastic', optimizer='adam', lr=0.01, betas=(0.9, 0.999), eps=1e-8, decay='coupled', lambd=0.5, penalty='elastic', l1_ratio=0.3, in_loss=True),
    dict(name='sgd_momentum_l1_decoupled', optimizer='sgd', lr=0.003, momentum=0.9, nesterov=False, decay='decoupled', lambd=0.1, penalty='l1'),
    dict(name='adamw_changed', optimizer='adam', lr=0.01, betas=(0.9, 0.999), eps=1e-8, decay='decoupled', lambd=1.0,
         change=dict(epoch=20, lr=0.004, lambd=0.3, betas=(0.8, 0.99))),
    dict(name='sgd_nesterov_changed', optimizer='sgd', lr=0.003, momentum=0.9, nesterov=True, decay='coupled', lambd=1.0,
         change=dict(epoch=20, lr=0.002, lambd=3.0, momentum=0.5)),
    dict(name='sgd_momentum_l1_at_zero', optimizer='sgd', lr=0.003, momentum=0.9, nesterov=False, decay='decoupled', lambd=1.0, penalty='l1', at_zero=True),
]


def penalty_weights(case):
    """(λ1, λ2): the weights of ‖w‖₁ and ½‖w‖², as the API's penaltyWeights."""
    lambd, penalty = case['lambd'], case.get('penalty', 'l2')
    if penalty == 'l1':
        return lambd, 0.0
    if penalty == 'elastic':
        return case['l1_ratio'] * lambd, (1 - case['l1_ratio']) * lambd
    return 0.0, lambd


def make_data():
    g = torch.Generator().manual_seed(14)
    x_train = torch.randn(N_TRAIN, D, generator=g, dtype=torch.float64)
    x_test = torch.randn(N_TEST, D, generator=g, dtype=torch.float64)
    true_w = torch.full((D,), 0.01, dtype=torch.float64)
    y_train = x_train @ true_w + 0.05 + 0.01 * torch.randn(N_TRAIN, generator=g, dtype=torch.float64)
    y_test = x_test @ true_w + 0.05 + 0.01 * torch.randn(N_TEST, generator=g, dtype=torch.float64)
    w0 = torch.randn(D, generator=g, dtype=torch.float64)
    return x_train, y_train, x_test, y_test, w0, 0.0


def mean_loss(x, y, w, b):
    r = (x @ w + b - y).double()
    return float((0.5 * r * r).mean())


def run(case, cosine, dtype, data):
    x_train, y_train, x_test, y_test, w0, b0 = [t.to(dtype) if torch.is_tensor(t) else t for t in data]
    n = case.get('n_train', N_TRAIN)
    x_train, y_train = x_train[:n], y_train[:n]
    w = w0.clone().requires_grad_(True)
    b = torch.tensor([b0], dtype=dtype, requires_grad=True)
    lr, lambd, decay = case['lr'], case['lambd'], case['decay']
    lambda1, lambda2 = penalty_weights(case)
    # Penalties torch's weight_decay cannot express go into the loss (coupled) or a shrink (decoupled).
    in_loss = case.get('in_loss', False)
    general = in_loss or case.get('penalty', 'l2') != 'l2'
    if case['optimizer'] == 'sgd':
        wd = lambd if decay == 'coupled' and not general else 0.0
        groups = [dict(params=[w], weight_decay=wd), dict(params=[b], weight_decay=0.0)]
        opt = torch.optim.SGD(groups, lr=lr, momentum=case['momentum'], nesterov=case['nesterov'])
        manual_shrink = decay != 'coupled'
    else:
        kw = dict(lr=lr, betas=case['betas'], eps=case['eps'])
        if decay == 'coupled':
            wd = 0.0 if general else lambd
            opt = torch.optim.Adam([dict(params=[w], weight_decay=wd), dict(params=[b], weight_decay=0.0)], **kw)
        else:
            wd = lambd if decay == 'decoupled' else lambd / lr
            opt = torch.optim.AdamW([dict(params=[w], weight_decay=wd), dict(params=[b], weight_decay=0.0)], **kw)
        manual_shrink = False
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=EPOCHS, eta_min=0) if cosine else None
    history = []
    change = case.get('change')
    for epoch in range(EPOCHS):
        if change and epoch == change['epoch']:
            # The scheduler scales from each group's initial_lr; without a schedule, set lr directly.
            assert sched is None, 'a change of settings is traced with the constant schedule only'
            lr, lambd = change['lr'], change['lambd']
            lambda1, lambda2 = penalty_weights(dict(case, lambd=lambd))
            for i, group in enumerate(opt.param_groups):
                group['lr'] = lr
                if i == 0 and group['weight_decay'] != 0:
                    group['weight_decay'] = lambd
                for key in ('momentum', 'betas'):
                    if key in change:
                        group[key] = change[key]
        for start in range(0, n, BATCH):
            xb, yb = x_train[start:start + BATCH], y_train[start:start + BATCH]
            opt.zero_grad()
            r = xb @ w + b - yb
            loss = (0.5 * r * r).sum() / BATCH
            if in_loss:
                # The seed's rule: the penalty once per example of the batch, over batch_size.
                loss = loss + len(yb) / BATCH * (lambda1 * w.abs().sum() + lambda2 * 0.5 * (w * w).sum())
            loss.backward()
            if manual_shrink:
                lr_t = opt.param_groups[0]['lr']
                by = lr_t if decay == 'decoupled' else lr_t / lr
                with torch.no_grad():
                    if lambda1 == 0:
                        w.mul_(1 - by * lambda2)
                    else:
                        w.copy_(w * (1 - by * lambda2) - by * lambda1 * torch.sign(w))
            opt.step()
        if sched is not None:
            sched.step()
        if (epoch + 1) % EVAL_EVERY == 0:
            with torch.no_grad():
                history.append([epoch + 1, mean_loss(x_train, y_train, w, b), mean_loss(x_test, y_test, w, b)])
    return dict(history=history, w=[float(v) for v in w.detach()], b=float(b.detach()[0]))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', '..', 'packages', 'api', 'test', 'fixtures', 'optim-golden.json')
    data = make_data()
    x_train, y_train, x_test, y_test, w0, b0 = data
    runs = []
    for case in CASES:
        for cosine in ((False,) if 'change' in case else (False, True)):
            for dtype in (torch.float64, torch.float32):
                result = run(case, cosine, dtype, data)
                config = {k: v for k, v in case.items() if k not in ('name', 'betas', 'n_train', 'in_loss', 'l1_ratio', 'at_zero', 'change')}
                if 'l1_ratio' in case:
                    config['l1Ratio'] = case['l1_ratio']
                if 'betas' in case:
                    config['beta1'], config['beta2'] = case['betas']
                config['schedule'] = 'cosine' if cosine else 'constant'
                extra = {}
                if 'change' in case:
                    ch = dict(case['change'])
                    extra['change'] = {'epoch': ch.pop('epoch'), 'lr': ch['lr'], 'lambda': ch['lambd']}
                    if 'betas' in ch:
                        extra['change']['beta1'], extra['change']['beta2'] = ch['betas']
                    if 'momentum' in ch:
                        extra['change']['momentum'] = ch['momentum']
                runs.append(dict(**extra, name=case['name'], n_train=case.get('n_train', N_TRAIN), at_zero=case.get('at_zero', False), dtype='float64' if dtype == torch.float64 else 'float32', config=config, **result))
    fixture = dict(
        about='torch.optim traces for the optimizer tests; made by bench/python/optim_goldens.py',
        torch=torch.__version__,
        config=dict(num_inputs=D, n_train=N_TRAIN, n_test=N_TEST, batch_size=BATCH, epochs=EPOCHS, eval_every=EVAL_EVERY),
        x_train=x_train.tolist(), y_train=y_train.tolist(), x_test=x_test.tolist(), y_test=y_test.tolist(),
        w0=w0.tolist(), b0=b0,
        runs=runs,
    )
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, 'w') as f:
        json.dump(fixture, f, indent=1)
        f.write('\n')
    print(f'wrote {len(runs)} runs to {out}')


if __name__ == '__main__':
    main()
