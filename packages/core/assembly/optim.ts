// Optimizers beyond plain SGD: SGD with momentum / Nesterov and Adam, with the penalty's gradient
// coupled (added to the data gradient) or decoupled / independent (a shrink of w before the
// step), and an optional cosine schedule. The arithmetic mirrors torch.optim (1.13, single-tensor
// path) operation by operation (β^t aside: binary powering), so float64 runs agree with it to rounding.
// see: torch/optim/sgd.py, adam.py, adamw.py, lr_scheduler.py (CosineAnnealingLR)
import { sgdStep, dataGradient } from "./model";
import { allFinite } from "./kernels";
import { shuffle } from "./data";

// Slots of the f64 parameter block, 16 of them (the API writes slots 0–11 before each call; 12–15
// are state); packages/api/src/optimizer.ts writes the same layout.
const P_LR = 0; // base learning rate
const P_L1 = 1; // λ1 (weight of ‖w‖₁)
const P_L2 = 2; // λ2 (weight of ½‖w‖²)
const P_MOMENTUM = 3;
const P_BETA1 = 4;
const P_BETA2 = 5;
const P_EPS = 6;
const P_TOTAL = 7; // T_max of the cosine schedule (the run's epochs)
const P_OPTIMIZER = 8; // 0 sgd, 1 adam
const P_NESTEROV = 9; // 0 or 1
const P_DECAY = 10; // 0 coupled, 1 decoupled, 2 independent
const P_SCHEDULE = 11; // 0 constant, 1 cosine
const P_STEP = 12; // Adam's step count
const P_BIAS_BUF = 13; // the bias's momentum buffer
const P_BIAS_M = 14; // the bias's first moment
const P_BIAS_V = 15; // the bias's second moment

/** Lane-wise sign (sign(0) = 0). */
// @ts-ignore: decorator
@inline function signV<T>(w: v128): v128 {
  const zero = v128.splat<T>(0);
  return v128.or(
    v128.and(v128.gt<T>(w, zero), v128.splat<T>(1)),
    v128.and(v128.lt<T>(w, zero), v128.splat<T>(-1)),
  );
}

/** sign(w) with sign(0) = 0. */
// @ts-ignore: decorator
@inline function sign<T>(w: T): T {
  return w > 0 ? <T>1 : w < 0 ? <T>-1 : <T>0;
}

/**
 * One SGD step over the d weights from the data gradient sum in `grad` (left zero):
 *   g = gs·grad [+ pc1·sign(w) + pc2·w when coupled];  w = sc·w − s1·sign(w) when shrinking;
 *   buf = μ·buf + g and d = g + μ·buf (Nesterov) or buf, when momentum; else d = g;  w −= lr·d.
 */
// @ts-ignore: decorator
@inline function sgdPass<T>(
  w: usize, grad: usize, buf: usize, d: i32, gs: T, pc1: T, pc2: T, sc: T, s1: T, lr: T, mu: T,
  coupled: bool, shrink: bool, momentum: bool, nesterov: bool,
): void {
  const lanes = <i32>(16 / sizeof<T>());
  const vgs = v128.splat<T>(gs);
  const vpc1 = v128.splat<T>(pc1);
  const vpc2 = v128.splat<T>(pc2);
  const vsc = v128.splat<T>(sc);
  const vs1 = v128.splat<T>(s1);
  const vlr = v128.splat<T>(lr);
  const vmu = v128.splat<T>(mu);
  let j = 0;
  for (; j <= d - lanes; j += lanes) {
    const o = <usize>j << alignof<T>();
    let g = v128.mul<T>(vgs, v128.load(grad + o));
    v128.store(grad + o, v128.splat<T>(0));
    let wv = v128.load(w + o);
    if (coupled) g = v128.add<T>(g, v128.add<T>(v128.mul<T>(vpc1, signV<T>(wv)), v128.mul<T>(vpc2, wv)));
    if (shrink) wv = v128.sub<T>(v128.mul<T>(wv, vsc), v128.mul<T>(vs1, signV<T>(wv)));
    let step = g;
    if (momentum) {
      const bv = v128.add<T>(v128.mul<T>(v128.load(buf + o), vmu), g);
      v128.store(buf + o, bv);
      step = nesterov ? v128.add<T>(g, v128.mul<T>(vmu, bv)) : bv;
    }
    v128.store(w + o, v128.sub<T>(wv, v128.mul<T>(vlr, step)));
  }
  for (; j < d; ++j) {
    const o = <usize>j << alignof<T>();
    let g = gs * load<T>(grad + o);
    store<T>(grad + o, 0);
    let wj = load<T>(w + o);
    if (coupled) g = g + (pc1 * sign<T>(wj) + pc2 * wj);
    if (shrink) wj = wj * sc - s1 * sign<T>(wj);
    let step = g;
    if (momentum) {
      const bj = load<T>(buf + o) * mu + g;
      store<T>(buf + o, bj);
      step = nesterov ? g + mu * bj : bj;
    }
    store<T>(w + o, wj - lr * step);
  }
}

/**
 * One Adam step over the d weights from the data gradient sum in `grad` (left zero), g and the
 * shrink as in sgdPass, then (torch 1.13's order of operations):
 *   m = β1·m + (1−β1)·g;  v = β2·v + ((1−β2)·g)·g;  w −= ss · m / (√v / bc2s + eps).
 */
// @ts-ignore: decorator
@inline function adamPass<T>(
  w: usize, grad: usize, mp: usize, vp: usize, d: i32, gs: T, pc1: T, pc2: T, sc: T, s1: T,
  b1: T, c1: T, b2: T, c2: T, bc2s: T, eps: T, ss: T, coupled: bool, shrink: bool,
): void {
  const lanes = <i32>(16 / sizeof<T>());
  const vgs = v128.splat<T>(gs);
  const vpc1 = v128.splat<T>(pc1);
  const vpc2 = v128.splat<T>(pc2);
  const vsc = v128.splat<T>(sc);
  const vs1 = v128.splat<T>(s1);
  const vb1 = v128.splat<T>(b1);
  const vc1 = v128.splat<T>(c1);
  const vb2 = v128.splat<T>(b2);
  const vc2 = v128.splat<T>(c2);
  const vbc = v128.splat<T>(bc2s);
  const veps = v128.splat<T>(eps);
  const vss = v128.splat<T>(ss);
  let j = 0;
  for (; j <= d - lanes; j += lanes) {
    const o = <usize>j << alignof<T>();
    let g = v128.mul<T>(vgs, v128.load(grad + o));
    v128.store(grad + o, v128.splat<T>(0));
    let wv = v128.load(w + o);
    if (coupled) g = v128.add<T>(g, v128.add<T>(v128.mul<T>(vpc1, signV<T>(wv)), v128.mul<T>(vpc2, wv)));
    if (shrink) wv = v128.sub<T>(v128.mul<T>(wv, vsc), v128.mul<T>(vs1, signV<T>(wv)));
    const m = v128.add<T>(v128.mul<T>(v128.load(mp + o), vb1), v128.mul<T>(vc1, g));
    const v = v128.add<T>(v128.mul<T>(v128.load(vp + o), vb2), v128.mul<T>(v128.mul<T>(vc2, g), g));
    v128.store(mp + o, m);
    v128.store(vp + o, v);
    const denom = v128.add<T>(v128.div<T>(v128.sqrt<T>(v), vbc), veps);
    v128.store(w + o, v128.sub<T>(wv, v128.mul<T>(vss, v128.div<T>(m, denom))));
  }
  for (; j < d; ++j) {
    const o = <usize>j << alignof<T>();
    let g = gs * load<T>(grad + o);
    store<T>(grad + o, 0);
    let wj = load<T>(w + o);
    if (coupled) g = g + (pc1 * sign<T>(wj) + pc2 * wj);
    if (shrink) wj = wj * sc - s1 * sign<T>(wj);
    const m = load<T>(mp + o) * b1 + c1 * g;
    const v = load<T>(vp + o) * b2 + (c2 * g) * g;
    store<T>(mp + o, m);
    store<T>(vp + o, v);
    store<T>(w + o, wj - ss * (m / (<T>Math.sqrt(<f64>v) / bc2s + eps)));
  }
}

/** sgdPass with the decay mode as a constant. */
function sgdUpdate<T>(
  w: usize, grad: usize, buf: usize, d: i32, gs: T, pc1: T, pc2: T, sc: T, s1: T, lr: T, mu: T,
  coupled: bool, momentum: bool, nesterov: bool,
): void {
  // Specialised on the decay mode only: the momentum branches are loop-invariant and cheap.
  if (coupled) sgdPass<T>(w, grad, buf, d, gs, pc1, pc2, sc, s1, lr, mu, true, false, momentum, nesterov);
  else sgdPass<T>(w, grad, buf, d, gs, pc1, pc2, sc, s1, lr, mu, false, true, momentum, nesterov);
}

/** adamPass with its flags as constants. */
function adamUpdate<T>(
  w: usize, grad: usize, mp: usize, vp: usize, d: i32, gs: T, pc1: T, pc2: T, sc: T, s1: T,
  b1: T, c1: T, b2: T, c2: T, bc2s: T, eps: T, ss: T, coupled: bool,
): void {
  if (coupled) adamPass<T>(w, grad, mp, vp, d, gs, pc1, pc2, sc, s1, b1, c1, b2, c2, bc2s, eps, ss, true, false);
  else adamPass<T>(w, grad, mp, vp, d, gs, pc1, pc2, sc, s1, b1, c1, b2, c2, bc2s, eps, ss, false, true);
}

/**
 * x^n for a whole n ≥ 0 by binary powering (a few roundings; libm's pow would add 5.5 KB of
 * wasm for Adam's two bias corrections). β^t is taken afresh each step, so a β changed mid-run
 * applies to the whole count, as in torch.
 */
function powWhole(x: f64, n: f64): f64 {
  let r: f64 = 1;
  let base = x;
  for (let k = <u64>n; k != 0; k >>= 1) {
    if (k & 1) r *= base;
    base *= base;
  }
  return r;
}

/** Slot `i` of the parameter block. */
// @ts-ignore: decorator
@inline function slot(params: usize, i: i32): f64 {
  return load<f64>(params + (<usize>i << 3));
}

/**
 * Runs `epochs` epochs, numbered from `epoch0`, of minibatch SGD (momentum, Nesterov) or Adam as
 * set in the parameter block at `params` (see the P_ slots), updating w, the bias at `bPtr`, the
 * momentum buffer `buf` and Adam's moments `mp`, `vp` (d values each) in place. Per batch of
 * m ≤ batchSize rows, with the epoch's lr_t = lr·(1 + cos(π·e/T))/2 (cosine) or lr:
 *   the gradient is Σ r_k x_k / batchSize, plus (m/batchSize)·∇P(w) when decay is coupled;
 *   decoupled decay first shrinks w by lr_t·∇P(w), independent decay by (lr_t/lr)·∇P(w);
 *   the bias takes the same optimizer with no decay.
 * Plain SGD with coupled decay (or λ = 0) takes the fused step of model.ts. Returns the number of epochs
 * that ended with finite parameters, as sgdEpochs does.
 */
export function optimEpochs<T>(
  x: usize, y: usize, n: i32, d: i32, w: usize, bPtr: usize, grad: usize, perm: usize,
  rng: usize, reshuffle: bool, batchSize: i32, epoch0: i32, epochs: i32,
  params: usize, buf: usize, mp: usize, vp: usize,
): i32 {
  const lr = slot(params, P_LR);
  const lambda1 = slot(params, P_L1);
  const lambda2 = slot(params, P_L2);
  const mu = slot(params, P_MOMENTUM);
  const beta1 = slot(params, P_BETA1);
  const beta2 = slot(params, P_BETA2);
  const eps = <T>slot(params, P_EPS);
  const total = slot(params, P_TOTAL);
  const adam = slot(params, P_OPTIMIZER) == 1;
  const nesterov = slot(params, P_NESTEROV) == 1;
  const decay = <i32>slot(params, P_DECAY);
  const cosine = slot(params, P_SCHEDULE) == 1;
  const coupled = decay == 0;
  const momentum = mu != 0;
  // With λ = 0 the decay mode changes nothing, so it must not change the bits either.
  const fused = !adam && !momentum && (coupled || (lambda1 == 0 && lambda2 == 0));
  const gs = <T>(1 / <f64>batchSize);
  const muT = <T>mu;
  const b1 = <T>beta1;
  const c1 = <T>(1 - beta1);
  const b2 = <T>beta2;
  const c2 = <T>(1 - beta2);
  let t = slot(params, P_STEP);
  let bBuf = <T>slot(params, P_BIAS_BUF);
  let bM = <T>slot(params, P_BIAS_M);
  let bV = <T>slot(params, P_BIAS_V);
  let b = load<T>(bPtr);
  let ran = epochs;
  for (let e = 0; e < epochs; ++e) {
    if (reshuffle) shuffle(rng, perm, n);
    // As torch's closed form: eta_min + (base_lr − eta_min)·(1 + cos(π·e/T))/2 with eta_min = 0.
    const wave = cosine ? 1 + Math.cos(Math.PI * <f64>(epoch0 + e) / total) : 2;
    const lrt = cosine ? lr * wave / 2 : lr;
    const factor = wave / 2;
    const lrT = <T>lrt;
    const shrinkBy = decay == 1 ? lrt : factor;
    const sc = <T>(1 - shrinkBy * lambda2);
    const s1 = <T>(shrinkBy * lambda1);
    for (let start = 0; start < n; start += batchSize) {
      const m = min(batchSize, n - start);
      if (fused) {
        const scale = <T>(lrt / <f64>batchSize);
        const mT = <T>m;
        const gb = sgdStep<T>(x, y, d, w, b, perm, start, m, grad, scale, mT * <T>lambda1, mT * <T>lambda2);
        b -= scale * gb;
        continue;
      }
      const gb = gs * dataGradient<T>(x, y, d, w, b, perm, start, m, grad);
      const cm = <f64>m / <f64>batchSize;
      const pc1 = <T>(coupled ? cm * lambda1 : 0);
      const pc2 = <T>(coupled ? cm * lambda2 : 0);
      if (adam) {
        t += 1;
        const bc1 = 1 - powWhole(beta1, t);
        const bc2s = <T>Math.sqrt(1 - powWhole(beta2, t));
        const ss = <T>(lrt / bc1);
        adamUpdate<T>(w, grad, mp, vp, d, gs, pc1, pc2, sc, s1, b1, c1, b2, c2, bc2s, eps, ss, coupled);
        bM = bM * b1 + c1 * gb;
        bV = bV * b2 + (c2 * gb) * gb;
        b = b - ss * (bM / (<T>Math.sqrt(<f64>bV) / bc2s + eps));
      } else {
        sgdUpdate<T>(w, grad, buf, d, gs, pc1, pc2, sc, s1, lrT, muT, coupled, momentum, nesterov);
        let step = gb;
        if (momentum) {
          bBuf = bBuf * muT + gb;
          step = nesterov ? gb + muT * bBuf : bBuf;
        }
        b = b - lrT * step;
      }
    }
    store<T>(bPtr, b);
    if (!(allFinite<T>(w, d) && b - b == 0)) {
      ran = e;
      break;
    }
  }
  store<f64>(params + (<usize>P_STEP << 3), t);
  store<f64>(params + (<usize>P_BIAS_BUF << 3), <f64>bBuf);
  store<f64>(params + (<usize>P_BIAS_M << 3), <f64>bM);
  store<f64>(params + (<usize>P_BIAS_V << 3), <f64>bV);
  return ran;
}
