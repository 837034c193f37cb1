// The linear model: residuals, the squared loss, the penalized gradient, evaluation.
import { dot, dot4, axpy, zero } from "./kernels";

// Four dot products of dot4.
const DOTS: usize = memory.data(32, 16);

/** The residual x·w + b − y of one example (row `x`, width `d`). */
// @ts-ignore: decorator
@inline export function residual<T>(x: usize, d: i32, w: usize, b: T, y: T): T {
  return dot<T>(x, w, d) + b - y;
}

/** The subgradient of the per-example penalty λ1·‖w‖₁ + λ2·½‖w‖² at one weight (sign(0) = 0). */
// @ts-ignore: decorator
@inline export function penaltyGrad<T>(wj: T, lambda1: T, lambda2: T): T {
  const sign: T = wj > 0 ? 1 : wj < 0 ? -1 : 0;
  return lambda1 * sign + lambda2 * wj;
}

/** The lane-wise penaltyGrad of the vector `wv`. */
// @ts-ignore: decorator
@inline function penaltyGradV<T>(wv: v128, l1: v128, l2: v128): v128 {
  const zero = v128.splat<T>(0);
  const sign = v128.or(
    v128.and(v128.gt<T>(wv, zero), v128.splat<T>(1)),
    v128.and(v128.lt<T>(wv, zero), v128.splat<T>(-1)),
  );
  return v128.add<T>(v128.mul<T>(l1, sign), v128.mul<T>(l2, wv));
}

/** Row `k` of the batch: its address, read in place through the permutation. */
// @ts-ignore: decorator
@inline function batchRow<T>(x: usize, d: i32, perm: usize, k: i32): usize {
  return x + (<usize>load<i32>(perm + (<usize>k << 2)) * <usize>d << alignof<T>());
}

/** The label of row `k` of the batch. */
// @ts-ignore: decorator
@inline function batchLabel<T>(y: usize, perm: usize, k: i32): T {
  return load<T>(y + (<usize>load<i32>(perm + (<usize>k << 2)) << alignof<T>()));
}

/** The columns j0 .. d of pass4 (rows = 4) or pass1 (rows = 1), one at a time (not inlined: few columns). */
function passTail<T>(
  x0: usize, x1: usize, x2: usize, x3: usize, r0: T, r1: T, r2: T, r3: T, rows: i32,
  grad: usize, w: usize, j0: i32, d: i32, scale: T, ml1: T, ml2: T, first: bool, last: bool,
): void {
  for (let j = j0; j < d; ++j) {
    const o = <usize>j << alignof<T>();
    let g: T = first ? 0 : load<T>(grad + o);
    g = g + r0 * load<T>(x0 + o);
    if (rows == 4) {
      g = g + r1 * load<T>(x1 + o);
      g = g + r2 * load<T>(x2 + o);
      g = g + r3 * load<T>(x3 + o);
    }
    if (last) {
      const wj = load<T>(w + o);
      store<T>(w + o, wj - scale * (g + penaltyGrad<T>(wj, ml1, ml2)));
      if (!first) store<T>(grad + o, 0);
    } else {
      store<T>(grad + o, g);
    }
  }
}

/**
 * g = (first ? 0 : grad) + r0·x0 + r1·x1 + r2·x2 + r3·x3, summed in that order per column; then
 * either grad = g, or (when `last`) the SGD update w -= scale·(g + penaltyGrad(w, ml1, ml2)),
 * leaving grad zero.
 */
// @ts-ignore: decorator
@inline function pass4<T>(
  x0: usize, x1: usize, x2: usize, x3: usize, r0: T, r1: T, r2: T, r3: T,
  grad: usize, w: usize, d: i32, scale: T, ml1: T, ml2: T, first: bool, last: bool,
): void {
  const lanes = <i32>(16 / sizeof<T>());
  const v0 = v128.splat<T>(r0);
  const v1 = v128.splat<T>(r1);
  const v2 = v128.splat<T>(r2);
  const v3 = v128.splat<T>(r3);
  const vs = v128.splat<T>(scale);
  const l1 = v128.splat<T>(ml1);
  const l2 = v128.splat<T>(ml2);
  let j = 0;
  for (; j <= d - lanes; j += lanes) {
    const o = <usize>j << alignof<T>();
    let g = first ? v128.splat<T>(0) : v128.load(grad + o);
    g = v128.add<T>(g, v128.mul<T>(v0, v128.load(x0 + o)));
    g = v128.add<T>(g, v128.mul<T>(v1, v128.load(x1 + o)));
    g = v128.add<T>(g, v128.mul<T>(v2, v128.load(x2 + o)));
    g = v128.add<T>(g, v128.mul<T>(v3, v128.load(x3 + o)));
    if (last) {
      const wv = v128.load(w + o);
      v128.store(w + o, v128.sub<T>(wv, v128.mul<T>(vs, v128.add<T>(g, penaltyGradV<T>(wv, l1, l2)))));
      if (!first) v128.store(grad + o, v128.splat<T>(0));
    } else {
      v128.store(grad + o, g);
    }
  }
  if (j < d) passTail<T>(x0, x1, x2, x3, r0, r1, r2, r3, 4, grad, w, j, d, scale, ml1, ml2, first, last);
}

/** As pass4 for one row after others (or with grad zero): g = grad + r0·x0, then grad = g, or the update and grad = 0. */
// @ts-ignore: decorator
@inline function pass1<T>(
  x0: usize, r0: T, grad: usize, w: usize, d: i32, scale: T, ml1: T, ml2: T, last: bool,
): void {
  const lanes = <i32>(16 / sizeof<T>());
  const v0 = v128.splat<T>(r0);
  const vs = v128.splat<T>(scale);
  const l1 = v128.splat<T>(ml1);
  const l2 = v128.splat<T>(ml2);
  let j = 0;
  for (; j <= d - lanes; j += lanes) {
    const o = <usize>j << alignof<T>();
    let g = v128.load(grad + o);
    g = v128.add<T>(g, v128.mul<T>(v0, v128.load(x0 + o)));
    if (last) {
      const wv = v128.load(w + o);
      v128.store(w + o, v128.sub<T>(wv, v128.mul<T>(vs, v128.add<T>(g, penaltyGradV<T>(wv, l1, l2)))));
      v128.store(grad + o, v128.splat<T>(0));
    } else {
      v128.store(grad + o, g);
    }
  }
  if (j < d) passTail<T>(x0, x0, x0, x0, r0, r0, r0, r0, 1, grad, w, j, d, scale, ml1, ml2, false, last);
}

/**
 * One SGD step on the batch rows perm[start .. start + m) (m ≥ 1):
 *   w -= scale · (Σ_k r_k x_k + penaltyGrad(w, ml1, ml2)), returning Σ_k r_k for the bias.
 * Rows are read in place four at a time, each used for its residual and its gradient term;
 * the gradient sums in row order per column, held in `grad` (d values, zero on entry and left
 * zero) between groups of a batch and never stored for a batch of exactly four rows.
 */
export function sgdStep<T>(
  x: usize, y: usize, d: i32, w: usize, b: T, perm: usize, start: i32, m: i32, grad: usize,
  scale: T, ml1: T, ml2: T,
): T {
  let gb: T = 0;
  let k = 0;
  for (; k + 4 <= m; k += 4) {
    const x0 = batchRow<T>(x, d, perm, start + k);
    const x1 = batchRow<T>(x, d, perm, start + k + 1);
    const x2 = batchRow<T>(x, d, perm, start + k + 2);
    const x3 = batchRow<T>(x, d, perm, start + k + 3);
    dot4<T>(x0, x1, x2, x3, w, d, DOTS);
    const r0 = load<T>(DOTS) + b - batchLabel<T>(y, perm, start + k);
    const r1 = load<T>(DOTS, sizeof<T>()) + b - batchLabel<T>(y, perm, start + k + 1);
    const r2 = load<T>(DOTS, 2 * sizeof<T>()) + b - batchLabel<T>(y, perm, start + k + 2);
    const r3 = load<T>(DOTS, 3 * sizeof<T>()) + b - batchLabel<T>(y, perm, start + k + 3);
    gb += r0;
    gb += r1;
    gb += r2;
    gb += r3;
    if (k == 0) {
      if (m == 4) pass4<T>(x0, x1, x2, x3, r0, r1, r2, r3, grad, w, d, scale, ml1, ml2, true, true);
      else pass4<T>(x0, x1, x2, x3, r0, r1, r2, r3, grad, w, d, scale, ml1, ml2, true, false);
    } else {
      if (k + 4 == m) pass4<T>(x0, x1, x2, x3, r0, r1, r2, r3, grad, w, d, scale, ml1, ml2, false, true);
      else pass4<T>(x0, x1, x2, x3, r0, r1, r2, r3, grad, w, d, scale, ml1, ml2, false, false);
    }
  }
  for (; k < m; ++k) {
    const x0 = batchRow<T>(x, d, perm, start + k);
    const r0 = residual<T>(x0, d, w, b, batchLabel<T>(y, perm, start + k));
    gb += r0;
    if (k + 1 == m) pass1<T>(x0, r0, grad, w, d, scale, ml1, ml2, true);
    else pass1<T>(x0, r0, grad, w, d, scale, ml1, ml2, false);
  }
  return gb;
}

/**
 * Adds Σ r_k x_k over the batch rows perm[start .. start + m) to `grad` and returns Σ r_k, with
 * the same residuals as sgdStep (for checking its gradient).
 */
export function accumulateBatch<T>(
  x: usize, y: usize, d: i32, w: usize, b: T, perm: usize, start: i32, m: i32, grad: usize,
): T {
  // The same residuals as sgdStep: four rows at a time through dot4, then one at a time.
  let gb: T = 0;
  let k = 0;
  for (; k + 4 <= m; k += 4) {
    const x0 = batchRow<T>(x, d, perm, start + k);
    const x1 = batchRow<T>(x, d, perm, start + k + 1);
    const x2 = batchRow<T>(x, d, perm, start + k + 2);
    const x3 = batchRow<T>(x, d, perm, start + k + 3);
    dot4<T>(x0, x1, x2, x3, w, d, DOTS);
    for (let q = 0; q < 4; ++q) {
      const r = load<T>(DOTS + (<usize>q << alignof<T>())) + b - batchLabel<T>(y, perm, start + k + q);
      gb += r;
      axpy<T>(r, q == 0 ? x0 : q == 1 ? x1 : q == 2 ? x2 : x3, grad, d);
    }
  }
  for (; k < m; ++k) {
    const xr = batchRow<T>(x, d, perm, start + k);
    const r = residual<T>(xr, d, w, b, batchLabel<T>(y, perm, start + k));
    gb += r;
    axpy<T>(r, xr, grad, d);
  }
  return gb;
}

/**
 * Writes the gradient of the penalized batch loss Σ_k [½ r_k² + P(w)] to `gw` (width d) and
 * returns its bias component; P(w) = λ1‖w‖₁ + λ2·½‖w‖², the batch is perm[start .. start + m).
 */
export function batchGradient<T>(
  x: usize, y: usize, d: i32, w: usize, b: T, perm: usize, start: i32, m: i32,
  lambda1: T, lambda2: T, gw: usize,
): T {
  zero<T>(gw, d);
  const gb = accumulateBatch<T>(x, y, d, w, b, perm, start, m, gw);
  const ml1 = <T>m * lambda1;
  const ml2 = <T>m * lambda2;
  for (let j = 0; j < d; ++j) {
    const o = <usize>j << alignof<T>();
    store<T>(gw + o, load<T>(gw + o) + penaltyGrad<T>(load<T>(w + o), ml1, ml2));
  }
  return gb;
}

/** The mean of ½ r² over `rows` examples (no penalty), accumulated in f64; rows four at a time. */
export function meanLoss<T>(x: usize, y: usize, rows: i32, d: i32, w: usize, b: T): f64 {
  if (rows == 0) return NaN;
  const stride = <usize>d << alignof<T>();
  let s: f64 = 0;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const x0 = x + <usize>r * stride;
    dot4<T>(x0, x0 + stride, x0 + 2 * stride, x0 + 3 * stride, w, d, DOTS);
    const yr = y + (<usize>r << alignof<T>());
    const r0 = <f64>(load<T>(DOTS) + b - load<T>(yr));
    const r1 = <f64>(load<T>(DOTS, sizeof<T>()) + b - load<T>(yr, sizeof<T>()));
    const r2 = <f64>(load<T>(DOTS, 2 * sizeof<T>()) + b - load<T>(yr, 2 * sizeof<T>()));
    const r3 = <f64>(load<T>(DOTS, 3 * sizeof<T>()) + b - load<T>(yr, 3 * sizeof<T>()));
    s += 0.5 * r0 * r0;
    s += 0.5 * r1 * r1;
    s += 0.5 * r2 * r2;
    s += 0.5 * r3 * r3;
  }
  for (; r < rows; ++r) {
    const res = <f64>residual<T>(x + <usize>r * stride, d, w, b, load<T>(y + (<usize>r << alignof<T>())));
    s += 0.5 * res * res;
  }
  return s / <f64>rows;
}

/**
 * The data gradient of one batch without an update: grad = Σ_k r_k x_k over the rows
 * perm[start .. start + m) (m ≥ 1), in the same order as sgdStep, returning Σ_k r_k. `grad`
 * must be zero on entry when m < 4 (it is overwritten otherwise).
 */
export function dataGradient<T>(x: usize, y: usize, d: i32, w: usize, b: T, perm: usize, start: i32, m: i32, grad: usize): T {
  let gb: T = 0;
  let k = 0;
  for (; k + 4 <= m; k += 4) {
    const x0 = batchRow<T>(x, d, perm, start + k);
    const x1 = batchRow<T>(x, d, perm, start + k + 1);
    const x2 = batchRow<T>(x, d, perm, start + k + 2);
    const x3 = batchRow<T>(x, d, perm, start + k + 3);
    dot4<T>(x0, x1, x2, x3, w, d, DOTS);
    const r0 = load<T>(DOTS) + b - batchLabel<T>(y, perm, start + k);
    const r1 = load<T>(DOTS, sizeof<T>()) + b - batchLabel<T>(y, perm, start + k + 1);
    const r2 = load<T>(DOTS, 2 * sizeof<T>()) + b - batchLabel<T>(y, perm, start + k + 2);
    const r3 = load<T>(DOTS, 3 * sizeof<T>()) + b - batchLabel<T>(y, perm, start + k + 3);
    gb += r0;
    gb += r1;
    gb += r2;
    gb += r3;
    if (k == 0) pass4<T>(x0, x1, x2, x3, r0, r1, r2, r3, grad, w, d, 0, 0, 0, true, false);
    else pass4<T>(x0, x1, x2, x3, r0, r1, r2, r3, grad, w, d, 0, 0, 0, false, false);
  }
  for (; k < m; ++k) {
    const x0 = batchRow<T>(x, d, perm, start + k);
    const r0 = residual<T>(x0, d, w, b, batchLabel<T>(y, perm, start + k));
    gb += r0;
    pass1<T>(x0, r0, grad, w, d, 0, 0, 0, false);
  }
  return gb;
}
