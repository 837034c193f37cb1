"""The seed's PyTorch code (Dive into Deep Learning, "Weight Decay", from scratch), timed.

d2l itself is not installable here, so its small helpers used by the section are inlined as
the book defines them (synthetic_data, load_array, linreg, squared_loss, sgd, evaluate_loss,
Accumulator). The Animator only plots; the history it would plot is kept in a list instead.

    python3 seed_torch.py pair REPS              train(0) + train(10), default config, data + eval
    python3 seed_torch.py large float32 REPS     d=4096, nTrain=16384, batch 64, 2 epochs, training only
    python3 seed_torch.py versions

Prints one JSON line.
"""
import json
import sys
import time

import torch
from torch.utils import data

torch.set_num_threads(1)


# --- d2l helpers, as in the book -------------------------------------------------------------
def synthetic_data(w, b, num_examples):
    """Generate y = Xw + b + noise."""
    X = torch.normal(0, 1, (num_examples, len(w)))
    y = torch.matmul(X, w) + b
    y += torch.normal(0, 0.01, y.shape)
    return X, y.reshape((-1, 1))


def load_array(data_arrays, batch_size, is_train=True):
    """Construct a PyTorch data iterator."""
    dataset = data.TensorDataset(*data_arrays)
    return data.DataLoader(dataset, batch_size, shuffle=is_train)


def linreg(X, w, b):
    """The linear regression model."""
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    """Squared loss."""
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent."""
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


class Accumulator:
    """For accumulating sums over `n` variables."""

    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + float(b) for a, b in zip(self.data, args)]

    def __getitem__(self, idx):
        return self.data[idx]


def evaluate_loss(net, data_iter, loss):
    """Evaluate the loss of a model on the given dataset."""
    metric = Accumulator(2)  # Sum of losses, no. of examples
    for X, y in data_iter:
        out = net(X)
        y = y.reshape(out.shape)
        l = loss(out, y)
        metric.add(l.sum(), l.numel())
    return metric[0] / metric[1]


# --- the section's code ----------------------------------------------------------------------
def make_problem(n_train, n_test, num_inputs, batch_size, dtype=torch.float32):
    true_w, true_b = torch.ones((num_inputs, 1), dtype=dtype) * 0.01, 0.05
    train_data = synthetic_data(true_w, true_b, n_train)
    train_iter = load_array(train_data, batch_size)
    test_data = synthetic_data(true_w, true_b, n_test)
    test_iter = load_array(test_data, batch_size, is_train=False)
    return train_iter, test_iter


def init_params(num_inputs, dtype=torch.float32):
    w = torch.normal(0, 1, size=(num_inputs, 1), dtype=dtype, requires_grad=True)
    b = torch.zeros(1, dtype=dtype, requires_grad=True)
    return [w, b]


def l2_penalty(w):
    return torch.sum(w.pow(2)) / 2


def train(lambd, train_iter, test_iter, num_inputs, batch_size, num_epochs=100, lr=0.003, evaluate=True, dtype=torch.float32):
    w, b = init_params(num_inputs, dtype)
    net, loss = lambda X: linreg(X, w, b), squared_loss
    history = []
    for epoch in range(num_epochs):
        for X, y in train_iter:
            # The L2 norm penalty term has been added, and broadcasting
            # makes `l2_penalty(w)` a vector whose length is `batch_size`
            l = loss(net(X), y) + lambd * l2_penalty(w)
            l.sum().backward()
            sgd([w, b], lr, batch_size)
        if evaluate and (epoch + 1) % 5 == 0:
            history.append((epoch + 1, evaluate_loss(net, train_iter, loss), evaluate_loss(net, test_iter, loss)))
    return torch.norm(w).item(), history


def pair(reps):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        train_iter, test_iter = make_problem(20, 100, 200, 5)
        train(0, train_iter, test_iter, 200, 5)
        train(10, train_iter, test_iter, 200, 5)
        times.append((time.perf_counter() - t0) * 1e3)
    return times


def large(dtype_name, reps):
    dtype = torch.float32 if dtype_name == "float32" else torch.float64
    torch.set_default_dtype(dtype)  # the book's helpers draw in the default dtype
    train_iter, test_iter = make_problem(16384, 100, 4096, 64, dtype)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        train(0, train_iter, test_iter, 4096, 64, num_epochs=2, lr=1e-4, evaluate=False, dtype=dtype)
        times.append((time.perf_counter() - t0) * 1e3)
    return times


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "pair":
        print(json.dumps({"ms": pair(int(sys.argv[2]))}))
    elif mode == "large":
        print(json.dumps({"ms": large(sys.argv[2], int(sys.argv[3]))}))
    elif mode == "versions":
        print(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0], "threads": torch.get_num_threads()}))
    else:
        sys.exit(f"unknown mode {mode}")
