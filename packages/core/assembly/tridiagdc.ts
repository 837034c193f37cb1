// Divide and conquer for the symmetric tridiagonal eigenproblem (Cuppen), with the eigenvectors
// kept as rows of Zᵀ: T = diag(T1, T2) + ρ·u·uᵀ is split at its middle, both halves solved
// recursively (QL below LEAF), and the rank-one update solved by the secular equation; the new
// eigenvectors are the secular ones times the halves', a matrix product (wy.ts's f64x2 kernel)
// that uses the block structure of the halves.
// see: LAPACK dstedc, dlaed0–dlaed4 (deflation; each root found as its offset from the nearer
// pole); M. Gu, S. C. Eisenstat, "A divide-and-conquer algorithm for the symmetric tridiagonal
// eigenproblem", SIAM J. Matrix Anal. Appl. 16 (1995) (ẑ recomputed from the computed roots, so
// the eigenvectors come out orthogonal); R.-C. Li, "Solving secular equations stably and
// efficiently", LAWN 89 (1994) (the two-pole "middle way" step).
import { alloc, free } from "./memory";
import { tridiagQL } from "./tridiageigen";
import { gemmAdd } from "./wy";
import { get, put } from "./f64mem";

/** Sub-problems of at most this size are solved by QL. */
// @ts-ignore: decorator
@inline const LEAF: i32 = 32;
/** Secular eigenvectors formed (then multiplied out) this many at a time. */
// @ts-ignore: decorator
@inline const CHUNK: i32 = 128;
/** Most iterations for one root of the secular equation (each at least halves its bracket every third step). */
// @ts-ignore: decorator
@inline const MAX_ITER: i32 = 200;
// @ts-ignore: decorator
@inline const EPS: f64 = 2.220446049250313e-16;

// @ts-ignore: decorator
@inline function iget(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}
// @ts-ignore: decorator
@inline function iput(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}

// Scratch, set by tridiagDC for one call (wasm runs one call at a time).
let sBuf: usize = 0; // k × s: the kept rows of Zᵀ, gathered
let vBuf: usize = 0; // CHUNK × k: secular eigenvectors
let oBuf: usize = 0; // CHUNK × s: their products
let zl: usize = 0; // s: z by local index
let dk: usize = 0; // k: kept eigenvalues, ascending
let zk: usize = 0; // k: their z
let zh: usize = 0; // k: ẑ
let rootTau: usize = 0; // k: each root's offset from its origin pole
let cs: usize = 0; // 2·LEAF: QL's rotations
let perm: usize = 0; // s i32: local indices by ascending d
let tmp: usize = 0; // s i32
let keep: usize = 0; // k i32: local index of the j-th kept value
let kind: usize = 0; // s i32: 1 top half only, 2 bottom only, 3 both
let origin: usize = 0; // k i32: each root's origin pole
let pos: usize = 0; // k i32: kept index of gathered row c

/** f64 the scratch of `tridiagDC` takes from the allocator for an m×m problem (m² of it can be lent: `tridiagDCWith`). */
export function tridiagDCWork(m: i32): usize {
  return <usize>m * <usize>m + <usize>(2 * CHUNK * m + 10 * m + 2 * LEAF);
}

/** perm ← the local indices 0 … s − 1 ordered by ascending d[lo + i] (bottom-up merge sort). */
function argsort(d: usize, lo: i32, s: i32): void {
  for (let i = 0; i < s; i++) iput(perm, i, i);
  let a = perm;
  let b = tmp;
  for (let width = 1; width < s; width <<= 1) {
    for (let i = 0; i < s; i += 2 * width) {
      const mid = min(i + width, s);
      const end = min(i + 2 * width, s);
      let p = i;
      let q = mid;
      for (let o = i; o < end; o++) {
        if (q >= end || (p < mid && get(d, lo + iget(a, p)) <= get(d, lo + iget(a, q)))) iput(b, o, iget(a, p++));
        else iput(b, o, iget(a, q++));
      }
    }
    const t = a;
    a = b;
    b = t;
  }
  if (a != perm) memory.copy(perm, a, <usize>s << 2);
}

/**
 * Root j (ascending) of 1/ρ + Σ zk_i²/(dk_i − λ) = 0 over k kept values: writes its origin pole
 * to `origin` and λ − dk[origin] to `rootTau`. False if it did not converge.
 */
function secular(k: i32, j: i32, rho: f64): bool {
  const rhoinv = 1 / rho;
  let o = j;
  let lo: f64 = 0;
  let hi: f64 = 0;
  if (j < k - 1) {
    const gap = get(dk, j + 1) - get(dk, j);
    let f = rhoinv;
    for (let i = 0; i < k; i++) f += get(zk, i) * get(zk, i) / ((get(dk, i) - get(dk, j)) - 0.5 * gap);
    if (f >= 0) hi = 0.5 * gap;
    else {
      o = j + 1;
      lo = -0.5 * gap;
    }
  } else {
    let zz: f64 = 0;
    for (let i = 0; i < k; i++) zz += get(zk, i) * get(zk, i);
    hi = rho * zz;
  }
  const base = get(dk, o);
  let tau = 0.5 * (lo + hi);
  let width = hi - lo;
  for (let it = 0; it < MAX_ITER; it++) {
    let psi: f64 = 0, dpsi: f64 = 0, phi: f64 = 0, dphi: f64 = 0;
    for (let i = 0; i <= j; i++) {
      const t = get(zk, i) / ((get(dk, i) - base) - tau);
      psi += get(zk, i) * t;
      dpsi += t * t;
    }
    for (let i = j + 1; i < k; i++) {
      const t = get(zk, i) / ((get(dk, i) - base) - tau);
      phi += get(zk, i) * t;
      dphi += t * t;
    }
    const f = rhoinv + psi + phi;
    const bound = 8 * (phi - psi) + rhoinv + Math.abs(tau) * (dpsi + dphi);
    if (!isFinite(f)) return false;
    if (Math.abs(f) <= EPS * bound) break;
    if (f < 0) lo = tau;
    else hi = tau;
    // The two-pole model c + b/(A − η) + bb/(B − η) of f at τ + η, solved for η in (A, B).
    const a = (get(dk, j) - base) - tau;
    let eta: f64 = NaN;
    if (j < k - 1) {
      const bq = (get(dk, j + 1) - base) - tau;
      const b = a * a * dpsi;
      const bb = bq * bq * dphi;
      const c = rhoinv + (psi - a * dpsi) + (phi - bq * dphi);
      const qb = -(c * (a + bq) + b + bb);
      const qc = c * a * bq + b * bq + bb * a;
      if (c == 0) eta = -qc / qb;
      else {
        const sq = Math.sqrt(Math.max(qb * qb - 4 * c * qc, 0));
        const q = -0.5 * (qb + (qb >= 0 ? sq : -sq));
        const r1 = q / c;
        const r2 = qc / q;
        eta = r1 > a && r1 < bq ? r1 : r2;
      }
    } else {
      const c = rhoinv + psi - a * dpsi;
      if (c > 0) eta = a + a * a * dpsi / c;
    }
    let next = tau + eta;
    // Bisect when the step leaves the bracket, or every third step if the bracket is not halving.
    if (!(next > lo && next < hi) || (it % 3 == 2 && hi - lo > 0.5 * width)) next = 0.5 * (lo + hi);
    if (it % 3 == 2) width = hi - lo;
    if (next == tau || !(hi - lo > EPS * Math.max(Math.abs(lo), Math.abs(hi)))) break;
    tau = next;
    if (it == MAX_ITER - 1) return false;
  }
  iput(origin, j, o);
  put(rootTau, j, tau);
  return true;
}

/** Row lo + i of zt from column lo. */
// @ts-ignore: decorator
@inline function rowAt(zt: usize, ld: i32, lo: i32, i: i32): usize {
  return zt + ((<usize>(lo + i) * <usize>ld + <usize>lo) << 3);
}

/** dk[i] − λ_j for root j, from its origin pole (exact when i is the origin). */
// @ts-ignore: decorator
@inline function delta(i: i32, j: i32): f64 {
  return (get(dk, i) - get(dk, iget(origin, j))) - get(rootTau, j);
}

/**
 * Merges the solved halves [lo, mid) and [mid, hi) of T (eigenvalues in d, eigenvectors in rows
 * of zt with leading dimension ld) coupled by β = T[mid − 1][mid]. False if a root did not converge.
 */
function merge(d: usize, zt: usize, ld: i32, lo: i32, mid: i32, hi: i32, beta: f64): bool {
  const s = hi - lo;
  const s1 = mid - lo;
  const rho = 2 * Math.abs(beta);
  const sign: f64 = beta < 0 ? -1 : 1;
  let dmax: f64 = 0;
  let zmax: f64 = 0;
  for (let i = 0; i < s; i++) {
    const z = i < s1 ? get(rowAt(zt, ld, lo, i), s1 - 1) : sign * get(rowAt(zt, ld, lo, i), s1);
    put(zl, i, z * Math.SQRT1_2);
    iput(kind, i, i < s1 ? 1 : 2);
    dmax = Math.max(dmax, Math.abs(get(d, lo + i)));
    zmax = Math.max(zmax, Math.abs(get(zl, i)));
  }
  const tol = 8 * EPS * Math.max(dmax, zmax);
  if (rho * zmax <= tol) return true;
  argsort(d, lo, s);
  // Deflation (dlaed2): a negligible z, or two values so close that a rotation zeroes one z.
  let k = 0;
  let pj = -1;
  for (let t = 0; t < s; t++) {
    const i = iget(perm, t);
    if (rho * Math.abs(get(zl, i)) <= tol) continue;
    if (pj < 0) {
      pj = i;
      continue;
    }
    const tau = Math.hypot(get(zl, i), get(zl, pj));
    const c = get(zl, i) / tau;
    const sn = -get(zl, pj) / tau;
    const dp = get(d, lo + pj);
    const di = get(d, lo + i);
    if (Math.abs((di - dp) * c * sn) <= tol) {
      put(zl, i, tau);
      put(zl, pj, 0);
      const x = rowAt(zt, ld, lo, pj);
      const y = rowAt(zt, ld, lo, i);
      for (let q = 0; q < s; q++) {
        const xv = get(x, q);
        const yv = get(y, q);
        put(x, q, c * xv + sn * yv);
        put(y, q, c * yv - sn * xv);
      }
      if (iget(kind, pj) != iget(kind, i)) {
        iput(kind, pj, 3);
        iput(kind, i, 3);
      }
      put(d, lo + pj, dp * c * c + di * sn * sn);
      put(d, lo + i, dp * sn * sn + di * c * c);
    } else iput(keep, k++, pj);
    pj = i;
  }
  if (pj >= 0) iput(keep, k++, pj);
  if (k == 0) return true;
  for (let j = 0; j < k; j++) {
    put(dk, j, get(d, lo + iget(keep, j)));
    put(zk, j, get(zl, iget(keep, j)));
  }
  for (let j = 0; j < k; j++) if (!secular(k, j, rho)) return false;
  // ẑ_i² = Π_j (λ_j − d_i) / (ρ·Π_{j≠i} (d_j − d_i)), as a product of ratios.
  for (let i = 0; i < k; i++) {
    let w: f64 = 1;
    for (let j = 0; j < k; j++) w *= j == i ? -delta(i, j) / rho : -delta(i, j) / (get(dk, j) - get(dk, i));
    const z = Math.sqrt(Math.abs(w));
    put(zh, i, get(zk, i) < 0 ? -z : z);
  }
  // Gather the kept rows: top-only first, then mixed, then bottom-only.
  let c = 0;
  for (let want = 1; want <= 3; want++) {
    const kd = want == 2 ? 3 : want == 3 ? 2 : 1;
    for (let j = 0; j < k; j++) {
      if (iget(kind, iget(keep, j)) != kd) continue;
      iput(pos, c, j);
      memory.copy(sBuf + (<usize>(c * s) << 3), rowAt(zt, ld, lo, iget(keep, j)), <usize>s << 3);
      c++;
    }
  }
  let k1 = 0;
  let k2 = 0;
  for (let j = 0; j < k; j++) {
    const kd = iget(kind, iget(keep, j));
    if (kd == 1) k1++;
    else if (kd == 2) k2++;
  }
  for (let j0 = 0; j0 < k; j0 += CHUNK) {
    const nc = min(CHUNK, k - j0);
    for (let r = 0; r < nc; r++) {
      const v = vBuf + (<usize>(r * k) << 3);
      let ss: f64 = 0;
      for (let q = 0; q < k; q++) {
        const i = iget(pos, q);
        const x = get(zh, i) / delta(i, j0 + r);
        put(v, q, x);
        ss += x * x;
      }
      const inv = 1 / Math.sqrt(ss);
      for (let q = 0; q < k; q++) put(v, q, get(v, q) * inv);
    }
    memory.fill(oBuf, 0, <usize>(nc * s) << 3);
    gemmAdd(oBuf, s, vBuf, k, sBuf, s, nc, s1, k - k2);
    gemmAdd(oBuf + (<usize>s1 << 3), s, vBuf + (<usize>k1 << 3), k, sBuf + (<usize>(k1 * s + s1) << 3), s, nc, s - s1, k - k1);
    for (let r = 0; r < nc; r++) memory.copy(rowAt(zt, ld, lo, iget(keep, j0 + r)), oBuf + (<usize>(r * s) << 3), <usize>s << 3);
  }
  for (let j = 0; j < k; j++) put(d, lo + iget(keep, j), get(dk, iget(origin, j)) + get(rootTau, j));
  return true;
}

function solve(d: usize, e: usize, zt: usize, ld: i32, lo: i32, s: i32): bool {
  if (s <= LEAF) return tridiagQL(d + (<usize>lo << 3), e + (<usize>lo << 3), s, zt + ((<usize>lo * <usize>ld + <usize>lo) << 3), ld, cs);
  const mid = lo + (s >> 1);
  const beta = get(e, mid - 1);
  put(d, mid - 1, get(d, mid - 1) - Math.abs(beta));
  put(d, mid, get(d, mid) - Math.abs(beta));
  if (!solve(d, e, zt, ld, lo, mid - lo)) return false;
  if (!solve(d, e, zt, ld, mid, lo + s - mid)) return false;
  return merge(d, zt, ld, lo, mid, lo + s, beta);
}

/**
 * The eigenvalues (to `d`, unsorted) and eigenvectors (rows of `zt`, m×m, the identity on entry)
 * of the symmetric tridiagonal matrix (d, e) (e[i] couples i and i + 1; `e` is spent). Takes
 * `tridiagDCWork(m)` f64 of scratch from the allocator and frees it. False if a root or a QL
 * leaf did not converge, anything is not finite, or memory ran out (then d, e and zt are spoilt).
 */
export function tridiagDC(d: usize, e: usize, m: i32, zt: usize): bool {
  return tridiagDCWith(d, e, m, zt, 0, 0);
}

/**
 * `tridiagDC` with scratch lent by the caller at `big` (`bigLength` f64; 0 for none): all of it
 * when `bigLength` ≥ `tridiagDCWork(m)`, else at least the m² f64 for the gathered rows, and only
 * the rest, O(m), is taken from the allocator.
 */
export function tridiagDCWith(d: usize, e: usize, m: i32, zt: usize, big: usize, bigLength: usize): bool {
  for (let i = 0; i < m; i++) if (!isFinite(get(d, i)) || (i < m - 1 && !isFinite(get(e, i)))) return false;
  const mm = <usize>m * <usize>m;
  const total = tridiagDCWork(m);
  if (big != 0 && bigLength < mm) return false;
  const all = big != 0 && bigLength >= total;
  const own = big == 0 ? total : all ? 0 : total - mm;
  const block = own > 0 ? alloc(own << 3) : 0;
  if (own > 0 && block == 0) return false;
  sBuf = big != 0 ? big : block;
  vBuf = big == 0 ? block + (mm << 3) : all ? big + (mm << 3) : block;
  oBuf = vBuf + (<usize>(CHUNK * m) << 3);
  zl = oBuf + (<usize>(CHUNK * m) << 3);
  dk = zl + (<usize>m << 3);
  zk = dk + (<usize>m << 3);
  zh = zk + (<usize>m << 3);
  rootTau = zh + (<usize>m << 3);
  cs = rootTau + (<usize>m << 3);
  perm = cs + (<usize>(2 * LEAF) << 3);
  tmp = perm + (<usize>m << 2);
  keep = tmp + (<usize>m << 2);
  kind = keep + (<usize>m << 2);
  origin = kind + (<usize>m << 2);
  pos = origin + (<usize>m << 2);
  let ok = solve(d, e, zt, m, 0, m);
  for (let i = 0; ok && i < m; i++) ok = isFinite(get(d, i));
  const count = m * m;
  for (let i = 0; ok && i < count; i++) ok = isFinite(get(zt, i));
  if (block != 0) free(block);
  return ok;
}
