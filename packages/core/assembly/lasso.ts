// Exact minimizers of mean(½ r²) + λ1‖w‖₁ + λ2·½‖w‖² (lasso, elastic net) with an unpenalized
// intercept, by cyclic coordinate descent on the centred problem.
// see: J. Friedman, T. Hastie, R. Tibshirani, "Regularization Paths for Generalized Linear
// Models via Coordinate Descent", J. Stat. Softw. 33(1), 2010 (glmnet): naive updates, soft
// thresholding, active-set iterations, convergence on max_j z_j·Δw_j².

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
  let g: f64 = 0;
  for (let i = 0; i < n; i++) g += load<f64>(f64At(col, i)) * load<f64>(f64At(r, i));
  g = g / <f64>n + zj * old;
  const shrunk = g > lambda1 ? g - lambda1 : g < -lambda1 ? g + lambda1 : 0;
  const next = shrunk / (zj + lambda2);
  const delta = next - old;
  if (delta == 0) return 0;
  for (let i = 0; i < n; i++) store<f64>(f64At(r, i), load<f64>(f64At(r, i)) - delta * load<f64>(f64At(col, i)));
  store<f64>(f64At(w, j), next);
  return zj * delta * delta;
}

/**
 * Minimizes from the warm start in `w` (d f64, updated in place); `r` is n f64 of scratch.
 * Converged when a full pass changes no coordinate by more than z_j·Δ² > tol·(‖yc‖²/n).
 * Returns the number of passes, negated if `maxPasses` ran out first.
 */
export function cdSolve(xc: usize, yc: usize, n: i32, d: i32, z: usize, lambda1: f64, lambda2: f64, w: usize, r: usize, tol: f64, maxPasses: i32): i32 {
  let nullDeviance: f64 = 0;
  for (let i = 0; i < n; i++) nullDeviance += load<f64>(f64At(yc, i)) * load<f64>(f64At(yc, i));
  nullDeviance /= <f64>n;
  const threshold = tol * (nullDeviance > 0 ? nullDeviance : 1);
  // r = yc − Xc·w
  memory.copy(r, yc, <usize>n << 3);
  for (let j = 0; j < d; j++) {
    const wj = load<f64>(f64At(w, j));
    if (wj == 0) continue;
    const col = xc + (<usize>j * <usize>n << 3);
    for (let i = 0; i < n; i++) store<f64>(f64At(r, i), load<f64>(f64At(r, i)) - wj * load<f64>(f64At(col, i)));
  }
  let passes = 0;
  while (passes < maxPasses) {
    let change: f64 = 0;
    for (let j = 0; j < d; j++) change = Math.max(change, update(xc, n, j, z, w, r, lambda1, lambda2));
    passes++;
    if (change <= threshold) return passes;
    // Iterate on the active set (nonzero weights) until it settles, then check all again.
    while (passes < maxPasses) {
      let inner: f64 = 0;
      for (let j = 0; j < d; j++) {
        if (load<f64>(f64At(w, j)) != 0) inner = Math.max(inner, update(xc, n, j, z, w, r, lambda1, lambda2));
      }
      passes++;
      if (inner <= threshold) break;
    }
  }
  return -passes;
}
