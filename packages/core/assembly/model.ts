// The linear model: residuals, the squared loss, the penalized gradient, evaluation.
import { dot, axpy, zero } from "./kernels";

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

/**
 * Adds Σ r_k x_k over the batch rows perm[start .. start + m) to `grad` and returns Σ r_k,
 * reading each row in place and using it for the forward pass and the gradient at once.
 */
export function accumulateBatch<T>(
  x: usize, y: usize, d: i32, w: usize, b: T, perm: usize, start: i32, m: i32, grad: usize,
): T {
  let gb: T = 0;
  for (let k = 0; k < m; ++k) {
    const row = <usize>load<i32>(perm + (<usize>(start + k) << 2));
    const xr = x + (row * <usize>d << alignof<T>());
    const r = residual<T>(xr, d, w, b, load<T>(y + (row << alignof<T>())));
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

/** The mean of ½ r² over `rows` examples (no penalty), accumulated in f64. */
export function meanLoss<T>(x: usize, y: usize, rows: i32, d: i32, w: usize, b: T): f64 {
  if (rows == 0) return NaN;
  let s: f64 = 0;
  for (let r = 0; r < rows; ++r) {
    const xr = x + (<usize>r * <usize>d << alignof<T>());
    const res = <f64>residual<T>(xr, d, w, b, load<T>(y + (<usize>r << alignof<T>())));
    s += 0.5 * res * res;
  }
  return s / <f64>rows;
}
