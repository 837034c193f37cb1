// Exact minimizers of mean(½ r²) + λ1‖w‖₁ + λ2·½‖w‖² (lasso, elastic net) with an unpenalized
// intercept, by cyclic coordinate descent on the centred problem.
// see: J. Friedman, T. Hastie, R. Tibshirani, "Regularization Paths for Generalized Linear
// Models via Coordinate Descent", J. Stat. Softw. 33(1), 2010 (glmnet): naive updates, soft
// thresholding, active-set iterations, convergence on max_j z_j·Δw_j².
// Coordinate descent crawls on ill-conditioned active sets, so after 16, 32, 64, … passes it
// also tries to finish exactly with an active-set method seeded by its current support and
// signs, accepting the result only if it satisfies every KKT condition.
import { polish } from "./activeset";
import { axpy, dot } from "./kernels";

// @ts-ignore: decorator
@inline const POLISH_EVERY: i32 = 16;

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/**
 * Writes the centred data column-major: xc (n×d f64, column j at xc + j·n·8) = X − x̄, and
 * yc (n f64) = y − ȳ; z (d f64) gets ‖xc_j‖² / n.
 */
export function cdPrepare<T>(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, xc: usize, yc: usize, z: usize): void {
  const t = alignof<T>();
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << t);
    for (let j = 0; j < d; j++) {
      store<f64>(f64At(xc, j * n + i), <f64>load<T>(row + (<usize>j << t)) - load<f64>(f64At(xmean, j)));
    }
    store<f64>(f64At(yc, i), <f64>load<T>(y + (<usize>i << t)) - ymean);
  }
  for (let j = 0; j < d; j++) {
    const col = xc + (<usize>j * <usize>n << 3);
    let s: f64 = 0;
    for (let i = 0; i < n; i++) {
      const v = load<f64>(f64At(col, i));
      s += v * v;
    }
    store<f64>(f64At(z, j), s / <f64>n);
  }
}

/** One coordinate update; returns z_j·Δ², the change measure glmnet tests. */
// @ts-ignore: decorator
@inline function update(xc: usize, n: i32, j: i32, z: usize, w: usize, r: usize, lambda1: f64, lambda2: f64): f64 {
  const zj = load<f64>(f64At(z, j));
  const old = load<f64>(f64At(w, j));
  if (zj == 0) {
    store<f64>(f64At(w, j), 0);
    return 0;
  }
  const col = xc + (<usize>j * <usize>n << 3);
  const g = dot<f64>(col, r, n) / <f64>n + zj * old;
  const shrunk = g > lambda1 ? g - lambda1 : g < -lambda1 ? g + lambda1 : 0;
  const next = shrunk / (zj + lambda2);
  const delta = next - old;
  if (delta == 0) return 0;
  axpy<f64>(-delta, col, r, n);
  store<f64>(f64At(w, j), next);
  return zj * delta * delta;
}

/** r = yc − Xc·w, afresh. */
function residual(xc: usize, yc: usize, n: i32, d: i32, w: usize, r: usize): void {
  memory.copy(r, yc, <usize>n << 3);
  for (let j = 0; j < d; j++) {
    const wj = load<f64>(f64At(w, j));
    if (wj != 0) axpy<f64>(-wj, xc + (<usize>j * <usize>n << 3), r, n);
  }
}

/**
 * The largest violation of the optimality (KKT) conditions at w, with g_j = xc_jᵀr/n:
 * |g_j − λ1·sign(w_j) − λ2·w_j| where w_j ≠ 0, max(|g_j| − λ1, 0) where w_j = 0. Recomputes
 * the residual into `r` (n f64) from scratch first.
 */
export function cdKkt(xc: usize, yc: usize, n: i32, d: i32, w: usize, r: usize, lambda1: f64, lambda2: f64): f64 {
  residual(xc, yc, n, d, w, r);
  let worst: f64 = 0;
  for (let j = 0; j < d; j++) {
    const g = dot<f64>(xc + (<usize>j * <usize>n << 3), r, n) / <f64>n;
    const wj = load<f64>(f64At(w, j));
    const v = wj == 0 ? Math.max(Math.abs(g) - lambda1, 0) : Math.abs(g - lambda1 * (wj > 0 ? 1 : -1) - lambda2 * wj);
    if (!(v <= worst)) worst = v; // NaN propagates
  }
  return worst;
}

let lastKkt: f64 = NaN;

/** The KKT violation that `cdSolve` accepted at its last convergence (NaN if it never checked). */
export function cdLastKkt(): f64 {
  return lastKkt;
}

/**
 * Minimizes from the warm start in `w` (d f64, updated in place); `r` is n f64 of scratch.
 * The active-set step uses `gram` (m² f64), `rv` (2n f64), `rhs`, `sgn`, `mag` (d f64) and `idx`
 * (d i32); it runs after 16, 32, 64, … passes (only when `kktTol` is finite: the target λ). A pass that moves no coordinate by more than
 * z_j·Δ² > tol·(‖yc‖²/n), or an active-set step that satisfies every KKT condition, proposes
 * convergence; it is accepted only when the KKT violation (`cdKkt`, one more pass) is at most
 * `kktTol` (skipped when `kktTol` is infinite), else the change tolerance tightens and descent
 * goes on. Descent runs over the strong set (`strong`: d bytes; `lambdaPrev` is the λ1 of the
 * previous path step, or the top of the path). `grad` (d f64) gets g_j = xc_jᵀr/n of every
 * coordinate outside the strong set at the last check; `gradKnown`: it holds them for this w
 * (the previous path step converged here), so screening reads them instead of a sweep over the
 * data. The KKT violation accepted goes to `cdLastKkt`. Returns the passes made (a screening or
 * checking sweep counts as one), negated if `maxPasses` ran out first.
 */
export function cdSolve(
  xc: usize, yc: usize, n: i32, d: i32, z: usize, lambda1: f64, lambda2: f64, w: usize, r: usize, tol: f64, maxPasses: i32,
  gram: usize, rhs: usize, idx: usize, sgn: usize, mag: usize, rv: usize, m: i32, kktTol: f64,
  strong: usize, lambdaPrev: f64, grad: usize, gradKnown: bool,
): i32 {
  let nullDeviance: f64 = 0;
  for (let i = 0; i < n; i++) nullDeviance += load<f64>(f64At(yc, i)) * load<f64>(f64At(yc, i));
  nullDeviance /= <f64>n;
  let threshold = tol * (nullDeviance > 0 ? nullDeviance : 1);
  residual(xc, yc, n, d, w, r);
  let passes = 0;
  lastKkt = NaN;
  // see: R. Tibshirani et al., "Strong rules for discarding predictors in lasso-type problems",
  // JRSS B 74(2), 2012: the sequential strong rule keeps j when |g_j| ≥ 2λ1 − λ1(previous);
  // the discarded ones are checked against the KKT conditions before convergence is proposed.
  const cut = 2 * lambda1 - lambdaPrev;
  for (let j = 0; j < d; j++) {
    let keep = load<f64>(f64At(w, j)) != 0;
    if (!keep) {
      // Outside the previous strong set, the last check already took this gradient at this w.
      const g = gradKnown && load<u8>(strong + <usize>j) == 0 ? load<f64>(f64At(grad, j)) : dot<f64>(xc + (<usize>j * <usize>n << 3), r, n) / <f64>n;
      keep = Math.abs(g) >= cut;
    }
    store<u8>(strong + <usize>j, keep ? 1 : 0);
  }
  passes++;
  let nextPolish = POLISH_EVERY;
  while (passes < maxPasses) {
    let change: f64 = 0;
    for (let j = 0; j < d; j++) {
      if (load<u8>(strong + <usize>j) != 0 || load<f64>(f64At(w, j)) != 0) change = Math.max(change, update(xc, n, j, z, w, r, lambda1, lambda2));
    }
    passes++;
    let proposed = change <= threshold;
    // Iterate on the active set (nonzero weights) until it settles, then check all again.
    while (!proposed && passes < maxPasses) {
      let inner: f64 = 0;
      for (let j = 0; j < d; j++) {
        if (load<f64>(f64At(w, j)) != 0) inner = Math.max(inner, update(xc, n, j, z, w, r, lambda1, lambda2));
      }
      passes++;
      if (kktTol != Infinity && passes >= nextPolish) {
        nextPolish *= 2;
        if (polish(xc, yc, n, d, lambda1, lambda2, w, r, gram, rhs, idx, sgn, mag, rv, m)) proposed = true;
      }
      if (inner <= threshold) break;
    }
    if (!proposed) continue;
    // Discarded coordinates that violate |g_j| ≤ λ1 rejoin, and descent goes on.
    passes++;
    let rejoined = false;
    for (let j = 0; j < d; j++) {
      if (load<u8>(strong + <usize>j) != 0) continue;
      const g = dot<f64>(xc + (<usize>j * <usize>n << 3), r, n) / <f64>n;
      store<f64>(f64At(grad, j), g);
      if (Math.abs(g) > lambda1) {
        store<u8>(strong + <usize>j, 1);
        rejoined = true;
      }
    }
    if (rejoined) continue;
    if (kktTol == Infinity) return passes;
    if (passes >= maxPasses) break;
    passes++;
    lastKkt = cdKkt(xc, yc, n, d, w, r, lambda1, lambda2);
    if (lastKkt <= kktTol) return passes;
    threshold *= 0.01;
  }
  return -passes;
}

/** out (d f64) = Xcᵀ·yc, for `cdUseGram`. */
export function cdXty(xc: usize, yc: usize, n: i32, d: i32, out: usize): void {
  for (let j = 0; j < d; j++) store<f64>(f64At(out, j), dot<f64>(xc + (<usize>j * <usize>n << 3), yc, n));
}

/** max_j |xc_jᵀ·yc| / n: the smallest λ1 at which w = 0 is the minimizer (the top of the path). */
export function cdLambdaMax(xc: usize, yc: usize, n: i32, d: i32): f64 {
  let top: f64 = 0;
  for (let j = 0; j < d; j++) {
    const col = xc + (<usize>j * <usize>n << 3);
    let g: f64 = 0;
    for (let i = 0; i < n; i++) g += load<f64>(f64At(col, i)) * load<f64>(f64At(yc, i));
    top = Math.max(top, Math.abs(g));
  }
  return top / <f64>n;
}
