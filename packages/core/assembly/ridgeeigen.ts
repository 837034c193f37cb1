// The λ = 0 ridge answers (and the pinv fallback): eigendecompositions of the Gram matrix,
// whose eigenvalues decide the numerical rank, then the minimum-norm weights (see ridge.ts).
import { symmetricEigen } from "./linalg";
import { gramCopy } from "./ridge";

// @ts-ignore: decorator
@inline function get(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function put(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/**
 * Eigendecomposes the Gram matrix for a λ path or for λ = 0: into `q` (m² f64) goes G itself
 * (`equilibrated`, or dual), or else the primal Gram of the uniformly scaled data, D·G·D with
 * D = diag(s/scale_j), s the smallest scale; `eig` gets the eigenvalues and `proj` (m f64)
 * Qᵀ·rhs (rhs scaled by D likewise); `diagShift` (nλ, or 0) adds the penalty's diagonal first
 * (only with `equilibrated`: the fallback when Cholesky finds the system numerically singular).
 * `work` holds m f64. False if the eigensolver failed.
 */
export function ridgeEigen(g: usize, m: i32, primal: bool, equilibrated: bool, scale: usize, rhs: usize, q: usize, eig: usize, proj: usize, work: usize, diagShift: f64): bool {
  gramCopy(g, m, primal, equilibrated, scale, rhs, q, proj, diagShift);
  if (!symmetricEigen(q, m, eig, work)) return false;
  for (let c = 0; c < m; c++) {
    let s: f64 = 0;
    for (let r = 0; r < m; r++) s += load<f64>(q + ((<usize>r * <usize>m + <usize>c) << 3)) * get(proj, r);
    put(work, c, s);
  }
  memory.copy(proj, work, <usize>m << 3);
  return true;
}

/**
 * sol = Q·diag(1/(μ_i + shift))·proj from `ridgeEigen`. With shift = 0 (λ = 0), eigenvalues at
 * most m·ε·max μ are taken as zero (numpy's pinv cut-off) and their directions dropped; with
 * shift > 0 the system is well posed and nothing is dropped (rounding below 0 is clamped).
 * `coef` holds m f64.
 */
export function ridgeEigenSolve(q: usize, eig: usize, proj: usize, m: i32, shift: f64, sol: usize, coef: usize): void {
  let top: f64 = 0;
  for (let i = 0; i < m; i++) top = Math.max(top, Math.abs(get(eig, i)));
  const cutoff = top * <f64>m * 2.220446049250313e-16;
  for (let i = 0; i < m; i++) {
    const mu = get(eig, i);
    const c = shift > 0 ? get(proj, i) / (Math.max(mu, 0) + shift) : mu > cutoff ? get(proj, i) / mu : 0;
    put(coef, i, c);
  }
  for (let r = 0; r < m; r++) {
    const row = q + (<usize>r * <usize>m << 3);
    let s: f64 = 0;
    for (let c = 0; c < m; c++) s += load<f64>(row + (<usize>c << 3)) * get(coef, c);
    put(sol, r, s);
  }
}

/** sol += Q·diag(1/μ)·Qᵀ·res over the eigenvalues above the pinv cut-off (a refinement step at λ = 0). `coef` holds m f64. */
export function ridgeEigenStep(q: usize, eig: usize, m: i32, res: usize, sol: usize, coef: usize): void {
  let top: f64 = 0;
  for (let i = 0; i < m; i++) top = Math.max(top, Math.abs(get(eig, i)));
  const cutoff = top * <f64>m * 2.220446049250313e-16;
  memory.fill(coef, 0, <usize>m << 3);
  for (let r = 0; r < m; r++) {
    const row = q + (<usize>r * <usize>m << 3);
    const v = get(res, r);
    for (let c = 0; c < m; c++) put(coef, c, get(coef, c) + load<f64>(row + (<usize>c << 3)) * v);
  }
  for (let c = 0; c < m; c++) {
    const mu = get(eig, c);
    put(coef, c, mu > cutoff ? get(coef, c) / mu : 0);
  }
  for (let r = 0; r < m; r++) {
    const row = q + (<usize>r * <usize>m << 3);
    let s: f64 = 0;
    for (let c = 0; c < m; c++) s += load<f64>(row + (<usize>c << 3)) * get(coef, c);
    put(sol, r, get(sol, r) + s);
  }
}

/**
 * For λ = 0 on the primal system: removes from `w` its part along the numerical null space
 * {S·q : μ(q) ≤ cutoff} of the data (the eigenvectors in `q` from the equilibrated Gram), which
 * makes it the minimum-norm least-squares answer. The null vectors are orthonormalized in place
 * (twice-run modified Gram–Schmidt), so `q` is spent. `work` holds m f64.
 */
export function ridgeMinNorm(q: usize, eig: usize, m: i32, scale: usize, w: usize, work: usize): void {
  let top: f64 = 0;
  for (let i = 0; i < m; i++) top = Math.max(top, Math.abs(get(eig, i)));
  const cutoff = top * <f64>m * 2.220446049250313e-16;
  for (let c = 0; c < m; c++) {
    if (get(eig, c) > cutoff) continue;
    for (let r = 0; r < m; r++) put(work, r, load<f64>(q + ((<usize>r * <usize>m + <usize>c) << 3)) * get(scale, r));
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < c; b++) {
        if (get(eig, b) > cutoff) continue;
        let s: f64 = 0;
        for (let r = 0; r < m; r++) s += load<f64>(q + ((<usize>r * <usize>m + <usize>b) << 3)) * get(work, r);
        for (let r = 0; r < m; r++) put(work, r, get(work, r) - s * load<f64>(q + ((<usize>r * <usize>m + <usize>b) << 3)));
      }
    }
    let norm: f64 = 0;
    for (let r = 0; r < m; r++) norm = Math.max(norm, Math.abs(get(work, r)));
    let ss: f64 = 0;
    for (let r = 0; r < m; r++) ss += (get(work, r) / norm) * (get(work, r) / norm);
    const inv = norm > 0 ? 1 / (norm * Math.sqrt(ss)) : 0;
    let dotw: f64 = 0;
    for (let r = 0; r < m; r++) {
      const u = get(work, r) * inv;
      store<f64>(q + ((<usize>r * <usize>m + <usize>c) << 3), u);
      dotw += u * get(w, r);
    }
    for (let r = 0; r < m; r++) put(w, r, get(w, r) - dotw * load<f64>(q + ((<usize>r * <usize>m + <usize>c) << 3)));
  }
}

