// The λ = 0 ridge answers (and the pinv fallback): eigendecompositions of the Gram matrix,
// whose eigenvalues decide the numerical rank, then the minimum-norm weights (see ridge.ts).
// The eigenvectors are kept factored, V = Q·Z (Q the tridiagonalization's reflectors, Z the
// tridiagonal's eigenvectors as the rows of Zᵀ), and applied to vectors in O(m²) each, so the
// O(m³) back-transformation of the whole basis is never done.
import { alloc, free, shrink } from "./memory";
import { gramCopy } from "./ridge";
import { applyPacked, packedLength, packReflectors } from "./tridiag";
import { tridiagonalizeBlocked } from "./tridiagblocked";
import { tridiagDCWith } from "./tridiagdc";
import { tridiagQL } from "./tridiageigen";
import { get, put } from "./f64mem";

// @ts-ignore: decorator
@inline function rowOf(zt: usize, m: i32, k: i32): usize {
  return zt + (<usize>k * <usize>m << 3);
}

/** The pinv cut-off m·ε·max|μ| (numpy's): eigenvalues at or below it count as zero. */
function cutoffOf(eig: usize, m: i32): f64 {
  let top: f64 = 0;
  for (let i = 0; i < m; i++) top = Math.max(top, Math.abs(get(eig, i)));
  return top * <f64>m * 2.220446049250313e-16;
}

/** out = Vᵀ·x = Zᵀ·(Qᵀ·x); `x` is overwritten by Qᵀ·x. */
function applyVt(q: usize, tau: usize, zt: usize, m: i32, x: usize, out: usize): void {
  applyPacked(q, m, tau, x, true);
  applyZt(zt, m, x, out);
}

/** out = Zᵀ·x. */
function applyZt(zt: usize, m: i32, x: usize, out: usize): void {
  for (let k = 0; k < m; k++) {
    const z = rowOf(zt, m, k);
    let s: f64 = 0;
    for (let j = 0; j < m; j++) s += get(z, j) * get(x, j);
    put(out, k, s);
  }
}

/** out = V·c = Q·(Z·c). */
function applyV(q: usize, tau: usize, zt: usize, m: i32, c: usize, out: usize): void {
  memory.fill(out, 0, <usize>m << 3);
  for (let k = 0; k < m; k++) {
    const ck = get(c, k);
    if (ck == 0) continue;
    const z = rowOf(zt, m, k);
    for (let j = 0; j < m; j++) put(out, j, get(out, j) + ck * get(z, j));
  }
  applyPacked(q, m, tau, out, false);
}

/**
 * Eigendecomposes the Gram matrix for λ = 0: into `q` (m² f64, a block from `alloc`; `q` = `g`
 * works in place) goes G itself (`equilibrated`, or dual), or else the primal Gram of the
 * uniformly scaled data, D·G·D with D = diag(s/scale_j), s the smallest scale; it is
 * tridiagonalized in place (reflectors packed to the front of `q`, which is then shrunk to them,
 * see tridiag.ts `packReflectors`; τ to `tau`, m f64), the tridiagonal's eigenvectors go to the
 * rows of `zt` (m² f64) and the eigenvalues to `eig`, and `proj` (m f64) gets Vᵀ·rhs (rhs scaled
 * by D likewise); `diagShift` (nλ, or 0) adds the penalty's diagonal first (only with
 * `equilibrated`: the fallback when Cholesky finds the system numerically singular). `work`
 * holds m f64. False if the eigensolver failed or memory ran out. (`ridgeEigenReduce` then
 * `ridgeEigenVectors` do the same in two steps, so a caller can place the big blocks.)
 */
export function ridgeEigen(
  g: usize, m: i32, primal: bool, equilibrated: bool, scale: usize, rhs: usize,
  q: usize, tau: usize, zt: usize, eig: usize, proj: usize, work: usize, diagShift: f64,
): bool {
  const off = alloc(<usize>m << 3);
  if (off == 0) return false;
  const ok = ridgeEigenReduce(g, m, primal, equilibrated, scale, rhs, q, tau, eig, off, proj, diagShift)
    && ridgeEigenVectors(q, tau, zt, eig, off, proj, m, work, 0, 0);
  free(off);
  return ok;
}

/**
 * The first half of `ridgeEigen`: G (see there) to `q`, tridiagonalized in place (diagonal to
 * `eig`, off-diagonal to `off`, m f64 each), the reflectors packed and `q` shrunk to them, and
 * `proj` = Qᵀ·rhs. False if anything is not finite or memory ran out.
 */
export function ridgeEigenReduce(
  g: usize, m: i32, primal: bool, equilibrated: bool, scale: usize, rhs: usize,
  q: usize, tau: usize, eig: usize, off: usize, proj: usize, diagShift: f64,
): bool {
  gramCopy(g, m, primal, equilibrated, scale, rhs, q, proj, diagShift);
  const block = alloc(<usize>(2 * m) << 3);
  if (block == 0) return false;
  const ok = tridiagonalizeBlocked(q, m, eig, off, tau, block, block + (<usize>m << 3));
  free(block);
  // The reflectors take half of q: the other half goes back before D&C takes its scratch.
  packReflectors(q, m);
  shrink(q, packedLength(m) << 3);
  if (ok) applyPacked(q, m, tau, proj, true);
  return ok;
}

/**
 * The second half of `ridgeEigen`: the eigenvalues of the tridiagonal (eig, off; both spent) to
 * `eig`, its eigenvectors to the rows of `zt` (m² f64) by divide and conquer (QL should a root
 * not converge), and `proj` ← Zᵀ·proj. `big` (`bigLength` ≥ m² f64, or 0: see tridiagdc.ts
 * `tridiagDCWith`) is lent to D&C as scratch. `work` holds m f64. False if the eigensolver failed or memory ran out.
 */
export function ridgeEigenVectors(q: usize, tau: usize, zt: usize, eig: usize, off: usize, proj: usize, m: i32, work: usize, big: usize, bigLength: usize): bool {
  const block = alloc(<usize>(4 * m) << 3);
  if (block == 0) return false;
  const p = block;
  const w = p + (<usize>m << 3);
  const cs = w + (<usize>m << 3);
  // Divide and conquer; should a root not converge, QL from the same tridiagonal.
  memory.copy(p, eig, <usize>m << 3);
  memory.copy(w, off, <usize>m << 3);
  identity(zt, m);
  let ok = tridiagDCWith(eig, off, m, zt, big, bigLength);
  if (!ok) {
    memory.copy(eig, p, <usize>m << 3);
    memory.copy(off, w, <usize>m << 3);
    identity(zt, m);
    ok = tridiagQL(eig, off, m, zt, m, cs);
  }
  free(block);
  if (!ok) return false;
  applyZt(zt, m, proj, work);
  memory.copy(proj, work, <usize>m << 3);
  return true;
}

function identity(z: usize, m: i32): void {
  memory.fill(z, 0, <usize>m * <usize>m << 3);
  for (let i = 0; i < m; i++) store<f64>(z + ((<usize>i * <usize>m + <usize>i) << 3), 1);
}

/**
 * sol = V·diag(1/(μ_i + shift))·proj from `ridgeEigen`. With shift = 0 (λ = 0), eigenvalues at
 * most m·ε·max μ are taken as zero (numpy's pinv cut-off) and their directions dropped; with
 * shift > 0 the system is well posed and nothing is dropped (rounding below 0 is clamped).
 * `coef` holds m f64.
 */
export function ridgeEigenSolve(q: usize, tau: usize, zt: usize, eig: usize, proj: usize, m: i32, shift: f64, sol: usize, coef: usize): void {
  const cutoff = cutoffOf(eig, m);
  for (let i = 0; i < m; i++) {
    const mu = get(eig, i);
    const c = shift > 0 ? get(proj, i) / (Math.max(mu, 0) + shift) : mu > cutoff ? get(proj, i) / mu : 0;
    put(coef, i, c);
  }
  applyV(q, tau, zt, m, coef, sol);
}

/**
 * sol += V·diag(1/μ)·Vᵀ·res over the eigenvalues above the pinv cut-off (a refinement step at
 * λ = 0; `res` is overwritten). `coef` holds m f64.
 */
export function ridgeEigenStep(q: usize, tau: usize, zt: usize, eig: usize, m: i32, res: usize, sol: usize, coef: usize): void {
  const cutoff = cutoffOf(eig, m);
  applyVt(q, tau, zt, m, res, coef);
  for (let c = 0; c < m; c++) {
    const mu = get(eig, c);
    put(coef, c, mu > cutoff ? get(coef, c) / mu : 0);
  }
  applyV(q, tau, zt, m, coef, res);
  for (let r = 0; r < m; r++) put(sol, r, get(sol, r) + get(res, r));
}

/**
 * For λ = 0 on the primal system: removes from `w` its part along the numerical null space
 * {S·v : μ(v) ≤ cutoff} of the data (v = Q·z, the eigenvectors of the equilibrated Gram), which
 * makes it the minimum-norm least-squares answer. The null vectors are orthonormalized
 * (twice-run modified Gram–Schmidt) into their own rows of `zt`, so the factorization is spent.
 * `work` holds m f64.
 */
export function ridgeMinNorm(q: usize, tau: usize, zt: usize, eig: usize, m: i32, scale: usize, w: usize, work: usize): void {
  const cutoff = cutoffOf(eig, m);
  for (let c = 0; c < m; c++) {
    if (get(eig, c) > cutoff) continue;
    const zc = rowOf(zt, m, c);
    memory.copy(work, zc, <usize>m << 3);
    applyPacked(q, m, tau, work, false);
    for (let r = 0; r < m; r++) put(work, r, get(work, r) * get(scale, r));
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < c; b++) {
        if (get(eig, b) > cutoff) continue;
        const ub = rowOf(zt, m, b);
        let s: f64 = 0;
        for (let r = 0; r < m; r++) s += get(ub, r) * get(work, r);
        for (let r = 0; r < m; r++) put(work, r, get(work, r) - s * get(ub, r));
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
      put(zc, r, u);
      dotw += u * get(w, r);
    }
    for (let r = 0; r < m; r++) put(w, r, get(w, r) - dotw * get(zc, r));
  }
}
