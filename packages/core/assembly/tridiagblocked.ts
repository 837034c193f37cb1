// Blocked Householder tridiagonalization: NB steps at a time reduce a panel while the trailing
// matrix is only read (its B·v corrected by the panel's earlier reflectors V and their W), then
// one rank-2·NB update A −= V·Wᵀ + W·Vᵀ by the f64x2 matrix kernel. Half the memory traffic of
// the unblocked steps (each of which reads and writes the trailing matrix), the same arithmetic
// up to rounding. Stored as in tridiag.ts: the upper triangle by rows, which is LAPACK's lower
// triangle by columns.
// see: LAPACK dsytrd and dlatrd (UPLO = 'L').
import { alloc, free } from "./memory";
import { householder, reduceFrom, symvRow, update2 } from "./tridiag";
import { dot, axpy } from "./kernels";
import { gemmAdd } from "./wy";
import { at, get, put } from "./f64mem";

/** Steps per panel. */
// @ts-ignore: decorator
@inline const NB: i32 = 32;
/** The last steps (a trailing matrix this small) are done unblocked. */
// @ts-ignore: decorator
@inline const NX: i32 = 128;

/**
 * Steps k0 … k0 + NB − 1 (dlatrd): each row k of the panel is brought up to date with the panel's
 * earlier steps, its reflector made, and W's row for it computed from the stale trailing matrix:
 * w = τ·(B − V·Wᵀ − W·Vᵀ)·v, then w −= ½·τ·(wᵀv)·v. W's rows (NB × m) are at `wv`.
 */
function panel(a: usize, m: i32, k0: i32, d: usize, e: usize, tau: usize, wv: usize): void {
  for (let i = 0; i < NB; i++) {
    const k = k0 + i;
    const len = m - k;
    const row = at(a, m, k, k);
    for (let j = 0; j < i; j++) {
      const vj = at(a, m, k0 + j, 0);
      const wj = wv + (<usize>(j * m) << 3);
      update2(get(wj, k), vj + (<usize>k << 3), get(vj, k), wj + (<usize>k << 3), row, len);
    }
    put(d, k, load<f64>(row));
    const tk = householder(row + 8, len - 1, e + (<usize>k << 3));
    put(tau, k, tk);
    const n1 = len - 1;
    const v = row + 8;
    const wi = wv + (<usize>(i * m + k + 1) << 3);
    memory.fill(wi, 0, <usize>n1 << 3);
    if (tk == 0) continue;
    for (let r = 0; r < n1; r++) symvRow(at(a, m, k + 1 + r, k + 1 + r), v, wi, r, n1 - r);
    for (let j = 0; j < i; j++) {
      const vj = at(a, m, k0 + j, k + 1);
      const wj = wv + (<usize>(j * m + k + 1) << 3);
      axpy<f64>(-dot<f64>(wj, v, n1), vj, wi, n1);
      axpy<f64>(-dot<f64>(vj, v, n1), wj, wi, n1);
    }
    for (let r = 0; r < n1; r++) put(wi, r, get(wi, r) * tk);
    axpy<f64>(-0.5 * tk * dot<f64>(wi, v, n1), v, wi, n1);
  }
}

/**
 * The trailing matrix from (s0, s0) (s0 = k0 + NB) −= V·Wᵀ + W·Vᵀ over the panel's NB
 * reflectors: rows of 4 at a time by `gemmAdd`, with B = [W; V] (2NB × m at `wv`) and A = −[V W]
 * by rows (m × 2NB at `pm`).
 */
function update(a: usize, m: i32, k0: i32, wv: usize, pm: usize): void {
  const s0 = k0 + NB;
  for (let j = 0; j < NB; j++) {
    memory.copy(wv + (<usize>((NB + j) * m + s0) << 3), at(a, m, k0 + j, s0), <usize>(m - s0) << 3);
  }
  for (let r = s0; r < m; r++) {
    const pr = pm + (<usize>((r - s0) * 2 * NB) << 3);
    for (let j = 0; j < NB; j++) {
      put(pr, j, -load<f64>(at(a, m, k0 + j, r)));
      put(pr, NB + j, -get(wv + (<usize>(j * m) << 3), r));
    }
  }
  for (let r0 = s0; r0 < m; r0 += 4) {
    gemmAdd(at(a, m, r0, r0), m, pm + (<usize>((r0 - s0) * 2 * NB) << 3), 2 * NB, wv + (<usize>r0 << 3), m, min(4, m - r0), m - r0, 2 * NB);
  }
}

/**
 * `tridiagonalize` (same arguments and results, up to rounding), blocked for matrices larger
 * than NX; takes 4·NB·m f64 of scratch from the allocator (unblocked if there is none).
 */
export function tridiagonalizeBlocked(a: usize, m: i32, d: usize, e: usize, tau: usize, p: usize, w: usize): bool {
  let k0 = 0;
  if (m > NX + NB) {
    const wv = alloc(<usize>(4 * NB * m) << 3);
    if (wv != 0) {
      const pm = wv + (<usize>(2 * NB * m) << 3);
      for (; m - k0 > NX; k0 += NB) {
        panel(a, m, k0, d, e, tau, wv);
        update(a, m, k0, wv, pm);
      }
      free(wv);
    }
  }
  return reduceFrom(a, m, k0, d, e, tau, p, w);
}
