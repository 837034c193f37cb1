// The active system of the active-set step (activeset.ts): the KKT system of the active
// coordinates, (X_AᵀX_A/n + λ2·I)·v = X_Aᵀyc/n − λ1·s, formed and factored in the primal form, or
// beyond n active (λ2 > 0) in its n×n dual with iterative refinement, and its factor kept through
// drops (a downdate of the dual's, a row-and-column deletion of the primal's).
import { choleskyDelete, choleskyDowndate, choleskyFactor, choleskyInsert, choleskySubstitute, choleskyUpdate } from "./cholesky";
import { axpy, dot } from "./kernels";
import { DEPENDENT, dependentColumn, hasDependentPivot } from "./nullstep";

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/** Rounds of iterative refinement after the dual solve (each gains about log10(λ2/(ε·‖b‖)) digits). */
// @ts-ignore: decorator
@inline const DUAL_REFINE: i32 = 2;

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
export const SOLVED: i32 = -1;
export const FAILED: i32 = -2;

/**
 * Solves the active system (X_AᵀX_A/n + λ2·I)·v = X_Aᵀyc/n − λ1·s into `rhs` (k f64): directly
 * when k ≤ n, else (λ2 > 0) by its dual, v = (b − X_Aᵀ(nλ2·I + X_A·X_Aᵀ)⁻¹·X_A·b) / λ2, an n×n
 * system; `factored`: `gram` already holds that system's Cholesky factor (kept through drops).
 * `gram` holds min(k, n)² f64, `rv` 2n f64. Returns SOLVED; or, when the active columns
 * are numerically dependent (primal), the position p of the first that depends on earlier ones,
 * with its null vector in `rv` (k f64, see `dependentColumn`); or FAILED.
 */
export function activeSolve(
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
export function dropFromFactor(gram: usize, n: i32, k: i32, dual: bool, xc: usize, j: i32, position: i32, scratch: usize): bool {
  if (!dual) {
    choleskyDelete(gram, k, position, scratch);
    return true;
  }
  memory.copy(scratch, xc + (<usize>j * <usize>n << 3), <usize>n << 3);
  return choleskyDowndate(gram, n, scratch);
}

/** Adds column j's x_j·x_jᵀ to the dual factor (n×n at `gram`); `scratch`: n f64. */
export function addToDualFactor(gram: usize, n: i32, xc: usize, j: i32, scratch: usize): void {
  memory.copy(scratch, xc + (<usize>j * <usize>n << 3), <usize>n << 3);
  choleskyUpdate(gram, n, scratch);
}

/**
 * Takes coordinate idx[position] (just entered a list now k long) into the primal factor in
 * `gram` of the other k − 1: its column of X_AᵀX_A/n + λ2·I, then `choleskyInsert`. False when
 * it is numerically dependent on them (the next solve forms the system afresh). `scratch`: 2k f64.
 */
export function insertIntoFactor(xc: usize, n: i32, lambda2: f64, idx: usize, k: i32, position: i32, gram: usize, scratch: usize): bool {
  const nf = <f64>n;
  const j = load<i32>(idx + (<usize>position << 2));
  const row = fullGram + (<usize>j * <usize>fullD << 3);
  const cj = xc + (<usize>j * <usize>n << 3);
  for (let b = 0; b < k; b++) {
    const jb = load<i32>(idx + (<usize>b << 2));
    const g = (fullGram != 0 ? load<f64>(f64At(row, jb)) : dot<f64>(cj, xc + (<usize>jb * <usize>n << 3), n)) / nf;
    store<f64>(f64At(scratch, b), b == position ? g + lambda2 : g);
  }
  return choleskyInsert(gram, k - 1, position, scratch, DEPENDENT, scratch + (<usize>k << 3));
}
