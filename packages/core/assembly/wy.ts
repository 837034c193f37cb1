// Back-transformation of eigenvectors by the tridiagonalization's reflectors, blocked: NB
// reflectors at a time as one compact-WY block I − V·T·Vᵀ, so the work is two matrix products
// run by a 4×4 register-tiled f64x2 kernel instead of one rank-1 update per reflector.
// see: LAPACK dlarft (forward, columnwise T), dlarfb and dormtr; R. Schreiber, C. Van Loan,
// "A storage-efficient WY representation for products of Householder transformations", 1989.
import { at, get, put } from "./f64mem";

/** Reflectors per compact-WY block. */
// @ts-ignore: decorator
@inline export const NB: i32 = 32;
/** Depth (and width) of a cache block of the products: NB × KC f64 = 32 KiB stays in L1. */
// @ts-ignore: decorator
@inline const KC: i32 = 128;

/** f64 of scratch that `backTransform` needs for an m×m problem. */
export function backTransformWork(m: i32): i32 {
  return 3 * NB * m + NB * NB;
}

/**
 * C (rows × cols, leading dimension ldc) += A (rows × depth, lda) · B (depth × cols, ldb), all
 * row-major f64, in blocks of GEMM_KC × GEMM_NC of B (kept in L2 while every row of A passes).
 */
export function gemmAdd(c: usize, ldc: i32, a: usize, lda: i32, b: usize, ldb: i32, rows: i32, cols: i32, depth: i32): void {
  for (let jc = 0; jc < cols; jc += GEMM_NC) {
    const nc = min(GEMM_NC, cols - jc);
    for (let pc = 0; pc < depth; pc += GEMM_KC) {
      const kc = min(GEMM_KC, depth - pc);
      gemmBlock(c + (<usize>jc << 3), ldc, a + (<usize>pc << 3), lda, b + ((<usize>pc * <usize>ldb + <usize>jc) << 3), ldb, rows, nc, kc);
    }
  }
}

/** Depth and width of a block of B in `gemmAdd` (256 × 256 f64 = 512 KiB). */
// @ts-ignore: decorator
@inline const GEMM_KC: i32 = 256;
// @ts-ignore: decorator
@inline const GEMM_NC: i32 = 256;

/** `gemmAdd` on one block: 4×4 tiles in registers; ragged edges by a plain loop. */
function gemmBlock(c: usize, ldc: i32, a: usize, lda: i32, b: usize, ldb: i32, rows: i32, cols: i32, depth: i32): void {
  const r4 = rows & ~3;
  const c4 = cols & ~3;
  const sa = <usize>lda << 3;
  const sb = <usize>ldb << 3;
  for (let i = 0; i < r4; i += 4) {
    for (let j = 0; j < c4; j += 4) {
      let pa = at(a, lda, i, 0);
      let pb = at(b, ldb, 0, j);
      let s00 = f64x2.splat(0), s01 = s00, s10 = s00, s11 = s00;
      let s20 = s00, s21 = s00, s30 = s00, s31 = s00;
      for (let k = 0; k < depth; k++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const a0 = v128.load64_splat(pa);
        const a1 = v128.load64_splat(pa + sa);
        const a2 = v128.load64_splat(pa + 2 * sa);
        const a3 = v128.load64_splat(pa + 3 * sa);
        s00 = f64x2.add(s00, f64x2.mul(a0, b0));
        s01 = f64x2.add(s01, f64x2.mul(a0, b1));
        s10 = f64x2.add(s10, f64x2.mul(a1, b0));
        s11 = f64x2.add(s11, f64x2.mul(a1, b1));
        s20 = f64x2.add(s20, f64x2.mul(a2, b0));
        s21 = f64x2.add(s21, f64x2.mul(a2, b1));
        s30 = f64x2.add(s30, f64x2.mul(a3, b0));
        s31 = f64x2.add(s31, f64x2.mul(a3, b1));
        pa += 8;
        pb += sb;
      }
      let pc = at(c, ldc, i, j);
      v128.store(pc, f64x2.add(v128.load(pc), s00));
      v128.store(pc, f64x2.add(v128.load(pc, 16), s01), 16);
      pc += <usize>ldc << 3;
      v128.store(pc, f64x2.add(v128.load(pc), s10));
      v128.store(pc, f64x2.add(v128.load(pc, 16), s11), 16);
      pc += <usize>ldc << 3;
      v128.store(pc, f64x2.add(v128.load(pc), s20));
      v128.store(pc, f64x2.add(v128.load(pc, 16), s21), 16);
      pc += <usize>ldc << 3;
      v128.store(pc, f64x2.add(v128.load(pc), s30));
      v128.store(pc, f64x2.add(v128.load(pc, 16), s31), 16);
    }
  }
  // Ragged edges: the last rows (all columns) and the last columns (the tiled rows).
  for (let i = 0; i < rows; i++) {
    for (let j = i < r4 ? c4 : 0; j < cols; j++) {
      let s: f64 = 0;
      for (let k = 0; k < depth; k++) s += load<f64>(at(a, lda, i, k)) * load<f64>(at(b, ldb, k, j));
      store<f64>(at(c, ldc, i, j), load<f64>(at(c, ldc, i, j)) + s);
    }
  }
}

/**
 * Zᵀ (m×m, row-major at `zt`) ← Zᵀ·Qᵀ, where Q = H_0·H_1 ⋯ H_{m−2} is the product of the
 * reflectors from `tridiagonalize` (v_k in row k of `a` from column k + 1, v_k[0] = 1; τ_k in
 * `tau`): the eigenvectors of T, one per row, become those of the original matrix.
 * `work` holds `backTransformWork(m)` f64.
 */
export function backTransform(a: usize, m: i32, tau: usize, zt: usize, work: usize): void {
  const vb = work; // NB × w: the block's reflectors as rows, zero-padded (Vᵀ)
  const vt = vb + (<usize>(NB * m) << 3); // w × NB: the same, transposed (V)
  const wk = vt + (<usize>(NB * m) << 3); // m × NB: Zᵀ·V, then Zᵀ·V·Tᵀ, negated
  const t = wk + (<usize>(NB * m) << 3); // NB × NB: the block's upper triangular T
  const last = m - 2; // reflectors 0 … m − 2
  if (last < 0) return;
  // Zᵀ·H_{m−2} ⋯ H_0: blocks from the last reflectors down. A block k0 … k1 is
  // H_{k0} ⋯ H_{k1} = I − V·T·Vᵀ, so its reverse product is I − V·Tᵀ·Vᵀ.
  let k1 = last;
  while (k1 >= 0) {
    const k0 = max(0, k1 - NB + 1);
    const nb = k1 - k0 + 1;
    const col0 = k0 + 1; // first column any reflector of the block touches
    const w = m - col0;
    // Vᵀ (nb × w, leading dimension w) and V (w × nb, leading dimension NB).
    for (let c = 0; c < nb; c++) {
      const row = vb + (<usize>(c * w) << 3);
      memory.fill(row, 0, <usize>c << 3);
      memory.copy(row + (<usize>c << 3), at(a, m, k0 + c, k0 + c + 1), <usize>(w - c) << 3);
      put(row, c, 1);
    }
    for (let r = 0; r < w; r++) {
      for (let c = 0; c < nb; c++) store<f64>(at(vt, NB, r, c), get(vb + (<usize>(c * w) << 3), r));
    }
    // T: T[i][i] = τ_i, T[0:i, i] = −τ_i · T[0:i, 0:i] · Vᵀ[0:i]·v_i (dlarft).
    for (let i = 0; i < nb; i++) {
      const ti = get(tau, k0 + i);
      const vi = vb + (<usize>(i * w) << 3);
      for (let j = 0; j < i; j++) {
        const vj = vb + (<usize>(j * w) << 3);
        let s: f64 = 0;
        for (let r = i; r < w; r++) s += get(vj, r) * get(vi, r);
        store<f64>(at(t, NB, j, i), -ti * s);
      }
      for (let j = 0; j < i; j++) {
        let s: f64 = 0;
        for (let k = j; k < i; k++) s += load<f64>(at(t, NB, j, k)) * load<f64>(at(t, NB, k, i));
        store<f64>(at(t, NB, j, i), s);
      }
      store<f64>(at(t, NB, i, i), ti);
    }
    // W = Zᵀ[:, col0 …]·V, in depth blocks.
    for (let r = 0; r < m; r++) memory.fill(at(wk, NB, r, 0), 0, <usize>nb << 3);
    for (let k = 0; k < w; k += KC) {
      gemmAdd(wk, NB, zt + (<usize>(col0 + k) << 3), m, at(vt, NB, k, 0), NB, m, nb, min(KC, w - k));
    }
    // W ← −W·Tᵀ, row by row in place: W[r][c] = Σ_{k ≥ c} W[r][k]·T[c][k].
    for (let r = 0; r < m; r++) {
      const wr = at(wk, NB, r, 0);
      for (let c = 0; c < nb; c++) {
        let s: f64 = 0;
        for (let k = c; k < nb; k++) s += get(wr, k) * load<f64>(at(t, NB, c, k));
        put(wr, c, -s);
      }
    }
    // Zᵀ[:, col0 …] += W·Vᵀ, in column blocks.
    for (let j = 0; j < w; j += KC) {
      gemmAdd(zt + (<usize>(col0 + j) << 3), m, wk, NB, vb + (<usize>j << 3), w, m, min(KC, w - j), nb);
    }
    k1 = k0 - 1;
  }
}
