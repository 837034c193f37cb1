// The exact ridge minimizers of mean(½ r²) + λ·½‖w‖² with an unpenalized intercept, on the
// centred data C = X − x̄, yc = y − ȳ. The smaller system is solved: primal (d ≤ n), in
// coordinates v = S⁻¹w of the column-scaled data A = C·S, (AᵀA + nλS²)·v = Aᵀỹ; or dual (d > n),
// with A = s·Cᵀ, (AᵀA + nλs²I)·β = ỹ and w = s·A·β / s_y. Every scale is a power of two chosen
// from the data (so scaling rounds nothing and no square overflows or underflows), and ỹ = s_y·yc.
// One λ: Cholesky (in place) plus iterative refinement with residuals from the data. Many λ: one
// tridiagonalization (ridgepath.ts), each answer checked by its gradient (API side). λ = 0: the
// eigenvalues of the equilibrated Gram matrix decide the rank, then the minimum-norm answer in w
// (ridgeeigen.ts).
import { choleskyFactor, choleskySubstitute } from "./cholesky";
import { mirrorUpper, panelMv, panelTmv, packCentred } from "./blas";
import { get, put } from "./f64mem";

// @ts-ignore: decorator
@inline function f64At(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/** Column means of the n×d matrix at `x` (type T) into `mean` (d f64). */
export function columnMeans<T>(x: usize, n: i32, d: i32, mean: usize): void {
  memory.fill(mean, 0, <usize>d << 3);
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << alignof<T>());
    for (let j = 0; j < d; j++) put(mean, j, get(mean, j) + <f64>load<T>(row + (<usize>j << alignof<T>())));
  }
  for (let j = 0; j < d; j++) put(mean, j, get(mean, j) / <f64>n);
}

/** The mean of the n values of type T at `y`. */
export function vectorMean<T>(y: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>load<T>(y + (<usize>i << alignof<T>()));
  return s / <f64>n;
}

/** 2^k for an integer k in [−1022, 1023], exactly. */
// @ts-ignore: decorator
@inline function pow2(k: i32): f64 {
  return reinterpret<f64>(<u64>(k + 1023) << 52);
}

/** The power of two 2^−e with m·2^−e in [0.5, 1) (e clamped to ±1000); 1 for 0. */
function scaleFor(m: f64): f64 {
  if (!(m > 0) || !isFinite(m)) return 1;
  let shift = 0;
  if (m < 2.2250738585072014e-308) {
    m *= pow2(600);
    shift = 600;
  }
  const e = <i32>((reinterpret<u64>(m) >> 52) & 0x7ff) - 1022 - shift;
  return pow2(-max(-1000, min(1000, e)));
}

/**
 * Writes the power-of-two column scales to `scale` (d f64): each centred column's largest
 * magnitude brought into [0.5, 1) when `perColumn`, else one common scale for all (that of the
 * largest). Returns s_y, the scale of yc.
 */
export function ridgeScales<T>(x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, perColumn: bool, scale: usize): f64 {
  const t = alignof<T>();
  memory.fill(scale, 0, <usize>d << 3);
  let ytop: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << t);
    for (let j = 0; j < d; j++) put(scale, j, Math.max(get(scale, j), Math.abs(<f64>load<T>(row + (<usize>j << t)) - get(xmean, j))));
    ytop = Math.max(ytop, Math.abs(<f64>load<T>(y + (<usize>i << t)) - ymean));
  }
  let top: f64 = 0;
  for (let j = 0; j < d; j++) top = Math.max(top, get(scale, j));
  const common = scaleFor(top);
  for (let j = 0; j < d; j++) put(scale, j, perColumn ? scaleFor(get(scale, j)) : common);
  return scaleFor(ytop);
}

/** max_j / min_j of the nonzero centred columns' largest magnitudes (1 if fewer than two); `work` holds d f64. */
export function ridgeSpread<T>(x: usize, n: i32, d: i32, xmean: usize, work: usize): f64 {
  const t = alignof<T>();
  memory.fill(work, 0, <usize>d << 3);
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << t);
    for (let j = 0; j < d; j++) put(work, j, Math.max(get(work, j), Math.abs(<f64>load<T>(row + (<usize>j << t)) - get(xmean, j))));
  }
  let lo = Infinity;
  let hi: f64 = 0;
  for (let j = 0; j < d; j++) {
    const v = get(work, j);
    if (v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return hi > 0 ? hi / lo : 1;
}

/**
 * Packs A (see the header) into the panel layout at `a`, writes ỹ = s_y·yc to `yt` (n f64) and
 * the right-hand side to `rhs`: Aᵀỹ (d f64, primal) or ỹ (n f64, dual).
 */
export function ridgePack<T>(
  x: usize, y: usize, n: i32, d: i32, xmean: usize, ymean: f64, scale: usize, sy: f64, primal: bool,
  a: usize, yt: usize, rhs: usize,
): void {
  packCentred<T>(x, n, d, xmean, scale, primal, a);
  for (let i = 0; i < n; i++) put(yt, i, (<f64>load<T>(y + (<usize>i << alignof<T>())) - ymean) * sy);
  if (primal) panelTmv(a, n, d, yt, rhs);
  else memory.copy(rhs, yt, <usize>n << 3);
}

/**
 * The penalty's diagonal entry for unknown i: nλ·scale_i² (primal) or nλ·s² (dual), at most
 * 1e300: a column so small that its entry overflows gets the weight 0, as it would exactly.
 */
// @ts-ignore: decorator
@inline function shiftAt(scale: usize, primal: bool, i: i32, shift: f64): f64 {
  const s = get(scale, primal ? i : 0);
  return Math.min(shift * s * s, 1e300);
}

/** Saves the diagonal of the Gram matrix `g` (m×m) to `diag` (m f64), so G survives in-place factorizations. */
export function saveDiagonal(g: usize, m: i32, diag: usize): void {
  for (let i = 0; i < m; i++) put(diag, i, load<f64>(g + ((<usize>i * <usize>m + <usize>i) << 3)));
}

/** Makes `g` G again from its strict upper triangle and `diag` (after a factorization overwrote the lower one). */
export function restoreGram(g: usize, m: i32, diag: usize): void {
  mirrorUpper(g, m);
  for (let i = 0; i < m; i++) store<f64>(g + ((<usize>i * <usize>m + <usize>i) << 3), get(diag, i));
}

/**
 * Solves (G + nλ·D)·sol = rhs by Cholesky in place: G (m² f64 at `g`, its diagonal saved in
 * `diag`) gets L in its lower triangle, its upper triangle is kept (`restoreGram` undoes it);
 * D is the penalty's diagonal (see `shiftAt`), `shift` = nλ. `scratch` holds 8 f64. False if not
 * numerically positive definite. Refine with `ridgeResidual` and `ridgeCholeskyStep` on `g`.
 */
export function ridgeCholesky(g: usize, m: i32, primal: bool, scale: usize, shift: f64, rhs: usize, diag: usize, sol: usize, scratch: usize): bool {
  // G's strict upper triangle and `diag` keep G; its lower triangle takes the factor (in place).
  restoreGram(g, m, diag);
  for (let i = 0; i < m; i++) {
    const p = g + ((<usize>i * <usize>m + <usize>i) << 3);
    store<f64>(p, load<f64>(p) + shiftAt(scale, primal, i, shift));
  }
  if (!choleskyFactor(g, m, scratch)) return false;
  memory.copy(sol, rhs, <usize>m << 3);
  choleskySubstitute(g, m, sol);
  for (let i = 0; i < m; i++) if (!isFinite(get(sol, i))) return false;
  return true;
}

/**
 * The residual of the penalized normal equations computed from the packed data rather than from
 * the Gram matrix (the corrected semi-normal equations): res (m f64) = Aᵀ(ỹ − A·sol) − D·sol
 * (primal) or ỹ − Aᵀ(A·sol) − D·sol (dual), with D the penalty's diagonal (`shift` = nλ).
 * `tmp` holds max(n, d) f64.
 */
export function ridgeResidual(a: usize, n: i32, d: i32, primal: bool, scale: usize, shift: f64, yt: usize, sol: usize, res: usize, tmp: usize): void {
  if (primal) {
    panelMv(a, n, d, sol, tmp);
    for (let i = 0; i < n; i++) put(tmp, i, get(yt, i) - get(tmp, i));
    panelTmv(a, n, d, tmp, res);
    for (let j = 0; j < d; j++) put(res, j, get(res, j) - shiftAt(scale, true, j, shift) * get(sol, j));
  } else {
    panelMv(a, d, n, sol, tmp);
    panelTmv(a, d, n, tmp, res);
    for (let i = 0; i < n; i++) put(res, i, get(yt, i) - get(res, i) - shiftAt(scale, false, i, shift) * get(sol, i));
  }
}

/** sol += (L·Lᵀ)⁻¹·res with the factor in `f` (a refinement step; `res` is overwritten). */
export function ridgeCholeskyStep(f: usize, m: i32, res: usize, sol: usize): void {
  choleskySubstitute(f, m, res);
  for (let i = 0; i < m; i++) put(sol, i, get(sol, i) + get(res, i));
}

/**
 * Copies G (plus the penalty's diagonal for `diagShift` = nλ) to `q` and rhs to `proj`; for the
 * primal system unless `equilibrated`, in the uniform scaling: D·G·D and D·rhs with
 * D = diag(s/scale_j), s the smallest scale (exact: powers of two).
 */
export function gramCopy(g: usize, m: i32, primal: bool, equilibrated: bool, scale: usize, rhs: usize, q: usize, proj: usize, diagShift: f64): void {
  memory.copy(q, g, <usize>m * <usize>m << 3);
  for (let i = 0; i < m; i++) {
    const p = q + ((<usize>i * <usize>m + <usize>i) << 3);
    store<f64>(p, load<f64>(p) + shiftAt(scale, primal, i, diagShift));
  }
  memory.copy(proj, rhs, <usize>m << 3);
  if (primal && !equilibrated) {
    let s = Infinity;
    for (let j = 0; j < m; j++) s = Math.min(s, get(scale, j));
    for (let i = 0; i < m; i++) {
      const di = s / get(scale, i);
      put(proj, i, get(proj, i) * di);
      for (let j = 0; j < m; j++) {
        const p = q + ((<usize>i * <usize>m + <usize>j) << 3);
        store<f64>(p, load<f64>(p) * di * (s / get(scale, j)));
      }
    }
  }
}

/**
 * Weights from a solution: primal w_j = f_j·sol_j / s_y with f_j = scale_j (or the smallest
 * scale, `uniform`); dual w = s·A·sol / s_y (`w` d f64).
 */
export function ridgeWeights(a: usize, n: i32, d: i32, primal: bool, uniform: bool, scale: usize, sy: f64, sol: usize, w: usize): void {
  if (primal) {
    let s = Infinity;
    for (let j = 0; j < d; j++) s = Math.min(s, get(scale, j));
    for (let j = 0; j < d; j++) put(w, j, (uniform ? s : get(scale, j)) * get(sol, j) / sy);
  } else {
    panelMv(a, d, n, sol, w);
    const f = get(scale, 0) / sy;
    for (let j = 0; j < d; j++) put(w, j, get(w, j) * f);
  }
}

/**
 * ‖∇f(w)‖² of f = mean(½ r²) + λ·½‖w‖² on the centred data (in w's coordinates), from the
 * packed A and ỹ: the API bounds f(w) − f* ≤ ‖∇f‖² / (2λ) with it. `r` holds n f64, `t` d f64;
 * `loss` (1 f64) gets mean(½ r²), the training loss at w with its optimal intercept.
 */
export function ridgeGradient(a: usize, n: i32, d: i32, primal: bool, scale: usize, sy: f64, w: usize, lambda: f64, yt: usize, r: usize, t: usize, loss: usize): f64 {
  if (primal) {
    for (let j = 0; j < d; j++) put(t, j, sy * get(w, j) / get(scale, j));
    panelMv(a, n, d, t, r);
  } else {
    panelTmv(a, d, n, w, r);
    const f = sy / get(scale, 0);
    for (let i = 0; i < n; i++) put(r, i, get(r, i) * f);
  }
  let rr: f64 = 0;
  for (let i = 0; i < n; i++) {
    const ri = get(yt, i) - get(r, i);
    put(r, i, ri);
    rr += (ri / sy) * (ri / sy);
  }
  store<f64>(loss, 0.5 * rr / <f64>n);
  if (primal) panelTmv(a, n, d, r, t);
  else panelMv(a, d, n, r, t);
  let s: f64 = 0;
  for (let j = 0; j < d; j++) {
    const back = primal ? sy * get(scale, j) : get(scale, 0) * sy;
    const gj = -get(t, j) / back / <f64>n + lambda * get(w, j);
    s += gj * gj;
  }
  return s;
}

/** The optimal intercept ȳ − x̄·w for weights `w` (d f64). */
export function intercept(xmean: usize, ymean: f64, w: usize, d: i32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < d; j++) s += get(xmean, j) * get(w, j);
  return ymean - s;
}
