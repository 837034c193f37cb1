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

/**
 * The null vector of an exchange without a new factorization: the k active columns (positions of
 * the list at `idx` but `at`, where coordinate j = idx[at] just entered) have X_AᵀX_A/n factored
 * as L·Lᵀ in `gram` (k×k, lower triangle, from the round that solved them), and k = n − 1 centred
 * columns plus j are dependent. Writes u (k + 1 f64, list order) = (−G_AA⁻¹·G_Aj, 1 at `at`).
 */
export function exchangeNullVector(gram: usize, k: i32, xc: usize, n: i32, idx: usize, at: i32, u: usize): void {
  const nf = <f64>n;
  const cj = xc + (<usize>load<i32>(idx + (<usize>at << 2)) * <usize>n << 3);
  // u[0 … k) = G_Aj, in the order of L (the list without `at`).
  for (let a = 0; a < k; a++) {
    const p = a < at ? a : a + 1;
    store<f64>(u + (<usize>a << 3), dot<f64>(xc + (<usize>load<i32>(idx + (<usize>p << 2)) * <usize>n << 3), cj, n) / nf);
  }
  // L·z = G_Aj, then Lᵀ·x = z.
  for (let i = 0; i < k; i++) {
    let t = load<f64>(u + (<usize>i << 3));
    for (let p = 0; p < i; p++) t -= load<f64>(gram + (<usize>(i * k + p) << 3)) * load<f64>(u + (<usize>p << 3));
    store<f64>(u + (<usize>i << 3), t / load<f64>(gram + (<usize>(i * k + i) << 3)));
  }
  for (let i = k - 1; i >= 0; i--) {
    let t = load<f64>(u + (<usize>i << 3));
    for (let p = i + 1; p < k; p++) t -= load<f64>(gram + (<usize>(p * k + i) << 3)) * load<f64>(u + (<usize>p << 3));
    store<f64>(u + (<usize>i << 3), t / load<f64>(gram + (<usize>(i * k + i) << 3)));
  }
  // Spread into list order, from the end so nothing is overwritten before it is read.
  for (let a = k; a > at; a--) store<f64>(u + (<usize>a << 3), -load<f64>(u + (<usize>(a - 1) << 3)));
  store<f64>(u + (<usize>at << 3), 1);
  for (let a = 0; a < at; a++) store<f64>(u + (<usize>a << 3), -load<f64>(u + (<usize>a << 3)));
}
