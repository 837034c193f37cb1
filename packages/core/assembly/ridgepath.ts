// The ridge path's factor and per-λ solve (see tridiag.ts): one tridiagonalization of the
// uniformly scaled Gram matrix serves every λ > 0 at O(m²) each.
import { gramCopy } from "./ridge";
import { shrink } from "./memory";
import { applyPacked, packedLength, packReflectors, tridiagSolve } from "./tridiag";
import { tridiagonalizeBlocked } from "./tridiagblocked";

/**
 * Tridiagonalizes the uniformly scaled Gram matrix (see `gramCopy`) in `q` (m² f64, a block from
 * `alloc`; `q` = `g` works in place; afterwards it is shrunk to the packed reflectors): T's
 * diagonal to `d`, off-diagonal to `e`, reflectors' τ to `tau` (m f64 each), and Qᵀ·rhs to
 * `proj` (m f64). `p` and `w` hold m f64 of scratch. False if anything is not finite.
 */
export function ridgePathFactor(g: usize, m: i32, primal: bool, scale: usize, rhs: usize, q: usize, d: usize, e: usize, tau: usize, proj: usize, p: usize, w: usize): bool {
  gramCopy(g, m, primal, false, scale, rhs, q, proj, 0);
  const ok = tridiagonalizeBlocked(q, m, d, e, tau, p, w);
  packReflectors(q, m);
  shrink(q, packedLength(m) << 3);
  if (!ok) return false;
  applyPacked(q, m, tau, proj, true);
  return true;
}

/** sol (m f64) = (G + shift·I)⁻¹·rhs from the factor, in the uniform scaling; `work` holds 3m f64. False if the tridiagonal solve failed. */
export function ridgePathSolve(q: usize, m: i32, d: usize, e: usize, tau: usize, proj: usize, shift: f64, sol: usize, work: usize): bool {
  memory.copy(sol, proj, <usize>m << 3);
  if (!tridiagSolve(d, e, m, shift, sol, work)) return false;
  applyPacked(q, m, tau, sol, false);
  return true;
}
