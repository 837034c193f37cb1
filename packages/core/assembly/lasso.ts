// Exact minimizers of mean(½ r²) + λ1‖w‖₁ + λ2·½‖w‖² (lasso, elastic net) with an unpenalized
// intercept, by cyclic coordinate descent on the centred problem.
// see: J. Friedman, T. Hastie, R. Tibshirani, "Regularization Paths for Generalized Linear
// Models via Coordinate Descent", J. Stat. Softw. 33(1), 2010 (glmnet): naive updates, soft
// thresholding, active-set iterations, convergence on max_j z_j·Δw_j².
// Coordinate descent crawls on ill-conditioned active sets, so after 16, 32, 64, … passes it
// also tries to finish exactly with an active-set method seeded by its current support and
// signs, accepting the result only if it satisfies every KKT condition.
import { choleskyFactor, choleskySubstitute } from "./cholesky";
import { choleskySolve } from "./linalg";
import { axpy, dot } from "./kernels";

// @ts-ignore: decorator
@inline const POLISH_EVERY: i32 = 16;

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/**
 * Writes the centred data column-major: xc (n×d f64, column j at xc + j·n·8) = X − x̄, and
 * yc (n f64) = y − ȳ; z (d f64) gets ‖xc_j‖² / n.
 */
export function cdPrepare<T>(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, xc: usize, yc: usize, z: usize): void {
  const t = alignof<T>();
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << t);
    for (let j = 0; j < d; j++) {
      store<f64>(f64At(xc, j * n + i), <f64>load<T>(row + (<usize>j << t)) - load<f64>(f64At(xmean, j)));
    }
    store<f64>(f64At(yc, i), <f64>load<T>(y + (<usize>i << t)) - ymean);
  }
  for (let j = 0; j < d; j++) {
    const col = xc + (<usize>j * <usize>n << 3);
    let s: f64 = 0;
    for (let i = 0; i < n; i++) {
      const v = load<f64>(f64At(col, i));
      s += v * v;
    }
    store<f64>(f64At(z, j), s / <f64>n);
  }
}

/** One coordinate update; returns z_j·Δ², the change measure glmnet tests. */
// @ts-ignore: decorator
@inline function update(xc: usize, n: i32, j: i32, z: usize, w: usize, r: usize, lambda1: f64, lambda2: f64): f64 {
  const zj = load<f64>(f64At(z, j));
  const old = load<f64>(f64At(w, j));
  if (zj == 0) {
    store<f64>(f64At(w, j), 0);
    return 0;
  }
  const col = xc + (<usize>j * <usize>n << 3);
  let g: f64 = 0;
  for (let i = 0; i < n; i++) g += load<f64>(f64At(col, i)) * load<f64>(f64At(r, i));
  g = g / <f64>n + zj * old;
  const shrunk = g > lambda1 ? g - lambda1 : g < -lambda1 ? g + lambda1 : 0;
  const next = shrunk / (zj + lambda2);
  const delta = next - old;
  if (delta == 0) return 0;
  for (let i = 0; i < n; i++) store<f64>(f64At(r, i), load<f64>(f64At(r, i)) - delta * load<f64>(f64At(col, i)));
  store<f64>(f64At(w, j), next);
  return zj * delta * delta;
}

// @ts-ignore: decorator
@inline const POLISH_ATTEMPTS: i32 = 24;

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

/** The position of the smallest magnitude in the active list. */
function smallestActive(mag: usize, k: i32): i32 {
  let smallest = 0;
  for (let a = 1; a < k; a++) if (load<f64>(f64At(mag, a)) < load<f64>(f64At(mag, smallest))) smallest = a;
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

/**
 * Solves the active system (X_AᵀX_A/n + λ2·I)·v = X_Aᵀyc/n − λ1·s into `rhs` (k f64): directly
 * when k ≤ n, else (λ2 > 0) by its dual, v = (b − X_Aᵀ(nλ2·I + X_A·X_Aᵀ)⁻¹·X_A·b) / λ2, an n×n
 * system. `gram` holds min(k, n)² f64, `rv` n f64. False if the system is not positive definite.
 */
function activeSolve(
  xc: usize, yc: usize, n: i32, lambda1: f64, lambda2: f64, idx: usize, sgn: usize, k: i32,
  gram: usize, rhs: usize, rv: usize,
): bool {
  const nf = <f64>n;
  for (let a = 0; a < k; a++) {
    const j = load<i32>(idx + (<usize>a << 2));
    const t = fullGram != 0 ? load<f64>(f64At(fullXty, j)) : dot<f64>(xc + (<usize>j * <usize>n << 3), yc, n);
    store<f64>(f64At(rhs, a), t / nf - lambda1 * load<f64>(f64At(sgn, a)));
  }
  if (fullGram != 0 && (k <= n || !(lambda2 > 0))) {
    for (let a = 0; a < k; a++) {
      const row = fullGram + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>fullD << 3);
      for (let b = 0; b <= a; b++) {
        let g = load<f64>(f64At(row, load<i32>(idx + (<usize>b << 2)))) / nf;
        if (a == b) g += lambda2;
        store<f64>(f64At(gram, a * k + b), g);
        store<f64>(f64At(gram, b * k + a), g);
      }
    }
    if (!choleskyFactor(gram, k, cholScratch)) return false;
    choleskySubstitute(gram, k, rhs);
    return true;
  }
  if (k <= n || !(lambda2 > 0)) {
    for (let a = 0; a < k; a++) {
      const ca = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
      for (let b = 0; b <= a; b++) {
        const cb = xc + (<usize>load<i32>(idx + (<usize>b << 2)) * <usize>n << 3);
        let g = dot<f64>(ca, cb, n) / nf;
        if (a == b) g += lambda2;
        store<f64>(f64At(gram, a * k + b), g);
        store<f64>(f64At(gram, b * k + a), g);
      }
    }
    return choleskySolve(gram, k, rhs);
  }
  // Dual: gram = nλ2·I + Σ_a x_a x_aᵀ (n×n), rv = X_A·b.
  memory.fill(gram, 0, <usize>n * <usize>n << 3);
  memory.fill(rv, 0, <usize>n << 3);
  for (let a = 0; a < k; a++) {
    const ca = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
    axpy<f64>(load<f64>(f64At(rhs, a)), ca, rv, n);
    for (let i = 0; i < n; i++) axpy<f64>(load<f64>(f64At(ca, i)), ca, gram + (<usize>i * <usize>n << 3), i + 1);
  }
  for (let i = 0; i < n; i++) {
    store<f64>(f64At(gram, i * n + i), load<f64>(f64At(gram, i * n + i)) + nf * lambda2);
    for (let j = 0; j < i; j++) store<f64>(f64At(gram, j * n + i), load<f64>(f64At(gram, i * n + j)));
  }
  if (!choleskySolve(gram, n, rv)) return false;
  for (let a = 0; a < k; a++) {
    const ca = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
    store<f64>(f64At(rhs, a), (load<f64>(f64At(rhs, a)) - dot<f64>(ca, rv, n)) / lambda2);
  }
  return true;
}

/**
 * Tries to jump to the exact minimizer by an active-set method seeded with coordinate descent's
 * current support A and signs s: solve (X_AᵀX_A/n + λ2·I)·v = X_Aᵀyc/n − λ1·s; drop
 * coordinates whose sign flips (or, when the system is singular, the smallest); add the inactive
 * coordinate that most violates |xc_jᵀ(yc − X_A·v)/n| ≤ λ1. When v keeps its signs and no
 * coordinate violates, v is the minimizer: it goes to w (and the residual to r).
 * Scratch: `gram` m² f64, `rhs`, `sgn`, `mag` m f64, `idx` m i32, `rv` n f64.
 */
function polish(
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
  const bound = lambda1 * (1 + 1e-9);
  for (let attempt = 0; attempt < POLISH_ATTEMPTS; attempt++) {
    if (k > 0) {
      if (!activeSolve(xc, yc, n, lambda1, lambda2, idx, sgn, k, gram, rhs, rv)) {
        removeActive(idx, sgn, mag, k, smallestActive(mag, k));
        k--;
        continue;
      }
      let flipped = false;
      for (let a = k - 1; a >= 0; a--) {
        const v = load<f64>(f64At(rhs, a));
        if (v * load<f64>(f64At(sgn, a)) > 0) continue;
        for (let b = a; b < k - 1; b++) store<f64>(f64At(rhs, b), load<f64>(f64At(rhs, b + 1)));
        removeActive(idx, sgn, mag, k, a);
        k--;
        flipped = true;
      }
      if (flipped) continue;
    }
    memory.copy(rv, yc, <usize>n << 3);
    for (let a = 0; a < k; a++) {
      const v = load<f64>(f64At(rhs, a));
      store<f64>(f64At(mag, a), Math.abs(v));
      const col = xc + (<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n << 3);
      for (let i = 0; i < n; i++) store<f64>(f64At(rv, i), load<f64>(f64At(rv, i)) - v * load<f64>(f64At(col, i)));
    }
    // Every inactive coordinate that violates the KKT bound joins the active list (kept sorted:
    // the walk inserts j where it stands), with the sign that lowers the objective and priority
    // over old entries when dropping.
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
      insertActive(idx, sgn, mag, k, j, g > 0 ? 1 : -1, Infinity);
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
  }
  return false;
}

/** r = yc − Xc·w, afresh. */
function residual(xc: usize, yc: usize, n: i32, d: i32, w: usize, r: usize): void {
  memory.copy(r, yc, <usize>n << 3);
  for (let j = 0; j < d; j++) {
    const wj = load<f64>(f64At(w, j));
    if (wj != 0) axpy<f64>(-wj, xc + (<usize>j * <usize>n << 3), r, n);
  }
}

/**
 * The largest violation of the optimality (KKT) conditions at w, with g_j = xc_jᵀr/n:
 * |g_j − λ1·sign(w_j) − λ2·w_j| where w_j ≠ 0, max(|g_j| − λ1, 0) where w_j = 0. Recomputes
 * the residual into `r` (n f64) from scratch first.
 */
export function cdKkt(xc: usize, yc: usize, n: i32, d: i32, w: usize, r: usize, lambda1: f64, lambda2: f64): f64 {
  residual(xc, yc, n, d, w, r);
  let worst: f64 = 0;
  for (let j = 0; j < d; j++) {
    const g = dot<f64>(xc + (<usize>j * <usize>n << 3), r, n) / <f64>n;
    const wj = load<f64>(f64At(w, j));
    const v = wj == 0 ? Math.max(Math.abs(g) - lambda1, 0) : Math.abs(g - lambda1 * (wj > 0 ? 1 : -1) - lambda2 * wj);
    if (!(v <= worst)) worst = v; // NaN propagates
  }
  return worst;
}

/**
 * Minimizes from the warm start in `w` (d f64, updated in place); `r` is n f64 of scratch.
 * The active-set step uses `gram` (m² f64), `rv` (n f64), `rhs`, `sgn`, `mag` (d f64) and `idx`
 * (d i32); it runs after 16, 32, 64, … passes (only when `kktTol` is finite: the target λ). A pass that moves no coordinate by more than
 * z_j·Δ² > tol·(‖yc‖²/n), or an active-set step that satisfies every KKT condition, proposes
 * convergence; it is accepted only when the KKT violation (`cdKkt`, one more pass) is at most
 * `kktTol` (skipped when `kktTol` is infinite), else the change tolerance tightens and descent
 * goes on. Descent runs over the strong set (`strong`: d bytes of scratch; `lambdaPrev` is the
 * λ1 of the previous path step, or the top of the path). Returns the passes made (a screening or
 * checking sweep counts as one), negated if `maxPasses` ran out first.
 */
export function cdSolve(
  xc: usize, yc: usize, n: i32, d: i32, z: usize, lambda1: f64, lambda2: f64, w: usize, r: usize, tol: f64, maxPasses: i32,
  gram: usize, rhs: usize, idx: usize, sgn: usize, mag: usize, rv: usize, m: i32, kktTol: f64,
  strong: usize, lambdaPrev: f64,
): i32 {
  let nullDeviance: f64 = 0;
  for (let i = 0; i < n; i++) nullDeviance += load<f64>(f64At(yc, i)) * load<f64>(f64At(yc, i));
  nullDeviance /= <f64>n;
  let threshold = tol * (nullDeviance > 0 ? nullDeviance : 1);
  residual(xc, yc, n, d, w, r);
  let passes = 0;
  // see: R. Tibshirani et al., "Strong rules for discarding predictors in lasso-type problems",
  // JRSS B 74(2), 2012: the sequential strong rule keeps j when |g_j| ≥ 2λ1 − λ1(previous);
  // the discarded ones are checked against the KKT conditions before convergence is proposed.
  const cut = 2 * lambda1 - lambdaPrev;
  for (let j = 0; j < d; j++) {
    const g = dot<f64>(xc + (<usize>j * <usize>n << 3), r, n) / <f64>n;
    store<u8>(strong + <usize>j, load<f64>(f64At(w, j)) != 0 || Math.abs(g) >= cut ? 1 : 0);
  }
  passes++;
  let nextPolish = POLISH_EVERY;
  while (passes < maxPasses) {
    let change: f64 = 0;
    for (let j = 0; j < d; j++) {
      if (load<u8>(strong + <usize>j) != 0 || load<f64>(f64At(w, j)) != 0) change = Math.max(change, update(xc, n, j, z, w, r, lambda1, lambda2));
    }
    passes++;
    let proposed = change <= threshold;
    // Iterate on the active set (nonzero weights) until it settles, then check all again.
    while (!proposed && passes < maxPasses) {
      let inner: f64 = 0;
      for (let j = 0; j < d; j++) {
        if (load<f64>(f64At(w, j)) != 0) inner = Math.max(inner, update(xc, n, j, z, w, r, lambda1, lambda2));
      }
      passes++;
      if (kktTol != Infinity && passes >= nextPolish) {
        nextPolish *= 2;
        if (polish(xc, yc, n, d, lambda1, lambda2, w, r, gram, rhs, idx, sgn, mag, rv, m)) proposed = true;
      }
      if (inner <= threshold) break;
    }
    if (!proposed) continue;
    // Discarded coordinates that violate |g_j| ≤ λ1 rejoin, and descent goes on.
    passes++;
    let rejoined = false;
    for (let j = 0; j < d; j++) {
      if (load<u8>(strong + <usize>j) != 0) continue;
      const g = dot<f64>(xc + (<usize>j * <usize>n << 3), r, n) / <f64>n;
      if (Math.abs(g) > lambda1) {
        store<u8>(strong + <usize>j, 1);
        rejoined = true;
      }
    }
    if (rejoined) continue;
    if (kktTol == Infinity) return passes;
    if (passes >= maxPasses) break;
    passes++;
    if (cdKkt(xc, yc, n, d, w, r, lambda1, lambda2) <= kktTol) return passes;
    threshold *= 0.01;
  }
  return -passes;
}

/** out (d f64) = Xcᵀ·yc, for `cdUseGram`. */
export function cdXty(xc: usize, yc: usize, n: i32, d: i32, out: usize): void {
  for (let j = 0; j < d; j++) store<f64>(f64At(out, j), dot<f64>(xc + (<usize>j * <usize>n << 3), yc, n));
}

/** max_j |xc_jᵀ·yc| / n: the smallest λ1 at which w = 0 is the minimizer (the top of the path). */
export function cdLambdaMax(xc: usize, yc: usize, n: i32, d: i32): f64 {
  let top: f64 = 0;
  for (let j = 0; j < d; j++) {
    const col = xc + (<usize>j * <usize>n << 3);
    let g: f64 = 0;
    for (let i = 0; i < n; i++) g += load<f64>(f64At(col, i)) * load<f64>(f64At(yc, i));
    top = Math.max(top, Math.abs(g));
  }
  return top / <f64>n;
}
