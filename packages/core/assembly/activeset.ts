// The exact active-set step of coordinate descent (lasso.ts): from descent's current support and
// signs, solve the KKT system of the active coordinates, step towards its solution to the first
// sign change and drop that coordinate (updating the system's factor), add the inactive ones that
// violate their bound, until a point satisfies every KKT condition.
import { activeSolve, addToDualFactor, dropFromFactor, insertIntoFactor, SOLVED } from "./activesystem";
import { choleskyDelete } from "./cholesky";
import { exchangeNullVector, mostViolating } from "./entering";
import { dot } from "./kernels";
import { nullStep } from "./nullstep";

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/** Most rounds of the active-set step that add violators or meet a singular system. */
// @ts-ignore: decorator
@inline const POLISH_ATTEMPTS: i32 = 24;

/** Most exchanges (one violator in when the list is full, see entering.ts) per feature, beside those rounds. */
// @ts-ignore: decorator
@inline const EXCHANGES_PER_FEATURE: i32 = 2;

/**
 * Counted rounds that add every violator at once; after them an elastic net takes only the most
 * violating one per round (an exchange, bounded as the lasso's). Adding all of them can swing
 * forever between about n and many more active coordinates at a tiny λ2 (n = 30, d = 200, λ =
 * 1e-8: 24 rounds of ~100 added then ~100 dropped, at every call).
 */
// @ts-ignore: decorator
@inline const ADD_ALL_ROUNDS: i32 = 4;

/** Removes entry `a` of the active list (indices, signs, magnitudes) of length k. */
function removeActive(idx: usize, sgn: usize, mag: usize, k: i32, a: i32): void {
  for (let b = a; b < k - 1; b++) {
    store<i32>(idx + (<usize>b << 2), load<i32>(idx + (<usize>(b + 1) << 2)));
    store<f64>(f64At(sgn, b), load<f64>(f64At(sgn, b + 1)));
    store<f64>(f64At(mag, b), load<f64>(f64At(mag, b + 1)));
  }
}

/** Inserts coordinate j (with its sign and magnitude) into the active list of length k, keeping it in ascending order; returns its position. */
function insertActive(idx: usize, sgn: usize, mag: usize, k: i32, j: i32, sign: f64, size: f64): i32 {
  let at = k;
  while (at > 0 && load<i32>(idx + (<usize>(at - 1) << 2)) > j) {
    store<i32>(idx + (<usize>at << 2), load<i32>(idx + (<usize>(at - 1) << 2)));
    store<f64>(f64At(sgn, at), load<f64>(f64At(sgn, at - 1)));
    store<f64>(f64At(mag, at), load<f64>(f64At(mag, at - 1)));
    at--;
  }
  store<i32>(idx + (<usize>at << 2), j);
  store<f64>(f64At(sgn, at), sign);
  store<f64>(f64At(mag, at), size);
  return at;
}

/** The position of the smallest positive magnitude in the active list (coordinates just added, still at zero, go last). */
function smallestActive(mag: usize, k: i32): i32 {
  let smallest = 0;
  for (let a = 1; a < k; a++) {
    const m = load<f64>(f64At(mag, a));
    const s = load<f64>(f64At(mag, smallest));
    if (m > 0 && (m < s || s == 0)) smallest = a;
  }
  return smallest;
}

/**
 * Tries to jump to the exact minimizer by an active-set method seeded with coordinate descent's
 * current support A and signs s: solve (X_AᵀX_A/n + λ2·I)·v = X_Aᵀyc/n − λ1·s; if signs flip,
 * step from the current point towards v to the first zero and drop that coordinate (when the
 * system is singular, see `nullStep`); add the inactive coordinates that violate
 * |xc_jᵀ(yc − X_A·v)/n| ≤ λ1. When v keeps its signs and no
 * coordinate violates, v is the minimizer: it goes to w (and the residual to r).
 * Scratch: `gram` m² f64, `rhs`, `sgn`, `mag` m f64, `idx` m i32, `rv` 2n f64.
 */
export function polish(
  xc: usize, yc: usize, n: i32, d: i32, lambda1: f64, lambda2: f64, w: usize, r: usize,
  gram: usize, rhs: usize, idx: usize, sgn: usize, mag: usize, rv: usize, m: i32,
): bool {
  // With λ2 > 0 the active system stays regular beyond n coordinates (elastic net, d > n):
  // it is then solved through its n×n dual form, so the active set may hold up to d.
  const cap = lambda2 > 0 ? d : m;
  let k = 0;
  for (let j = 0; j < d; j++) {
    const wj = load<f64>(f64At(w, j));
    if (wj == 0) continue;
    if (k == cap) {
      // More than fit: keep the largest.
      const a = smallestActive(mag, k);
      if (Math.abs(wj) <= load<f64>(f64At(mag, a))) continue;
      removeActive(idx, sgn, mag, k, a);
      k--;
    }
    insertActive(idx, sgn, mag, k, j, wj > 0 ? 1 : -1, Math.abs(wj));
    k++;
  }
  const nf = <f64>n;
  let bound = lambda1 * (1 + 1e-9);
  // Drops after a sign flip are not counted: each shrinks the set, which only the counted rounds
  // (adding violators, or a singular system) grow, so the loop ends. Exchanges, and the null step
  // each makes room with, have their own bound.
  let rounds = 0;
  let factored = false;
  let exchanges = 0;
  let entered = -1; // the coordinate the last round's exchange took in, and its |g| until a null step
  let enteredG: f64 = 0;
  while (rounds < POLISH_ATTEMPTS) {
    let solved = false; // `gram` holds the factor of the list as it stands
    let solvedDual = false;
    if (k > 0) {
      const dual = k > n && lambda2 > 0;
      const status = activeSolve(xc, yc, n, lambda1, lambda2, idx, sgn, k, gram, rhs, rv, factored);
      factored = false;
      solved = status == SOLVED;
      solvedDual = dual;
      if (status != SOLVED) {
        // Dependent columns: step along their null vector from the current point to the first
        // zero (the objective does not rise); otherwise drop the smallest.
        const hit = status >= 0 ? nullStep(sgn, mag, rv, k, xc, yc, n, idx, lambda1, lambda2) : -1;
        // An exchange whose first null step drops the coordinate it took in (still at 0: nothing
        // moved) met a violation at rounding level (a copy of an active column): count only larger.
        if (enteredG > 0 && hit >= 0 && load<i32>(idx + (<usize>hit << 2)) == entered) bound = Math.max(bound, enteredG);
        enteredG = 0;
        removeActive(idx, sgn, mag, k, hit >= 0 ? hit : smallestActive(mag, k));
        k--;
        if (entered < 0) rounds++;
        continue;
      }
      // Signs flip: step from the current point (sgn·mag) towards v to where the first flipping
      // coordinate reaches zero, and drop it. The objective restricted to these signs is a convex
      // quadratic minimized at v, so it falls along the step; dropping every flipped coordinate
      // at once instead can cycle (elastic nets with d > n and a small λ). The factor survives
      // the drop, so the next solve is two triangular solves, not a new system.
      let drop = -1;
      let dropT: f64 = Infinity;
      for (let a = 0; a < k; a++) {
        const vs = load<f64>(f64At(rhs, a)) * load<f64>(f64At(sgn, a));
        if (vs > 0) continue;
        const m = load<f64>(f64At(mag, a));
        const t = m > 0 ? m / (m - vs) : 0;
        if (t < dropT) {
          dropT = t;
          drop = a;
        }
      }
      if (drop >= 0) {
        for (let a = 0; a < k; a++) {
          const m = load<f64>(f64At(mag, a));
          store<f64>(f64At(mag, a), Math.max(m + dropT * (load<f64>(f64At(rhs, a)) * load<f64>(f64At(sgn, a)) - m), 0));
        }
        factored = dropFromFactor(gram, n, k, dual, xc, load<i32>(idx + (<usize>drop << 2)), drop, rv);
        removeActive(idx, sgn, mag, k, drop);
        k--;
        // A dual factor is of no use once the set fits the primal form.
        factored = factored && (!dual || k > n);
        continue;
      }
    }
    memory.copy(rv, yc, <usize>n << 3);
    for (let a = 0; a < k; a++) {
      const v = load<f64>(f64At(rhs, a));
      store<f64>(f64At(mag, a), Math.abs(v));
      const col = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
      for (let i = 0; i < n; i++) store<f64>(f64At(rv, i), load<f64>(f64At(rv, i)) - v * load<f64>(f64At(col, i)));
    }
    // A lasso with d > n whose violators outnumber the room left, or any problem after
    // ADD_ALL_ROUNDS rounds: only the most violating enters, at 0 with the sign that lowers the
    // objective; when that fills a lasso's list (n), a null step makes room at once (an exchange:
    // the objective falls, see entering.ts).
    if (cap < d) entered = k < cap ? mostViolating(xc, n, d, rv, idx, k, bound, cap - k) : -1;
    else entered = rounds >= ADD_ALL_ROUNDS ? mostViolating(xc, n, d, rv, idx, k, bound, 0) : -1;
    if (entered >= 0) {
      if (exchanges++ >= EXCHANGES_PER_FEATURE * d) return false;
      const g = dot<f64>(xc + (<usize>entered * <usize>n << 3), rv, n) / nf;
      enteredG = Math.abs(g);
      const at = insertActive(idx, sgn, mag, k, entered, g > 0 ? 1 : -1, 0);
      k++;
      // The factor takes the newcomer in (O(k²) primal, O(n²) dual) unless the form changes or
      // an exchange follows.
      if (solved && solvedDual) {
        addToDualFactor(gram, n, xc, entered, rv);
        factored = true;
      } else if (solved && (lambda2 > 0 ? k <= n : k < n)) {
        factored = insertIntoFactor(xc, n, lambda2, idx, k, at, gram, rv);
      }
      if (k == n && !(lambda2 > 0)) {
        // n centred columns are dependent and the other n − 1 are factored in `gram` (this round
        // solved them): make room by the null step now, without forming and failing the n×n system.
        exchangeNullVector(gram, k - 1, xc, n, idx, at, rv);
        // Along u the fit is flat and the L1 term moves at λ1·s·u = λ1·(s_j − g_j/λ1): a tie (a
        // copy of an active column) when that vanishes, which s·u tells without the rounding of
        // the residual that g_j carries. A tie, or a null step that drops j at once, changes
        // nothing: j leaves and only larger violations count (see the singular case).
        let su: f64 = 0;
        for (let a = 0; a < k; a++) su += load<f64>(f64At(sgn, a)) * load<f64>(f64At(rv, a));
        const hit = Math.abs(su) <= 1e-9 ? at : nullStep(sgn, mag, rv, k, xc, yc, n, idx, lambda1, lambda2);
        if (hit >= 0) {
          if (hit == at) bound = Math.max(bound, enteredG);
          removeActive(idx, sgn, mag, k, hit);
          k--;
          // The factor of the list before the exchange stands, or loses `hit` and takes j in.
          if (!solved) factored = false;
          else if (hit == at) factored = true;
          else {
            choleskyDelete(gram, k, hit < at ? hit : hit - 1, rv);
            factored = insertIntoFactor(xc, n, lambda2, idx, k, hit < at ? at - 1 : at, gram, rv);
          }
        }
        enteredG = 0;
      }
      continue;
    }
    // Every inactive coordinate that violates the KKT bound joins the active list (kept sorted:
    // the walk inserts j where it stands), with the sign that lowers the objective, at its current
    // value 0 (kept over old entries when dropping the smallest).
    let added = 0;
    let next = 0;
    const before = k;
    for (let j = 0; j < d; j++) {
      if (next < k && load<i32>(idx + (<usize>next << 2)) == j) {
        next++;
        continue;
      }
      const g = dot<f64>(xc + (<usize>j * <usize>n << 3), rv, n) / nf;
      if (!(Math.abs(g) > bound)) continue;
      added++;
      if (k == cap) continue; // full: the next round adds the rest
      insertActive(idx, sgn, mag, k, j, g > 0 ? 1 : -1, 0);
      k++;
      next++;
    }
    if (added > 0 && k == before) return false; // violators, but no room for any
    if (added == 0) {
      if (before == 0) return false;
      memory.fill(w, 0, <usize>d << 3);
      for (let a = 0; a < k; a++) store<f64>(f64At(w, load<i32>(idx + (<usize>a << 2))), load<f64>(f64At(rhs, a)));
      memory.copy(r, rv, <usize>n << 3);
      return true;
    }
    rounds++;
  }
  return false;
}

