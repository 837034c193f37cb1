// Dense symmetric eigendecomposition in f64, for the closed-form ridge path.
// see: JAMA (NIST and MathWorks, public domain), EigenvalueDecomposition.tred2 and tql2,
// themselves from the EISPACK routines of the same names (Householder tridiagonalization,
// then the implicit QL algorithm).

// @ts-ignore: decorator
@inline function at(a: usize, m: i32, i: i32, j: i32): usize {
  return a + ((<usize>i * <usize>m + <usize>j) << 3);
}
// @ts-ignore: decorator
@inline function get(a: usize, m: i32, i: i32, j: i32): f64 {
  return load<f64>(at(a, m, i, j));
}
// @ts-ignore: decorator
@inline function set(a: usize, m: i32, i: i32, j: i32, v: f64): void {
  store<f64>(at(a, m, i, j), v);
}
// @ts-ignore: decorator
@inline function vget(v: usize, i: i32): f64 {
  return load<f64>(v + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function vset(v: usize, i: i32, x: f64): void {
  store<f64>(v + (<usize>i << 3), x);
}

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

/** Householder reduction of the symmetric m×m matrix in `v` to tridiagonal form (d, e); `v` accumulates the transform. */
function tred2(v: usize, m: i32, d: usize, e: usize): void {
  for (let j = 0; j < m; j++) vset(d, j, get(v, m, m - 1, j));
  for (let i = m - 1; i > 0; i--) {
    let scale: f64 = 0;
    let h: f64 = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(vget(d, k));
    if (scale == 0) {
      vset(e, i, vget(d, i - 1));
      for (let j = 0; j < i; j++) {
        vset(d, j, get(v, m, i - 1, j));
        set(v, m, i, j, 0);
        set(v, m, j, i, 0);
      }
    } else {
      for (let k = 0; k < i; k++) {
        const dk = vget(d, k) / scale;
        vset(d, k, dk);
        h += dk * dk;
      }
      let f = vget(d, i - 1);
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      vset(e, i, scale * g);
      h = h - f * g;
      vset(d, i - 1, f - g);
      for (let j = 0; j < i; j++) vset(e, j, 0);
      for (let j = 0; j < i; j++) {
        f = vget(d, j);
        set(v, m, j, i, f);
        g = vget(e, j) + get(v, m, j, j) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += get(v, m, k, j) * vget(d, k);
          vset(e, k, vget(e, k) + get(v, m, k, j) * f);
        }
        vset(e, j, g);
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        const ej = vget(e, j) / h;
        vset(e, j, ej);
        f += ej * vget(d, j);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) vset(e, j, vget(e, j) - hh * vget(d, j));
      for (let j = 0; j < i; j++) {
        f = vget(d, j);
        g = vget(e, j);
        for (let k = j; k <= i - 1; k++) set(v, m, k, j, get(v, m, k, j) - (f * vget(e, k) + g * vget(d, k)));
        vset(d, j, get(v, m, i - 1, j));
        set(v, m, i, j, 0);
      }
    }
    vset(d, i, h);
  }
  for (let i = 0; i < m - 1; i++) {
    set(v, m, m - 1, i, get(v, m, i, i));
    set(v, m, i, i, 1);
    const h = vget(d, i + 1);
    if (h != 0) {
      for (let k = 0; k <= i; k++) vset(d, k, get(v, m, k, i + 1) / h);
      for (let j = 0; j <= i; j++) {
        let g: f64 = 0;
        for (let k = 0; k <= i; k++) g += get(v, m, k, i + 1) * get(v, m, k, j);
        for (let k = 0; k <= i; k++) set(v, m, k, j, get(v, m, k, j) - g * vget(d, k));
      }
    }
    for (let k = 0; k <= i; k++) set(v, m, k, i + 1, 0);
  }
  for (let j = 0; j < m; j++) {
    vset(d, j, get(v, m, m - 1, j));
    set(v, m, m - 1, j, 0);
  }
  set(v, m, m - 1, m - 1, 1);
  vset(e, 0, 0);
}

/** Implicit QL on the tridiagonal (d, e), accumulating into `v`; false if an eigenvalue did not converge. */
function tql2(v: usize, m: i32, d: usize, e: usize): bool {
  for (let i = 1; i < m; i++) vset(e, i - 1, vget(e, i));
  vset(e, m - 1, 0);
  let f: f64 = 0;
  let tst1: f64 = 0;
  const eps: f64 = 2.220446049250313e-16;
  for (let l = 0; l < m; l++) {
    tst1 = Math.max(tst1, Math.abs(vget(d, l)) + Math.abs(vget(e, l)));
    // e[m − 1] is 0, so the scan stops inside the matrix even when NaN makes every test false.
    let n = l;
    while (n < m - 1 && !(Math.abs(vget(e, n)) <= eps * tst1)) n++;
    if (n > l) {
      let iter = 0;
      do {
        if (++iter > 60) return false;
        let g = vget(d, l);
        let p = (vget(d, l + 1) - g) / (2.0 * vget(e, l));
        let r = hypot(p, 1.0);
        if (p < 0) r = -r;
        vset(d, l, vget(e, l) / (p + r));
        vset(d, l + 1, vget(e, l) * (p + r));
        const dl1 = vget(d, l + 1);
        let h = g - vget(d, l);
        for (let i = l + 2; i < m; i++) vset(d, i, vget(d, i) - h);
        f = f + h;
        p = vget(d, n);
        let c: f64 = 1;
        let c2 = c;
        let c3 = c;
        const el1 = vget(e, l + 1);
        let s: f64 = 0;
        let s2: f64 = 0;
        for (let i = n - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * vget(e, i);
          h = c * p;
          r = hypot(p, vget(e, i));
          vset(e, i + 1, s * r);
          s = vget(e, i) / r;
          c = p / r;
          p = c * vget(d, i) - s * g;
          vset(d, i + 1, h + s * (c * g + s * vget(d, i)));
          for (let k = 0; k < m; k++) {
            h = get(v, m, k, i + 1);
            set(v, m, k, i + 1, s * get(v, m, k, i) + c * h);
            set(v, m, k, i, c * get(v, m, k, i) - s * h);
          }
        }
        p = -s * s2 * c3 * el1 * vget(e, l) / dl1;
        vset(e, l, s * p);
        vset(d, l, c * p);
      } while (Math.abs(vget(e, l)) > eps * tst1);
    }
    vset(d, l, vget(d, l) + f);
    vset(e, l, 0);
  }
  for (let i = 0; i < m; i++) if (!isFinite(vget(d, i))) return false;
  return true;
}

/**
 * Overwrites the symmetric m×m matrix at `a` (row-major f64) with its eigenvectors as columns
 * and writes the eigenvalues to `values` (m f64), so that A = V·diag(values)·Vᵀ; `work` holds
 * m f64 of scratch. Returns false if the QL iteration did not converge or anything is not finite.
 */
export function symmetricEigen(a: usize, m: i32, values: usize, work: usize): bool {
  if (m == 0) return true;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) if (!isFinite(get(a, m, i, j))) return false;
  }
  tred2(a, m, values, work);
  return tql2(a, m, values, work);
}

/**
 * Solves A·x = b in place for the symmetric positive definite k×k matrix at `a` (row-major f64,
 * overwritten by its Cholesky factor) and `b` (k f64, overwritten by x). False if A is not
 * numerically positive definite.
 */
export function choleskySolve(a: usize, k: i32, b: usize): bool {
  for (let j = 0; j < k; j++) {
    let s = get(a, k, j, j);
    for (let p = 0; p < j; p++) s -= get(a, k, j, p) * get(a, k, j, p);
    if (!(s > 0)) return false;
    const l = Math.sqrt(s);
    set(a, k, j, j, l);
    for (let i = j + 1; i < k; i++) {
      let t = get(a, k, i, j);
      for (let p = 0; p < j; p++) t -= get(a, k, i, p) * get(a, k, j, p);
      set(a, k, i, j, t / l);
    }
  }
  for (let i = 0; i < k; i++) {
    let t = vget(b, i);
    for (let p = 0; p < i; p++) t -= get(a, k, i, p) * vget(b, p);
    vset(b, i, t / get(a, k, i, i));
  }
  for (let i = k - 1; i >= 0; i--) {
    let t = vget(b, i);
    for (let p = i + 1; p < k; p++) t -= get(a, k, p, i) * vget(b, p);
    vset(b, i, t / get(a, k, i, i));
  }
  return true;
}
