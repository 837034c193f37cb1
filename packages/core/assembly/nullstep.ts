// A rank-deficient active set for the lasso's active-set step (activeset.ts). When the active
// columns are linearly dependent (always once more than rank(Xc) ≤ n − 1 are active), the system
// X_AᵀX_A·v = X_Aᵀyc − nλ1·s has no solution unless s ⟂ null(X_A), and coordinate descent
// crawls along the flat valley X_A·u = 0. Along w + t·u the fit is unchanged and the L1 term
// moves by λ1·t·(s·u), so stepping in the direction that does not raise it until the first
// coordinate reaches zero (dropping it) reaches a basic solution no worse than w.
// see: R. J. Tibshirani, "The lasso problem and uniqueness", Electron. J. Stat. 7, 2013, §2
// (a solution with at most rank(X) nonzeros exists, reached by exactly this reduction).

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/**
 * A Cholesky pivot at most this times its diagonal entry (1 − R² of the column on the earlier
 * ones, scale-free) marks a column dependent on the earlier ones: a Gram formed in f64 resolves
 * 1 − R² only to a small multiple of k·ε.
 */
// @ts-ignore: decorator
@inline export const DEPENDENT: f64 = 1e-13;

/**
 * Whether the Cholesky factor at `a` (k×k, from `choleskyFactor`) has a pivot L_ii² at most
 * DEPENDENT × diag[i] (`diag`: the matrix's diagonal, k f64), i.e. a numerically dependent column.
 */
export function hasDependentPivot(a: usize, k: i32, diag: usize): bool {
  for (let i = 0; i < k; i++) {
    const l = load<f64>(f64At(a, i * k + i));
    if (l * l <= DEPENDENT * load<f64>(f64At(diag, i))) return true;
  }
  return false;
}

/**
 * For the symmetric positive semidefinite k×k matrix at `a` (row-major, overwritten): the first
 * column p that is numerically a combination of columns 0 … p−1, and in `u` (k f64) the null
 * vector u_p = 1, u_{<p} = −G_{<p,<p}⁻¹·G_{<p,p}, u_{>p} = 0. −1 if there is none; but when the
 * matrix is known to be singular (`singular`: more centred columns than rank n − 1 allows), the
 * column with the smallest pivot relative to its diagonal: rounding can lift every pivot above
 * DEPENDENT (1e-13 to 1e-9 of the diagonal seen at k = n = 50 and 100 in a lasso's exchanges).
 */
export function dependentColumn(a: usize, k: i32, u: usize, singular: bool = false): i32 {
  let weakest = -1;
  let weakestRatio: f64 = Infinity;
  for (let i = 0; i < k; i++) {
    // Row i of L (Cholesky–Crout): L[i, j] = (A[i, j] − L[i, :j]·L[j, :j]) / L[j, j].
    for (let j = 0; j < i; j++) {
      let s = load<f64>(f64At(a, i * k + j));
      for (let p = 0; p < j; p++) s -= load<f64>(f64At(a, i * k + p)) * load<f64>(f64At(a, j * k + p));
      store<f64>(f64At(a, i * k + j), s / load<f64>(f64At(a, j * k + j)));
    }
    const diag = load<f64>(f64At(a, i * k + i));
    let s = diag;
    for (let p = 0; p < i; p++) s -= load<f64>(f64At(a, i * k + p)) * load<f64>(f64At(a, i * k + p));
    if (s > DEPENDENT * diag) {
      if (s / diag < weakestRatio) {
        weakestRatio = s / diag;
        weakest = i;
      }
      store<f64>(f64At(a, i * k + i), Math.sqrt(s));
      continue;
    }
    nullVector(a, k, i, u);
    return i;
  }
  if (!singular || weakest < 0) return -1;
  // Rows ≤ weakest of L are intact: its null vector is formed as if its pivot were zero.
  nullVector(a, k, weakest, u);
  return weakest;
}

/** u (k f64) = (−x, 1, 0 …) with L11ᵀ·x = L[p, :p], from the first p + 1 rows of L (lower triangle of `a`). */
function nullVector(a: usize, k: i32, p: i32, u: usize): void {
  memory.fill(u, 0, <usize>k << 3);
  for (let j = 0; j < p; j++) store<f64>(f64At(u, j), load<f64>(f64At(a, p * k + j)));
  for (let j = p - 1; j >= 0; j--) {
    let t = load<f64>(f64At(u, j));
    for (let q = j + 1; q < p; q++) t -= load<f64>(f64At(a, q * k + j)) * load<f64>(f64At(u, q));
    store<f64>(f64At(u, j), t / load<f64>(f64At(a, j * k + j)));
  }
  for (let j = 0; j < p; j++) store<f64>(f64At(u, j), -load<f64>(f64At(u, j)));
  store<f64>(f64At(u, p), 1);
}

/**
 * Moves the active point x_a = sgn_a·mag_a (k entries, columns `idx` of the centred data `xc`)
 * along the null vector `u` in the direction that does not raise the objective to first order,
 * to where the first coordinate reaches zero; updates `mag` and returns that coordinate's
 * position (the caller drops it), or −1 if none shrinks that way. The slope counts the fit too,
 * −(X_A·u)ᵀ(yc − X_A·x)/n, computed from the data: numerically dependent columns are seldom
 * exactly so, and when the L1 term is flat along u (s ⟂ u: columns alike with equal signs)
 * only the fit tells which of them the minimizer keeps.
 */
export function nullStep(
  sgn: usize, mag: usize, u: usize, k: i32,
  xc: usize, yc: usize, n: i32, idx: usize, lambda1: f64, lambda2: f64,
): i32 {
  let su: f64 = 0;
  let xu: f64 = 0;
  for (let a = 0; a < k; a++) {
    const ua = load<f64>(f64At(u, a));
    su += load<f64>(f64At(sgn, a)) * ua;
    xu += load<f64>(f64At(sgn, a)) * load<f64>(f64At(mag, a)) * ua;
  }
  let fit: f64 = 0;
  for (let i = 0; i < n; i++) {
    let zi: f64 = 0;
    let ri = load<f64>(f64At(yc, i));
    for (let a = 0; a < k; a++) {
      const x = load<f64>(xc + ((<usize>load<i32>(idx + (<usize>a << 2)) * <usize>n + <usize>i) << 3));
      zi += load<f64>(f64At(u, a)) * x;
      ri -= load<f64>(f64At(sgn, a)) * load<f64>(f64At(mag, a)) * x;
    }
    fit += zi * ri;
  }
  const slope = lambda1 * su + lambda2 * xu - fit / <f64>n;
  let dir: f64 = slope > 0 ? -1 : 1;
  let hit = first(sgn, mag, u, k, dir);
  // Flat to first order: either direction; one of them reaches a zero.
  if (hit < 0 && slope == 0) hit = first(sgn, mag, u, k, (dir = -dir));
  if (hit < 0) return -1;
  const t = load<f64>(f64At(mag, hit)) / Math.abs(load<f64>(f64At(u, hit)));
  for (let a = 0; a < k; a++) {
    // Magnitudes shrink or grow along the signed step; none crosses zero before `hit`.
    const m = load<f64>(f64At(mag, a)) + t * dir * load<f64>(f64At(sgn, a)) * load<f64>(f64At(u, a));
    store<f64>(f64At(mag, a), a == hit ? 0 : Math.max(m, 0));
  }
  return hit;
}

/** The coordinate whose magnitude reaches zero first along dir·u, or −1 if none shrinks. */
function first(sgn: usize, mag: usize, u: usize, k: i32, dir: f64): i32 {
  let best = -1;
  let bestT = Infinity;
  for (let a = 0; a < k; a++) {
    const rate = dir * load<f64>(f64At(sgn, a)) * load<f64>(f64At(u, a));
    if (!(rate < 0)) continue;
    const t = load<f64>(f64At(mag, a)) / -rate;
    if (t < bestT) {
      bestT = t;
      best = a;
    }
  }
  return best;
}
