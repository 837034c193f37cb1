// Dense symmetric eigendecomposition in f64 (λ = 0 ridge, its pinv fallback, exact LOO).
import { alloc, free } from "./memory";
import { tridiagonalizeBlocked } from "./tridiagblocked";
import { tridiagDC } from "./tridiagdc";
import { tridiagQL } from "./tridiageigen";
import { backTransform, backTransformWork } from "./wy";
import { at } from "./f64mem";

// @ts-ignore: decorator
@inline function get(a: usize, m: i32, i: i32, j: i32): f64 {
  return load<f64>(at(a, m, i, j));
}
// @ts-ignore: decorator
@inline function set(a: usize, m: i32, i: i32, j: i32, v: f64): void {
  store<f64>(at(a, m, i, j), v);
}

function identity(z: usize, m: i32): void {
  memory.fill(z, 0, <usize>m * <usize>m << 3);
  for (let i = 0; i < m; i++) set(z, m, i, i, 1);
}

/**
 * Overwrites the symmetric m×m matrix at `a` (row-major f64; only its upper triangle is read)
 * with its eigenvectors as columns and writes the eigenvalues (unsorted) to `values` (m f64), so
 * that A = V·diag(values)·Vᵀ; `work` holds m f64 of scratch. Householder tridiagonalization
 * (blocked, tridiagblocked.ts), divide and conquer on the tridiagonal with its eigenvectors kept as rows
 * (tridiagdc.ts; implicit QL, tridiageigen.ts, if a root fails to converge), then the reflectors applied to them in compact-WY blocks (wy.ts). Scratch of
 * about 2m² f64 is taken from the core's allocator and freed before returning. Returns false if
 * the QL iteration did not converge, anything is not finite, or memory ran out.
 */
export function symmetricEigen(a: usize, m: i32, values: usize, work: usize): bool {
  if (m == 0) return true;
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) if (!isFinite(get(a, m, i, j))) return false;
  }
  const mm = <usize>m * <usize>m;
  const block = alloc((mm + <usize>(5 * m) + <usize>backTransformWork(m)) << 3);
  if (block == 0) return false;
  const zt = block;
  const tau = zt + (mm << 3);
  const p = tau + (<usize>m << 3);
  const w = p + (<usize>m << 3);
  const cs = w + (<usize>m << 3);
  const bt = cs + (<usize>(2 * m) << 3);
  let ok = tridiagonalizeBlocked(a, m, values, work, tau, p, w);
  if (ok) {
    // Divide and conquer; should a root not converge, QL from the same tridiagonal.
    memory.copy(p, values, <usize>m << 3);
    memory.copy(w, work, <usize>m << 3);
    identity(zt, m);
    if (!tridiagDC(values, work, m, zt)) {
      memory.copy(values, p, <usize>m << 3);
      memory.copy(work, w, <usize>m << 3);
      identity(zt, m);
      ok = tridiagQL(values, work, m, zt, m, cs);
    }
  }
  if (ok) {
    backTransform(a, m, tau, zt, bt);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) set(a, m, i, j, get(zt, m, j, i));
    }
  }
  free(block);
  return ok;
}
