// The exact active-set step of coordinate descent (lasso.ts): from descent's current support and
// signs, solve the KKT system of the active coordinates, step towards its solution to the first
// sign change and drop that coordinate (updating the system's factor), add the inactive ones that
// violate their bound, until a point satisfies every KKT condition.
import { choleskyDelete, choleskyDowndate, choleskyFactor, choleskySubstitute } from "./cholesky";
import { exchangeNullVector, mostViolating } from "./entering";
import { axpy, dot } from "./kernels";
import { dependentColumn, hasDependentPivot, nullStep } from "./nullstep";

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

/** Rounds of iterative refinement after the dual solve (each gains about log10(λ2/(ε·‖b‖)) digits). */
// @ts-ignore: decorator
@inline const DUAL_REFINE: i32 = 2;

/** Removes entry `a` of the active list (indices, signs, magnitudes) of length k. */
function removeActive(idx: usize, sgn: usize, mag: usize, k: i32, a: i32): void {
  for (let b = a; b < k - 1; b++) {
    store<i32>(idx + (<usize>b << 2), load<i32>(idx + (<usize>(b + 1) << 2)));
    store<f64>(f64At(sgn, b), load<f64>(f64At(sgn, b + 1)));
    store<f64>(f64At(mag, b), load<f64>(f64At(mag, b + 1)));
  }
}

/** Inserts coordinate j (with its sign and magnitude) into the active list of length k, keeping it in ascending order. */
function insertActive(idx: usize, sgn: usize, mag: usize, k: i32, j: i32, sign: f64, size: f64): void {
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

// The full covariance XcᵀXc (d×d, not yet divided by n) and Xcᵀyc, when the caller made them
// (`cdUseGram`): the active-set step then reads its system instead of forming it from the data.
let fullGram: usize = 0;
let fullXty: usize = 0;
let fullD: i32 = 0;
const cholScratch = memory.data(64, 16);

/** Lets the active-set step read XcᵀXc (d×d f64 at `g`) and Xcᵀyc (d f64 at `xty`); pass 0 to form them from the data. */
export function cdUseGram(g: usize, xty: usize, d: i32): void {
  fullGram = g;
  fullXty = xty;
  fullD = d;
}

/** The primal active matrix X_AᵀX_A/n + λ2·I (k×k) into `gram`, from the covariance when the caller made it. */
function formGram(xc: usize, n: i32, lambda2: f64, idx: usize, k: i32, gram: usize): void {
  const nf = <f64>n;
  for (let a = 0; a < k; a++) {
    const ja = load<i32>(idx + (<usize>a << 2));
    const row = fullGram + (<usize>ja * <usize>fullD << 3);
    const ca = xc + (<usize>ja * <usize>n << 3);
    for (let b = 0; b <= a; b++) {
      const jb = load<i32>(idx + (<usize>b << 2));
      let g = (fullGram != 0 ? load<f64>(f64At(row, jb)) : dot<f64>(ca, xc + (<usize>jb * <usize>n << 3), n)) / nf;
      if (a == b) g += lambda2;
      store<f64>(f64At(gram, a * k + b), g);
      store<f64>(f64At(gram, b * k + a), g);
    }
  }
}

// activeSolve's outcomes besides the position of a dependent column.
// @ts-ignore: decorator
@inline const SOLVED: i32 = -1;
// @ts-ignore: decorator
@inline const FAILED: i32 = -2;

/**
 * Solves the active system (X_AᵀX_A/n + λ2·I)·v = X_Aᵀyc/n − λ1·s into `rhs` (k f64): directly
 * when k ≤ n, else (λ2 > 0) by its dual, v = (b − X_Aᵀ(nλ2·I + X_A·X_Aᵀ)⁻¹·X_A·b) / λ2, an n×n
 * system; `factored`: `gram` already holds that system's Cholesky factor (kept through drops).
 * `gram` holds min(k, n)² f64, `rv` 2n f64. Returns SOLVED; or, when the active columns
 * are numerically dependent (primal), the position p of the first that depends on earlier ones,
 * with its null vector in `rv` (k f64, see `dependentColumn`); or FAILED.
 */
function activeSolve(
  xc: usize, yc: usize, n: i32, lambda1: f64, lambda2: f64, idx: usize, sgn: usize, k: i32,
  gram: usize, rhs: usize, rv: usize, factored: bool,
): i32 {
  const nf = <f64>n;
  for (let a = 0; a < k; a++) {
    const j = load<i32>(idx + (<usize>a << 2));
    const t = fullGram != 0 ? load<f64>(f64At(fullXty, j)) : dot<f64>(xc + (<usize>j * <usize>n << 3), yc, n);
    store<f64>(f64At(rhs, a), t / nf - lambda1 * load<f64>(f64At(sgn, a)));
  }
  if (k <= n || !(lambda2 > 0)) {
    if (factored) {
      choleskySubstitute(gram, k, rhs);
      return SOLVED;
    }
    formGram(xc, n, lambda2, idx, k, gram);
    for (let a = 0; a < k; a++) store<f64>(f64At(rv, a), load<f64>(f64At(gram, a * k + a)));
    const ok = choleskyFactor(gram, k, cholScratch);
    if (ok) choleskySubstitute(gram, k, rhs);
    // A rounding-sized pivot passes Cholesky but gives a meaningless solution: treat it as singular.
    if (ok && !hasDependentPivot(gram, k, rv)) return SOLVED;
    formGram(xc, n, lambda2, idx, k, gram);
    // Without λ2, more than n − 1 centred columns are dependent whatever the pivots say.
    const p = dependentColumn(gram, k, rv, !(lambda2 > 0) && k >= n);
    return p >= 0 ? p : FAILED;
  }
  // Dual: gram = nλ2·I + Σ_a x_a x_aᵀ (n×n, its lower triangle), factored; rv = X_A·b.
  if (!factored) {
    memory.fill(gram, 0, <usize>n * <usize>n << 3);
    for (let a = 0; a < k; a++) {
      const ca = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
      for (let i = 0; i < n; i++) axpy<f64>(load<f64>(f64At(ca, i)), ca, gram + (<usize>i * <usize>n << 3), i + 1);
    }
    for (let i = 0; i < n; i++) store<f64>(f64At(gram, i * n + i), load<f64>(f64At(gram, i * n + i)) + nf * lambda2);
    if (!choleskyFactor(gram, n, cholScratch)) return FAILED;
  }
  memory.fill(rv, 0, <usize>n << 3);
  for (let a = 0; a < k; a++) {
    axpy<f64>(load<f64>(f64At(rhs, a)), xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3), rv, n);
  }
  choleskySubstitute(gram, n, rv);
  for (let a = 0; a < k; a++) {
    const ca = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
    store<f64>(f64At(rhs, a), (load<f64>(f64At(rhs, a)) - dot<f64>(ca, rv, n)) / lambda2);
  }
  // The dual forms v as a difference divided by λ2, so v errs by ~ε·‖b‖/λ2: with a small λ2 that
  // alone breaks the KKT bound. Iterative refinement on the primal system fixes it: its residual
  // (the KKT gradient, from the data) through the same dual, each round gaining what it loses.
  const fit = rv + (<usize>n << 3);
  for (let round = 0; round < DUAL_REFINE; round++) {
    memory.copy(fit, yc, <usize>n << 3);
    for (let a = 0; a < k; a++) axpy<f64>(-load<f64>(f64At(rhs, a)), xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3), fit, n);
    memory.fill(rv, 0, <usize>n << 3);
    for (let a = 0; a < k; a++) {
      const ca = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
      axpy<f64>(primalResidual(ca, fit, n, lambda1, lambda2, load<f64>(f64At(sgn, a)), load<f64>(f64At(rhs, a))), ca, rv, n);
    }
    choleskySubstitute(gram, n, rv);
    for (let a = 0; a < k; a++) {
      const ca = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
      const v = load<f64>(f64At(rhs, a));
      const res = primalResidual(ca, fit, n, lambda1, lambda2, load<f64>(f64At(sgn, a)), v);
      store<f64>(f64At(rhs, a), v + (res - dot<f64>(ca, rv, n)) / lambda2);
    }
  }
  return SOLVED;
}

/** Entry a of the primal system's residual, x_aᵀ(yc − X_A·v)/n − λ1·s_a − λ2·v_a (`fit` = yc − X_A·v). */
// @ts-ignore: decorator
@inline function primalResidual(ca: usize, fit: usize, n: i32, lambda1: f64, lambda2: f64, s: f64, v: f64): f64 {
  return dot<f64>(ca, fit, n) / <f64>n - lambda1 * s - lambda2 * v;
}

/**
 * Takes active entry `position` (coordinate j) out of the factor in `gram` of a system of `k`
 * (see `activeSolve`): from the dual's by a downdate, from the primal's by deleting its row and
 * column (the pivots of the rest only grow, so that factor needs no new check). False if the
 * downdate fails. `scratch`: max(n, k) f64.
 */
function dropFromFactor(gram: usize, n: i32, k: i32, dual: bool, xc: usize, j: i32, position: i32, scratch: usize): bool {
  if (!dual) {
    choleskyDelete(gram, k, position, scratch);
    return true;
  }
  memory.copy(scratch, xc + (<usize>j * <usize>n << 3), <usize>n << 3);
  return choleskyDowndate(gram, n, scratch);
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
    if (k > 0) {
      const dual = k > n && lambda2 > 0;
      const status = activeSolve(xc, yc, n, lambda1, lambda2, idx, sgn, k, gram, rhs, rv, factored);
      factored = false;
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
    // A lasso with d > n whose violators outnumber the room left: only the most violating enters,
    // at 0 with the sign that lowers the objective; when that fills the list (n), a null step
    // makes room at once (an exchange: the objective falls, see entering.ts).
    entered = cap < d && k < cap ? mostViolating(xc, n, d, rv, idx, k, bound, cap - k) : -1;
    if (entered >= 0) {
      if (exchanges++ >= EXCHANGES_PER_FEATURE * d) return false;
      const g = dot<f64>(xc + (<usize>entered * <usize>n << 3), rv, n) / nf;
      enteredG = Math.abs(g);
      insertActive(idx, sgn, mag, k, entered, g > 0 ? 1 : -1, 0);
      k++;
      if (k == n && !(lambda2 > 0)) {
        // n centred columns are dependent and the other n − 1 are factored in `gram` (this round
        // solved them): make room by the null step now, without forming and failing the n×n system.
        let at = 0;
        while (load<i32>(idx + (<usize>at << 2)) != entered) at++;
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

