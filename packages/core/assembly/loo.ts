// Exact leave-one-out errors of ridge regression with an unpenalized intercept, for a whole grid
// of λ from one eigendecomposition: e_i = r_i / (1 − h_ii), where H is the hat matrix.
// see: scikit-learn sklearn/linear_model/_ridge.py, _RidgeGCV (RidgeCV's efficient LOO)
import { symmetricEigen } from "./linalg";

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/**
 * For each of the `nl` λ at `lambdas` (f64), the mean and the standard error of ½e_i² over the n
 * rows, where e_i is the exact leave-one-out residual of the minimizer of
 * mean(½ r²) + λ·½‖w‖² on the other n − 1 rows, written to out[2l] and out[2l + 1]. With
 * centred rows c_i and m = min(n, d), U (n×m at `u`) holds an orthonormal basis of the column
 * space of the centred data with eigenvalues μ_k of its Gram matrix, so that
 * H = 11ᵀ/n + U·diag(μ/(μ + (n − 1)λ))·Uᵀ.
 * Scratch: `gram` m×m f64, `eig` m f64, `s` m f64, `work` max(n, d) f64. A row with h_ii = 1
 * (interpolated: λ = 0 with d ≥ n) gives an infinite error. Returns false if the
 * eigensolver failed.
 */
export function ridgeLoo<T>(
  x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, lambdas: usize, nl: i32,
  gram: usize, eig: usize, u: usize, s: usize, work: usize, out: usize,
): bool {
  const t = alignof<T>();
  const primal = d <= n;
  const m = primal ? d : n;
  memory.fill(gram, 0, <usize>m * <usize>m << 3);
  if (primal) {
    for (let i = 0; i < n; i++) {
      const row = x + (<usize>i * <usize>d << t);
      for (let j = 0; j < d; j++) store<f64>(f64At(work, j), <f64>load<T>(row + (<usize>j << t)) - load<f64>(f64At(xmean, j)));
      for (let j = 0; j < d; j++) {
        const cj = load<f64>(f64At(work, j));
        const gj = gram + (<usize>j * <usize>d << 3);
        for (let k = j; k < d; k++) store<f64>(f64At(gj, k), load<f64>(f64At(gj, k)) + cj * load<f64>(f64At(work, k)));
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const ri = x + (<usize>i * <usize>d << t);
      for (let j = i; j < n; j++) {
        const rj = x + (<usize>j * <usize>d << t);
        let acc: f64 = 0;
        for (let k = 0; k < d; k++) {
          const xk = load<f64>(f64At(xmean, k));
          acc += (<f64>load<T>(ri + (<usize>k << t)) - xk) * (<f64>load<T>(rj + (<usize>k << t)) - xk);
        }
        store<f64>(f64At(gram, i * n + j), acc);
      }
    }
  }
  for (let j = 0; j < m; j++) {
    for (let k = j + 1; k < m; k++) store<f64>(f64At(gram, k * m + j), load<f64>(f64At(gram, j * m + k)));
  }
  if (!symmetricEigen(gram, m, eig, work)) return false;
  let top: f64 = 0;
  for (let k = 0; k < m; k++) top = Math.max(top, Math.abs(load<f64>(f64At(eig, k))));
  // Eigenvalues this small are zero up to rounding (as in ridgeSolve): their directions are dropped.
  const cutoff = top * <f64>m * 2.220446049250313e-16;
  for (let k = 0; k < m; k++) {
    if (load<f64>(f64At(eig, k)) <= cutoff) store<f64>(f64At(eig, k), 0);
  }
  if (primal) {
    // U = Xc·Q·diag(μ^−½): the left singular vectors of the centred data.
    for (let i = 0; i < n; i++) {
      const row = x + (<usize>i * <usize>d << t);
      for (let j = 0; j < d; j++) store<f64>(f64At(work, j), <f64>load<T>(row + (<usize>j << t)) - load<f64>(f64At(xmean, j)));
      for (let k = 0; k < m; k++) {
        const mu = load<f64>(f64At(eig, k));
        let acc: f64 = 0;
        if (mu > 0) {
          for (let j = 0; j < d; j++) acc += load<f64>(f64At(work, j)) * load<f64>(f64At(gram, j * m + k));
          acc /= Math.sqrt(mu);
        }
        store<f64>(f64At(u, i * m + k), acc);
      }
    }
  } else {
    memory.copy(u, gram, <usize>n * <usize>m << 3);
  }
  // s = Uᵀ(y − ȳ)
  memory.fill(s, 0, <usize>m << 3);
  for (let i = 0; i < n; i++) {
    const yc = <f64>load<T>(y + (<usize>i << t)) - ymean;
    for (let k = 0; k < m; k++) store<f64>(f64At(s, k), load<f64>(f64At(s, k)) + load<f64>(f64At(u, i * m + k)) * yc);
  }
  const inv = 1.0 / <f64>n;
  for (let l = 0; l < nl; l++) {
    // Each left-out fit minimizes the mean over n − 1 rows, so its λ weighs as (n − 1)·λ on sums.
    const shift = <f64>(n - 1) * load<f64>(f64At(lambdas, l));
    // work[k] = μ_k / (μ_k + nλ), the shrinkage of direction k.
    for (let k = 0; k < m; k++) {
      const mu = load<f64>(f64At(eig, k));
      store<f64>(f64At(work, k), mu > 0 ? mu / (mu + shift) : 0);
    }
    let mean: f64 = 0;
    let m2: f64 = 0;
    for (let i = 0; i < n; i++) {
      let fit: f64 = 0;
      let h: f64 = inv;
      for (let k = 0; k < m; k++) {
        const uik = load<f64>(f64At(u, i * m + k));
        const f = load<f64>(f64At(work, k));
        fit += uik * f * load<f64>(f64At(s, k));
        h += uik * uik * f;
      }
      const r = <f64>load<T>(y + (<usize>i << t)) - ymean - fit;
      const gap = 1.0 - h;
      const e = gap > 0 ? r / gap : Infinity;
      const v = 0.5 * e * e;
      // Welford's running mean and sum of squared deviations.
      const delta = v - mean;
      mean += delta / <f64>(i + 1);
      m2 += delta * (v - mean);
    }
    store<f64>(f64At(out, 2 * l), mean);
    store<f64>(f64At(out, 2 * l + 1), n > 1 ? Math.sqrt(m2 / <f64>(n - 1) / <f64>n) : 0);
  }
  return true;
}
