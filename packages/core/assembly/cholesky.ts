// Cholesky factorization A = L·Lᵀ of a symmetric positive definite k×k matrix (row-major f64),
// by rows (Cholesky–Crout): L[i, j] = (A[i, j] − L[i, :j]·L[j, :j]) / L[j, j]. Rows are
// contiguous, so every inner product is a unit-stride SIMD loop; two rows i are done together
// against four rows j (a 2×4 register tile of f64x2 accumulators), which halves the traffic.
// see: G. H. Golub, C. F. Van Loan, "Matrix Computations", 4th ed., §4.2 (the gaxpy and
// inner-product forms of Cholesky).

// @ts-ignore: decorator
@inline function rowAt(a: usize, k: i32, i: i32): usize {
  return a + (<usize>i * <usize>k << 3);
}

// @ts-ignore: decorator
@inline function hsum2(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** out[0..7] = the dot products of rows r0, r1 with rows c0 … c3 over their first `len` values. */
function dot2x4(r0: usize, r1: usize, c0: usize, c1: usize, c2: usize, c3: usize, len: i32, out: usize): void {
  let s00 = f64x2.splat(0), s01 = s00, s02 = s00, s03 = s00;
  let s10 = s00, s11 = s00, s12 = s00, s13 = s00;
  let o: usize = 0;
  const end = <usize>(len & ~1) << 3;
  for (; o < end; o += 16) {
    const a = v128.load(r0 + o);
    const b = v128.load(r1 + o);
    const x0 = v128.load(c0 + o);
    const x1 = v128.load(c1 + o);
    const x2 = v128.load(c2 + o);
    const x3 = v128.load(c3 + o);
    s00 = f64x2.add(s00, f64x2.mul(a, x0));
    s01 = f64x2.add(s01, f64x2.mul(a, x1));
    s02 = f64x2.add(s02, f64x2.mul(a, x2));
    s03 = f64x2.add(s03, f64x2.mul(a, x3));
    s10 = f64x2.add(s10, f64x2.mul(b, x0));
    s11 = f64x2.add(s11, f64x2.mul(b, x1));
    s12 = f64x2.add(s12, f64x2.mul(b, x2));
    s13 = f64x2.add(s13, f64x2.mul(b, x3));
  }
  let t00 = hsum2(s00), t01 = hsum2(s01), t02 = hsum2(s02), t03 = hsum2(s03);
  let t10 = hsum2(s10), t11 = hsum2(s11), t12 = hsum2(s12), t13 = hsum2(s13);
  if (len & 1) {
    const a = load<f64>(r0 + end);
    const b = load<f64>(r1 + end);
    const x0 = load<f64>(c0 + end), x1 = load<f64>(c1 + end), x2 = load<f64>(c2 + end), x3 = load<f64>(c3 + end);
    t00 += a * x0; t01 += a * x1; t02 += a * x2; t03 += a * x3;
    t10 += b * x0; t11 += b * x1; t12 += b * x2; t13 += b * x3;
  }
  store<f64>(out, t00); store<f64>(out, t01, 8); store<f64>(out, t02, 16); store<f64>(out, t03, 24);
  store<f64>(out, t10, 32); store<f64>(out, t11, 40); store<f64>(out, t12, 48); store<f64>(out, t13, 56);
}

/** The dot product of the first `len` values of rows a and b. */
function dotRow(a: usize, b: usize, len: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = s0;
  let o: usize = 0;
  const end4 = <usize>(len & ~3) << 3;
  for (; o < end4; o += 32) {
    s0 = f64x2.add(s0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
  }
  let s = hsum2(f64x2.add(s0, s1));
  for (let j = len & ~3; j < len; j++) s += load<f64>(a + (<usize>j << 3)) * load<f64>(b + (<usize>j << 3));
  return s;
}

/** Finishes L[i, j] for j in [from, to) with scalar-corrected dots (the part the tile left). */
function finishRow(a: usize, k: i32, i: i32, from: i32, to: i32): void {
  const ri = rowAt(a, k, i);
  for (let j = from; j < to; j++) {
    const rj = rowAt(a, k, j);
    const v = (load<f64>(ri + (<usize>j << 3)) - dotRow(ri, rj, j)) / load<f64>(rj + (<usize>j << 3));
    store<f64>(ri + (<usize>j << 3), v);
  }
}

/**
 * Overwrites the lower triangle of the symmetric k×k matrix at `a` with L (A = L·Lᵀ); the strict
 * upper triangle is left as it was. `scratch` holds 8 f64. False if a pivot is not positive
 * (the matrix is not numerically positive definite), or not finite.
 */
export function choleskyFactor(a: usize, k: i32, scratch: usize): bool {
  for (let i = 0; i < k; i += 2) {
    const two = i + 1 < k;
    const r0 = rowAt(a, k, i);
    const r1 = two ? rowAt(a, k, i + 1) : r0;
    let j = 0;
    for (; j + 4 <= i; j += 4) {
      const c0 = rowAt(a, k, j);
      dot2x4(r0, r1, c0, c0 + (<usize>k << 3), c0 + (<usize>k << 4), c0 + (<usize>(3 * k) << 3), j, scratch);
      for (let q = 0; q < 4; q++) {
        const rq = rowAt(a, k, j + q);
        const col = <usize>(j + q) << 3;
        // The tile covered columns < j; add columns j … j+q−1 of this block.
        let s0 = load<f64>(scratch + (<usize>q << 3));
        let s1 = load<f64>(scratch + (<usize>(q + 4) << 3));
        for (let p = j; p < j + q; p++) {
          const l = load<f64>(rq + (<usize>p << 3));
          s0 += load<f64>(r0 + (<usize>p << 3)) * l;
          s1 += load<f64>(r1 + (<usize>p << 3)) * l;
        }
        const diag = load<f64>(rq + col);
        store<f64>(r0 + col, (load<f64>(r0 + col) - s0) / diag);
        if (two) store<f64>(r1 + col, (load<f64>(r1 + col) - s1) / diag);
      }
    }
    finishRow(a, k, i, j, i);
    const d0 = load<f64>(r0 + (<usize>i << 3)) - dotRow(r0, r0, i);
    if (!(d0 > 0) || d0 == Infinity) return false;
    store<f64>(r0 + (<usize>i << 3), Math.sqrt(d0));
    if (!two) break;
    finishRow(a, k, i + 1, j, i + 1);
    const d1 = load<f64>(r1 + (<usize>(i + 1) << 3)) - dotRow(r1, r1, i + 1);
    if (!(d1 > 0) || d1 == Infinity) return false;
    store<f64>(r1 + (<usize>(i + 1) << 3), Math.sqrt(d1));
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place (b, k f64) with the factor from `choleskyFactor`. */
export function choleskySubstitute(a: usize, k: i32, b: usize): void {
  for (let i = 0; i < k; i++) {
    const ri = rowAt(a, k, i);
    const v = (load<f64>(b + (<usize>i << 3)) - dotRow(ri, b, i)) / load<f64>(ri + (<usize>i << 3));
    store<f64>(b + (<usize>i << 3), v);
  }
  // Lᵀ·x = z by columns of Lᵀ, which are the contiguous rows of L.
  for (let i = k - 1; i >= 0; i--) {
    const ri = rowAt(a, k, i);
    const xi = load<f64>(b + (<usize>i << 3)) / load<f64>(ri + (<usize>i << 3));
    store<f64>(b + (<usize>i << 3), xi);
    const v = f64x2.splat(xi);
    let p = 0;
    for (; p + 2 <= i; p += 2) {
      const o = <usize>p << 3;
      v128.store(b + o, f64x2.sub(v128.load(b + o), f64x2.mul(v, v128.load(ri + o))));
    }
    for (; p < i; p++) store<f64>(b + (<usize>p << 3), load<f64>(b + (<usize>p << 3)) - xi * load<f64>(ri + (<usize>p << 3)));
  }
}

/**
 * Turns the lower-triangular k×k factor at `a` (rows `ld` apart) from L into L̃ with
 * L̃·L̃ᵀ = L·Lᵀ + sign·x·xᵀ (x, k f64, overwritten). False, with L no longer a factor, if a
 * downdate (sign −1) leaves the matrix not positive definite; an update always succeeds.
 * see: Golub, Van Loan, "Matrix Computations", 4th ed., §6.5.4 (plane and hyperbolic rotations).
 */
function rankOne(a: usize, ld: i32, k: i32, x: usize, sign: f64): bool {
  for (let j = 0; j < k; j++) {
    const rj = rowAt(a, ld, j) + (<usize>j << 3);
    const ljj = load<f64>(rj);
    const xj = load<f64>(x + (<usize>j << 3));
    const r2 = ljj * ljj + sign * xj * xj;
    if (!(r2 > 0) || r2 == Infinity) return false;
    const r = Math.sqrt(r2);
    const c = r / ljj;
    const s = xj / ljj;
    const ss = sign * s;
    store<f64>(rj, r);
    for (let i = j + 1; i < k; i++) {
      const p = rowAt(a, ld, i) + (<usize>j << 3);
      const xi = load<f64>(x + (<usize>i << 3));
      const l = (load<f64>(p) + ss * xi) / c;
      store<f64>(p, l);
      store<f64>(x + (<usize>i << 3), c * xi - s * l);
    }
  }
  return true;
}

/** Updates the factor from `choleskyFactor` in place: L·Lᵀ becomes L·Lᵀ + x·xᵀ (x, k f64, overwritten). */
export function choleskyUpdate(a: usize, k: i32, x: usize): void {
  rankOne(a, k, k, x, 1);
}

/**
 * Downdates the factor from `choleskyFactor` in place: L·Lᵀ becomes L·Lᵀ − x·xᵀ (x, k f64,
 * overwritten). False, with L no longer a factor, if the result is not positive definite.
 */
export function choleskyDowndate(a: usize, k: i32, x: usize): bool {
  return rankOne(a, k, k, x, -1);
}

/**
 * Removes row and column p of the matrix from its factor at `a` (k×k, from `choleskyFactor`):
 * afterwards `a` holds the (k−1)×(k−1) factor, rows k−1 apart. The rows below p lose entry p,
 * which the trailing factor takes back as a rank-one update (always positive definite).
 * `scratch`: k f64.
 */
export function choleskyDelete(a: usize, k: i32, p: i32, scratch: usize): void {
  const rest = k - 1 - p;
  for (let i = 0; i < rest; i++) {
    const row = rowAt(a, k, p + 1 + i);
    store<f64>(scratch + (<usize>i << 3), load<f64>(row + (<usize>p << 3)));
    memory.copy(row + (<usize>p << 3), row + (<usize>(p + 1) << 3), <usize>(i + 1) << 3);
  }
  rankOne(rowAt(a, k, p + 1) + (<usize>p << 3), k, rest, scratch, 1);
  // Close the gap of row p and repack to rows k − 1 apart (each row moves to a lower address).
  for (let i = 0; i < k - 1; i++) {
    const from = rowAt(a, k, i < p ? i : i + 1);
    memory.copy(rowAt(a, k - 1, i), from, <usize>(i + 1) << 3);
  }
}

/**
 * Inserts a row and column at position p into the matrix whose factor is at `a` (k×k, from
 * `choleskyFactor`): `col` (k + 1 f64) is the new column in the new order, its diagonal at p.
 * Afterwards `a` holds the (k+1)×(k+1) factor, rows k + 1 apart: row p by a forward solve, the
 * rows below by their new entry and a rank-one downdate of the rest. False, with `a` no longer a
 * factor, if a pivot falls to `dependent` × its diagonal or below (a numerically dependent column).
 * `scratch`: k f64.
 */
export function choleskyInsert(a: usize, k: i32, p: i32, col: usize, dependent: f64, scratch: usize): bool {
  const m = k + 1;
  // Spread the rows to m apart, leaving row and column p empty (last row first: nothing is
  // overwritten before it is read).
  for (let i = k; i >= 0; i--) {
    if (i == p) continue;
    const from = rowAt(a, k, i > p ? i - 1 : i);
    const to = rowAt(a, m, i);
    if (i > p) memory.copy(to + (<usize>(p + 1) << 3), from + (<usize>p << 3), <usize>(i - p) << 3);
    memory.copy(to, from, <usize>(i < p ? i + 1 : p) << 3);
  }
  // Row p: L11·l = col[:p], then its pivot.
  const rp = rowAt(a, m, p);
  for (let j = 0; j < p; j++) store<f64>(rp + (<usize>j << 3), (load<f64>(col + (<usize>j << 3)) - dotRow(rp, rowAt(a, m, j), j)) / load<f64>(rowAt(a, m, j) + (<usize>j << 3)));
  const diag = load<f64>(col + (<usize>p << 3));
  const pivot = diag - dotRow(rp, rp, p);
  if (!(pivot > dependent * diag) || pivot == Infinity) return false;
  const lpp = Math.sqrt(pivot);
  store<f64>(rp + (<usize>p << 3), lpp);
  // Column p below, and the trailing factor loses what it now carries.
  for (let i = p + 1; i < m; i++) {
    const ri = rowAt(a, m, i);
    const l = (load<f64>(col + (<usize>i << 3)) - dotRow(ri, rp, p)) / lpp;
    store<f64>(ri + (<usize>p << 3), l);
    store<f64>(scratch + (<usize>(i - p - 1) << 3), l);
  }
  if (p + 1 == m) return true;
  if (!rankOne(rowAt(a, m, p + 1) + (<usize>(p + 1) << 3), m, m - p - 1, scratch, -1)) return false;
  for (let i = p + 1; i < m; i++) {
    const ri = rowAt(a, m, i);
    const l = load<f64>(ri + (<usize>i << 3));
    if (!(l * l > dependent * dotRow(ri, ri, i + 1))) return false;
  }
  return true;
}
