// Eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix by the implicit
// QL algorithm with Wilkinson-like shifts.
// see: JAMA (public domain) EigenvalueDecomposition.tql2, from EISPACK tql2; LAPACK dsteqr/dlasr
// (a sweep's rotations are computed first, then applied to the vectors in one fused pass).
// The eigenvectors are kept transposed (Zᵀ, one eigenvector per row), so a rotation in the plane
// (i, i + 1) mixes two contiguous rows in f64x2. (Applying a sweep's chain column block by column
// block, the running row in registers, measured no faster: the chain is latency-bound.)
import { get, put } from "./f64mem";

/** Most QL sweeps for one eigenvalue before giving up (LAPACK dsteqr allows 30 per eigenvalue in total). */
// @ts-ignore: decorator
@inline const MAX_SWEEPS: i32 = 60;

function hypot(a: f64, b: f64): f64 {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y == 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Applies the chain of rotations of one QL sweep to rows l … n of Zᵀ (m columns, leading
 * dimension ld, at `zt`): for i = n − 1 down to l, rows (i, i + 1) ← (c·row_i − s·row_{i+1}, s·row_i + c·row_{i+1})
 * with c = cs[2i], s = cs[2i + 1].
 */
function rotateRows(zt: usize, m: i32, ld: i32, l: i32, n: i32, cs: usize): void {
  const stride = <usize>ld << 3;
  for (let i = n - 1; i >= l; i--) {
    const c = v128.load64_splat(cs + (<usize>(2 * i) << 3));
    const s = v128.load64_splat(cs + (<usize>(2 * i + 1) << 3));
    const cc = get(cs, 2 * i);
    const ss = get(cs, 2 * i + 1);
    const x = zt + <usize>i * stride;
    const y = x + stride;
    let j = 0;
    for (; j + 4 <= m; j += 4) {
      const o = <usize>j << 3;
      const x0 = v128.load(x + o);
      const x1 = v128.load(x + o, 16);
      const y0 = v128.load(y + o);
      const y1 = v128.load(y + o, 16);
      v128.store(y + o, f64x2.add(f64x2.mul(s, x0), f64x2.mul(c, y0)));
      v128.store(y + o, f64x2.add(f64x2.mul(s, x1), f64x2.mul(c, y1)), 16);
      v128.store(x + o, f64x2.sub(f64x2.mul(c, x0), f64x2.mul(s, y0)));
      v128.store(x + o, f64x2.sub(f64x2.mul(c, x1), f64x2.mul(s, y1)), 16);
    }
    for (; j < m; j++) {
      const xv = get(x, j);
      const yv = get(y, j);
      put(y, j, ss * xv + cc * yv);
      put(x, j, cc * xv - ss * yv);
    }
  }
}

/**
 * The eigenvalues of the symmetric tridiagonal matrix with diagonal `d` and off-diagonal `e`
 * (e[i] couples i and i + 1; e[m − 1] is ignored), m values each, both overwritten: `d` gets the
 * eigenvalues (unsorted), `e` is spent. With `zt` ≠ 0 (m×m, leading dimension ld, on entry the identity or
 * any orthogonal Uᵀ) the rotations are accumulated so that row k of Zᵀ becomes the eigenvector
 * of d[k] (of U·T·Uᵀ); `cs` then holds 2m f64. False if a value did not converge within
 * MAX_SWEEPS sweeps or anything is not finite.
 */
export function tridiagQL(d: usize, e: usize, m: i32, zt: usize, ld: i32, cs: usize): bool {
  if (m <= 0) return true;
  put(e, m - 1, 0);
  for (let i = 0; i < m; i++) if (!isFinite(get(d, i)) || !isFinite(get(e, i))) return false;
  let f: f64 = 0;
  let tst1: f64 = 0;
  const eps: f64 = 2.220446049250313e-16;
  for (let l = 0; l < m; l++) {
    tst1 = Math.max(tst1, Math.abs(get(d, l)) + Math.abs(get(e, l)));
    // e[m − 1] is 0, so the scan stops inside the matrix even when NaN makes every test false.
    let n = l;
    while (n < m - 1 && !(Math.abs(get(e, n)) <= eps * tst1)) n++;
    if (n > l) {
      let iter = 0;
      do {
        if (++iter > MAX_SWEEPS) return false;
        let g = get(d, l);
        let p = (get(d, l + 1) - g) / (2.0 * get(e, l));
        let r = hypot(p, 1.0);
        if (p < 0) r = -r;
        put(d, l, get(e, l) / (p + r));
        put(d, l + 1, get(e, l) * (p + r));
        const dl1 = get(d, l + 1);
        let h = g - get(d, l);
        for (let i = l + 2; i < m; i++) put(d, i, get(d, i) - h);
        f = f + h;
        p = get(d, n);
        let c: f64 = 1;
        let c2 = c;
        let c3 = c;
        const el1 = get(e, l + 1);
        let s: f64 = 0;
        let s2: f64 = 0;
        for (let i = n - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * get(e, i);
          h = c * p;
          r = hypot(p, get(e, i));
          put(e, i + 1, s * r);
          s = get(e, i) / r;
          c = p / r;
          p = c * get(d, i) - s * g;
          put(d, i + 1, h + s * (c * g + s * get(d, i)));
          if (zt != 0) {
            put(cs, 2 * i, c);
            put(cs, 2 * i + 1, s);
          }
        }
        if (zt != 0) rotateRows(zt, m, ld, l, n, cs);
        p = -s * s2 * c3 * el1 * get(e, l) / dl1;
        put(e, l, s * p);
        put(d, l, c * p);
        if (!isFinite(get(e, l))) return false;
      } while (Math.abs(get(e, l)) > eps * tst1);
    }
    put(d, l, get(d, l) + f);
    put(e, l, 0);
  }
  for (let i = 0; i < m; i++) if (!isFinite(get(d, i))) return false;
  return true;
}
