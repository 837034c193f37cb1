// Which violator enters the active-set step (activeset.ts) when not all of them fit. A lasso with
// more features than examples has at most rank(Xc) ≤ n − 1 nonzeros at a basic solution, so near
// the minimizer its active list is full: each round can take one violator, whose null step then
// drops another (an exchange, as a simplex pivot). Taking the first violator in index order made
// those exchanges wander (d = 400, n = 100, λ = 1e-8: about 2,500 rounds); the most violating one
// — Dantzig's rule, the steepest rise of |g_j| − λ1 — needs about 130.
// see: M. R. Osborne, B. Presnell, B. A. Turlach, "A new approach to variable selection in least
// squares problems", IMA J. Numer. Anal. 20(3), 2000 (one violator at a time, the largest).
import { dot } from "./kernels";

/**
 * The inactive coordinate j (not among the k ascending indices at `idx`) with the largest
 * |xc_jᵀr/n| above `bound`, when more than `room` of them exceed it; −1 when they all fit in
 * `room` (the caller adds them all) or none does.
 */
export function mostViolating(xc: usize, n: i32, d: i32, r: usize, idx: usize, k: i32, bound: f64, room: i32): i32 {
  const nf = <f64>n;
  let count = 0;
  let best = -1;
  let top: f64 = 0;
  let next = 0;
  for (let j = 0; j < d; j++) {
    if (next < k && load<i32>(idx + (<usize>next << 2)) == j) {
      next++;
      continue;
    }
    const g = Math.abs(dot<f64>(xc + (<usize>j * <usize>n << 3), r, n) / nf);
    if (!(g > bound)) continue;
    count++;
    if (g > top) {
      top = g;
      best = j;
    }
  }
  return count > room ? best : -1;
}
