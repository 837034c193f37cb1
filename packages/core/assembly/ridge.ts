// The exact ridge path: minimizers of mean(½ r²) + λ·½‖w‖² with an unpenalized intercept,
// for any number of λ from one eigendecomposition of the centred Gram matrix. The primal
// d×d system when d ≤ n, else the dual n×n one (w = Xcᵀα), so the factor is min(n, d)².
import { symmetricEigen } from "./linalg";

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/** Column means of the n×d matrix at `x` (type T) into `mean` (d f64). */
export function columnMeans<T>(x: usize, n: i32, d: i32, mean: usize): void {
  memory.fill(mean, 0, <usize>d << 3);
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << alignof<T>());
    for (let j = 0; j < d; j++) store<f64>(f64At(mean, j), load<f64>(f64At(mean, j)) + <f64>load<T>(row + (<usize>j << alignof<T>())));
  }
  for (let j = 0; j < d; j++) store<f64>(f64At(mean, j), load<f64>(f64At(mean, j)) / <f64>n);
}

/** The mean of the n values of type T at `y`. */
export function vectorMean<T>(y: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>load<T>(y + (<usize>i << alignof<T>()));
  return s / <f64>n;
}

/**
 * Factors the centred problem: with c_i = x_i − x̄, the Gram matrix G = Σ c_i c_iᵀ (primal,
 * d ≤ n) or K_ij = c_i·c_j (dual) is replaced by its eigenvectors Q (m×m at `gram`), its
 * eigenvalues go to `eig` and Qᵀ·rhs to `proj`, where rhs = Σ c_i (y_i − ȳ) (primal) or
 * y − ȳ (dual). `work` holds max(n, d) f64. Returns false if the eigensolver failed.
 */
export function ridgeFactor<T>(
  x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64,
  gram: usize, eig: usize, proj: usize, work: usize,
): bool {
  const t = alignof<T>();
  const primal = d <= n;
  const m = primal ? d : n;
  memory.fill(gram, 0, <usize>m * <usize>m << 3);
  memory.fill(proj, 0, <usize>m << 3);
  if (primal) {
    for (let i = 0; i < n; i++) {
      const row = x + (<usize>i * <usize>d << t);
      for (let j = 0; j < d; j++) store<f64>(f64At(work, j), <f64>load<T>(row + (<usize>j << t)) - load<f64>(f64At(xmean, j)));
      const yc = <f64>load<T>(y + (<usize>i << t)) - ymean;
      for (let j = 0; j < d; j++) {
        const cj = load<f64>(f64At(work, j));
        store<f64>(f64At(proj, j), load<f64>(f64At(proj, j)) + cj * yc);
        const gj = gram + (<usize>j * <usize>d << 3);
        for (let k = j; k < d; k++) store<f64>(f64At(gj, k), load<f64>(f64At(gj, k)) + cj * load<f64>(f64At(work, k)));
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const ri = x + (<usize>i * <usize>d << t);
      for (let j = i; j < n; j++) {
        const rj = x + (<usize>j * <usize>d << t);
        let s: f64 = 0;
        for (let k = 0; k < d; k++) {
          const xk = load<f64>(f64At(xmean, k));
          s += (<f64>load<T>(ri + (<usize>k << t)) - xk) * (<f64>load<T>(rj + (<usize>k << t)) - xk);
        }
        store<f64>(f64At(gram, i * n + j), s);
      }
      store<f64>(f64At(proj, i), <f64>load<T>(y + (<usize>i << t)) - ymean);
    }
  }
  // Mirror the upper triangle.
  for (let j = 0; j < m; j++) {
    for (let k = j + 1; k < m; k++) store<f64>(f64At(gram, k * m + j), load<f64>(f64At(gram, j * m + k)));
  }
  if (!symmetricEigen(gram, m, eig, work)) return false;
  // proj ← Qᵀ·rhs, through `work`.
  for (let c = 0; c < m; c++) {
    let s: f64 = 0;
    for (let r = 0; r < m; r++) s += load<f64>(f64At(gram, r * m + c)) * load<f64>(f64At(proj, r));
    store<f64>(f64At(work, c), s);
  }
  memory.copy(proj, work, <usize>m << 3);
  return true;
}

/**
 * The ridge minimizer for one λ from a factor made by `ridgeFactor`: w (d f64) into `w` and the
 * intercept returned. λ = 0 gives the minimum-norm least-squares solution (the limit λ → 0).
 * `coef` holds m f64 of scratch.
 */
export function ridgeSolve<T>(
  x: usize, n: i32, d: i32, xmean: usize, ymean: f64,
  q: usize, eig: usize, proj: usize, lambda: f64, w: usize, coef: usize,
): f64 {
  const t = alignof<T>();
  const primal = d <= n;
  const m = primal ? d : n;
  let top: f64 = 0;
  for (let i = 0; i < m; i++) top = Math.max(top, Math.abs(load<f64>(f64At(eig, i))));
  // Eigenvalues this small are zero up to rounding (numpy.linalg.pinv's cut-off). Along those
  // directions the exact right-hand side is 0 (it lies in the range of the Gram matrix), so what
  // `proj` holds there is rounding noise: drop it rather than divide it by a tiny n·λ.
  const cutoff = top * <f64>m * 2.220446049250313e-16;
  const shift = <f64>n * lambda;
  for (let i = 0; i < m; i++) {
    const mu = load<f64>(f64At(eig, i));
    const p = load<f64>(f64At(proj, i));
    const c = mu > cutoff ? p / (mu + shift) : 0;
    store<f64>(f64At(coef, i), c);
  }
  if (primal) {
    for (let r = 0; r < d; r++) {
      let s: f64 = 0;
      for (let c = 0; c < m; c++) s += load<f64>(f64At(q, r * m + c)) * load<f64>(f64At(coef, c));
      store<f64>(f64At(w, r), s);
    }
  } else {
    memory.fill(w, 0, <usize>d << 3);
    for (let i = 0; i < n; i++) {
      let a: f64 = 0;
      for (let c = 0; c < m; c++) a += load<f64>(f64At(q, i * m + c)) * load<f64>(f64At(coef, c));
      const row = x + (<usize>i * <usize>d << t);
      for (let k = 0; k < d; k++) {
        store<f64>(f64At(w, k), load<f64>(f64At(w, k)) + a * (<f64>load<T>(row + (<usize>k << t)) - load<f64>(f64At(xmean, k))));
      }
    }
  }
  return intercept(xmean, ymean, w, d);
}

/** The optimal intercept ȳ − x̄·w for weights `w` (d f64). */
export function intercept(xmean: usize, ymean: f64, w: usize, d: i32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < d; j++) s += load<f64>(f64At(xmean, j)) * load<f64>(f64At(w, j));
  return ymean - s;
}
