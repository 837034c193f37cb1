// The ridge path from one Householder tridiagonalization: G = Q·T·Qᵀ (T tridiagonal, Q a product
// of m − 1 reflectors), so (G + σI)⁻¹·b = Q·(T + σI)⁻¹·Qᵀ·b costs one tridiagonal solve and two
// sweeps of reflectors, O(m²), per λ — no eigenvectors are ever formed.
// see: L. Eldén, "Algorithms for the regularization of ill-conditioned least squares problems",
// BIT 17, 1977 (one orthogonal reduction to a banded form serves every regularization parameter);
// LAPACK dsytd2 (unblocked Householder tridiagonalization) and dgtsv (tridiagonal solve with
// partial pivoting), written here for the upper triangle stored by rows, so every inner loop
// runs along a contiguous row in f64x2.
import { axpy, dot } from "./kernels";
import { at, get, put } from "./f64mem";

/** y[0 .. n) −= α·x + β·z, in f64x2. */
export function update2(alpha: f64, x: usize, beta: f64, z: usize, y: usize, n: i32): void {
  const va = f64x2.splat(alpha);
  const vb = f64x2.splat(beta);
  let j = 0;
  for (; j + 2 <= n; j += 2) {
    const o = <usize>j << 3;
    v128.store(y + o, f64x2.sub(v128.load(y + o), f64x2.add(f64x2.mul(va, v128.load(x + o)), f64x2.mul(vb, v128.load(z + o)))));
  }
  for (; j < n; j++) put(y, j, get(y, j) - (alpha * get(x, j) + beta * get(z, j)));
}

/** Householder vector of x (len values, in place; v[0] = 1): returns τ and writes β to `beta` (H·x = β·e1). */
export function householder(x: usize, len: i32, beta: usize): f64 {
  const alpha = load<f64>(x);
  let top: f64 = 0;
  for (let j = 1; j < len; j++) top = Math.max(top, Math.abs(get(x, j)));
  store<f64>(beta, alpha);
  if (!(top > 0)) {
    store<f64>(x, 1);
    return 0;
  }
  let ss: f64 = 0;
  for (let j = 1; j < len; j++) {
    const t = get(x, j) / top;
    ss += t * t;
  }
  const norm = top * Math.sqrt(ss + (alpha / top) * (alpha / top));
  const b = alpha >= 0 ? -norm : norm;
  const scale = 1 / (alpha - b);
  for (let j = 1; j < len; j++) put(x, j, get(x, j) * scale);
  store<f64>(x, 1);
  store<f64>(beta, b);
  return (b - alpha) / b;
}

/**
 * p[i ..] gets row i's contribution to B·v (upper row `row` of B from its diagonal on, n values):
 * p[i] += row·v[i ..] and p[i + 1 ..] += v[i]·row[1 ..], in one pass over the row.
 */
export function symvRow(row: usize, v: usize, p: usize, i: i32, n: i32): void {
  const vi = get(v, i);
  let acc = load<f64>(row) * vi;
  const r1 = row + 8;
  const v1 = v + (<usize>(i + 1) << 3);
  const p1 = p + (<usize>(i + 1) << 3);
  const sv = f64x2.splat(vi);
  let s0 = f64x2.splat(0);
  let s1 = s0;
  let j = 0;
  for (; j + 4 <= n - 1; j += 4) {
    const o = <usize>j << 3;
    const x0 = v128.load(r1 + o);
    const x1 = v128.load(r1 + o, 16);
    s0 = f64x2.add(s0, f64x2.mul(x0, v128.load(v1 + o)));
    s1 = f64x2.add(s1, f64x2.mul(x1, v128.load(v1 + o, 16)));
    v128.store(p1 + o, f64x2.add(v128.load(p1 + o), f64x2.mul(sv, x0)));
    v128.store(p1 + o, f64x2.add(v128.load(p1 + o, 16), f64x2.mul(sv, x1)), 16);
  }
  for (; j < n - 1; j++) {
    const x = get(r1, j);
    acc += x * get(v1, j);
    put(p1, j, get(p1, j) + vi * x);
  }
  const s = f64x2.add(s0, s1);
  put(p, i, get(p, i) + acc + f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1));
}

/**
 * Reduces the symmetric m×m matrix at `a` (row-major; only the upper triangle is read) to
 * tridiagonal form: the diagonal to `d` (m f64), the off-diagonal to `e` (m f64, e[m − 1] = 0),
 * reflector k's vector v (v[0] = 1) to row k of `a` from column k + 1 on, and its τ to `tau`
 * (m f64). `p` and `w` hold m f64 each. False if anything is not finite. Each step's rank-2
 * update of a row is followed at once by that row's part of the next step's B·v, so the
 * trailing matrix is streamed once per step. (tridiagblocked.ts is the blocked version.)
 */
export function tridiagonalize(a: usize, m: i32, d: usize, e: usize, tau: usize, p: usize, w: usize): bool {
  return reduceFrom(a, m, 0, d, e, tau, p, w);
}

/**
 * `tridiagonalize` from step k0 on, the steps before it done (their d, e, τ and reflectors in
 * place) and the trailing matrix from (k0, k0) updated by them. Checks all of d and e.
 */
export function reduceFrom(a: usize, m: i32, k0: i32, d: usize, e: usize, tau: usize, p: usize, w: usize): bool {
  put(e, m - 1, 0);
  if (k0 >= m - 1) {
    put(d, m - 1, load<f64>(at(a, m, m - 1, m - 1)));
    return finite(d, e, m);
  }
  // Step k0's reflector and p = B·v (a plain pass).
  let tk = householder(at(a, m, k0, k0 + 1), m - k0 - 1, e + (<usize>k0 << 3));
  put(tau, k0, tk);
  put(d, k0, load<f64>(at(a, m, k0, k0)));
  if (tk != 0) {
    const v = at(a, m, k0, k0 + 1);
    memory.fill(p, 0, <usize>(m - k0 - 1) << 3);
    for (let i = 0; i < m - k0 - 1; i++) symvRow(at(a, m, k0 + 1 + i, k0 + 1 + i), v, p, i, m - k0 - 1 - i);
  }
  for (let k = k0; k < m - 1; k++) {
    const len = m - k - 1;
    const v = at(a, m, k, k + 1);
    if (tk != 0) {
      // w = τ·p − ½·τ²·(pᵀv)·v
      let pv: f64 = 0;
      for (let i = 0; i < len; i++) {
        put(p, i, get(p, i) * tk);
        pv += get(p, i) * get(v, i);
      }
      const c = -0.5 * tk * pv;
      for (let i = 0; i < len; i++) put(w, i, get(p, i) + c * get(v, i));
      update2(get(v, 0), w, get(w, 0), v, at(a, m, k + 1, k + 1), len);
    }
    put(d, k + 1, load<f64>(at(a, m, k + 1, k + 1)));
    if (k + 1 == m - 1) break;
    // The next reflector, from row k + 1 as just updated.
    const next = at(a, m, k + 1, k + 2);
    const tn = householder(next, len - 1, e + (<usize>(k + 1) << 3));
    put(tau, k + 1, tn);
    memory.fill(p, 0, <usize>(len - 1) << 3);
    // Rows k + 2 …: this step's update, then the next step's B·v on the same row.
    for (let i = 1; i < len; i++) {
      const row = at(a, m, k + 1 + i, k + 1 + i);
      if (tk != 0) update2(get(v, i), w + (<usize>i << 3), get(w, i), v + (<usize>i << 3), row, len - i);
      if (tn != 0) symvRow(row, next, p, i - 1, len - i);
    }
    tk = tn;
  }
  return finite(d, e, m);
}

function finite(d: usize, e: usize, m: i32): bool {
  for (let i = 0; i < m; i++) if (!isFinite(get(d, i)) || !isFinite(get(e, i))) return false;
  return true;
}

/** b ← Qᵀ·b (`forward`: reflectors 0, 1, …) or b ← Q·b (backward) with the reflectors from `tridiagonalize`. */
export function applyReflectors(a: usize, m: i32, tau: usize, b: usize, forward: bool): void {
  for (let s = 0; s < m - 1; s++) {
    const k = forward ? s : m - 2 - s;
    const tk = get(tau, k);
    if (tk == 0) continue;
    const v = at(a, m, k, k + 1);
    const tail = b + (<usize>(k + 1) << 3);
    const f = tk * dot<f64>(v, tail, m - k - 1);
    axpy<f64>(-f, v, tail, m - k - 1);
  }
}

/** Where reflector k starts (in f64) once `packReflectors` has run: the rows' parts above the diagonal, back to back. */
// @ts-ignore: decorator
@inline function packedAt(a: usize, m: i32, k: i32): usize {
  return a + ((<usize>k * <usize>(m - 1) - ((<usize>k * <usize>(k - 1)) >> 1)) << 3);
}

/**
 * Moves the reflectors of `tridiagonalize` (row k from column k + 1) to the front of `a`, back
 * to back, m(m − 1)/2 f64 in all, so the rest of the m² block can be given back (memory.ts
 * `shrink`). Use `applyPacked` on them afterwards.
 */
export function packReflectors(a: usize, m: i32): void {
  for (let k = 0; k < m - 1; k++) memory.copy(packedAt(a, m, k), at(a, m, k, k + 1), <usize>(m - k - 1) << 3);
}

/** f64 the packed reflectors of an m×m tridiagonalization take. */
export function packedLength(m: i32): usize {
  return m > 1 ? (<usize>m * <usize>(m - 1)) >> 1 : 1;
}

/** `applyReflectors` for reflectors moved by `packReflectors` (the same arithmetic). */
export function applyPacked(a: usize, m: i32, tau: usize, b: usize, forward: bool): void {
  for (let s = 0; s < m - 1; s++) {
    const k = forward ? s : m - 2 - s;
    const tk = get(tau, k);
    if (tk == 0) continue;
    const v = packedAt(a, m, k);
    const tail = b + (<usize>(k + 1) << 3);
    const f = tk * dot<f64>(v, tail, m - k - 1);
    axpy<f64>(-f, v, tail, m - k - 1);
  }
}

/**
 * Solves (T + σI)·x = b in place for the tridiagonal T (d, e) by Gaussian elimination with
 * partial pivoting (LAPACK dgtsv's scheme); `work` holds 3m f64. False if a pivot is 0 or not finite.
 */
export function tridiagSolve(d: usize, e: usize, m: i32, sigma: f64, b: usize, work: usize): bool {
  const dd = work;
  const du = work + (<usize>m << 3);
  const dl = work + (<usize>(2 * m) << 3);
  for (let i = 0; i < m; i++) {
    put(dd, i, get(d, i) + sigma);
    put(du, i, get(e, i));
    put(dl, i, get(e, i));
  }
  for (let i = 0; i < m - 1; i++) {
    if (Math.abs(get(dd, i)) >= Math.abs(get(dl, i))) {
      if (get(dd, i) == 0) return false;
      const fact = get(dl, i) / get(dd, i);
      put(dd, i + 1, get(dd, i + 1) - fact * get(du, i));
      put(b, i + 1, get(b, i + 1) - fact * get(b, i));
      put(dl, i, 0);
    } else {
      const fact = get(dd, i) / get(dl, i);
      put(dd, i, get(dl, i));
      const temp = get(dd, i + 1);
      put(dd, i + 1, get(du, i) - fact * temp);
      if (i < m - 2) {
        put(dl, i, get(du, i + 1));
        put(du, i + 1, -fact * get(dl, i));
      }
      put(du, i, temp);
      const bi = get(b, i);
      put(b, i, get(b, i + 1));
      put(b, i + 1, bi - fact * get(b, i + 1));
    }
  }
  if (!(get(dd, m - 1) != 0)) return false;
  put(b, m - 1, get(b, m - 1) / get(dd, m - 1));
  if (m > 1) put(b, m - 2, (get(b, m - 2) - get(du, m - 2) * get(b, m - 1)) / get(dd, m - 2));
  for (let i = m - 3; i >= 0; i--) {
    put(b, i, (get(b, i) - get(du, i) * get(b, i + 1) - get(dl, i) * get(b, i + 2)) / get(dd, i));
  }
  for (let i = 0; i < m; i++) if (!isFinite(get(b, i))) return false;
  return true;
}
