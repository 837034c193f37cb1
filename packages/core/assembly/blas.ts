// Dense f64 kernels on a panel layout, in wasm SIMD (f64x2), for the exact solvers.
//
// A matrix A (R rows × C columns) is stored as ceil(C/4) column panels; panel p holds columns
// 4p … 4p+3 row by row, four values per row (32 bytes), with zero padding past column C:
//   A[r, c] at P + ((c >> 2)·R + r)·32 + (c & 3)·8.
// Both the centred data (R = n examples, C = d features: the primal Gram XᵀX) and its transpose
// (R = d, C = n: the dual Gram XXᵀ) are packed this way, so one Gram kernel serves both. Within a
// panel the rows stream contiguously, which is what the 4×4 register-tiled micro-kernel reads.
// see: K. Goto, R. van de Geijn, "Anatomy of High-Performance Matrix Multiplication", ACM TOMS
// 34(3), 2008 (packed panels, a register-blocked micro-kernel, the depth loop blocked for cache).

// Rows of a depth block: two panels' slices (2 × 32 KiB) stay in L1/L2 while the tile accumulates.
// DEPTH and BLOCK were picked by measurement (bench/src/solver.ts prints the Gram GFLOP/s).
// @ts-ignore: decorator
@inline const DEPTH: i32 = 1024;
// Panels whose depth slices are kept in L2 together (32 × 32 KiB = 1 MiB).
// @ts-ignore: decorator
@inline const BLOCK: i32 = 32;

/** Bytes of the panel layout of an R × C matrix. */
export function panelBytes(rows: i32, cols: i32): usize {
  return <usize>((cols + 3) >> 2) * <usize>rows << 5;
}

/** The address of panel `p` (columns 4p … 4p+3) of a matrix with `rows` rows. */
// @ts-ignore: decorator
@inline export function panelAt(a: usize, rows: i32, p: i32): usize {
  return a + (<usize>p * <usize>rows << 5);
}

/** Adds the 4×4 tile (columns 4pa…, 4pb…) of AᵀA over rows r0 … r1 to G (C × C, row-major). */
function tile(pa: usize, pb: usize, r0: i32, r1: i32, g: usize, cols: i32, ca: i32, cb: i32): void {
  let s00 = f64x2.splat(0), s01 = s00, s10 = s00, s11 = s00;
  let s20 = s00, s21 = s00, s30 = s00, s31 = s00;
  let a = pa + (<usize>r0 << 5);
  let b = pb + (<usize>r0 << 5);
  for (let r = r0; r < r1; r++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const a0 = v128.load64_splat(a);
    const a1 = v128.load64_splat(a, 8);
    const a2 = v128.load64_splat(a, 16);
    const a3 = v128.load64_splat(a, 24);
    s00 = f64x2.add(s00, f64x2.mul(a0, b0));
    s01 = f64x2.add(s01, f64x2.mul(a0, b1));
    s10 = f64x2.add(s10, f64x2.mul(a1, b0));
    s11 = f64x2.add(s11, f64x2.mul(a1, b1));
    s20 = f64x2.add(s20, f64x2.mul(a2, b0));
    s21 = f64x2.add(s21, f64x2.mul(a2, b1));
    s30 = f64x2.add(s30, f64x2.mul(a3, b0));
    s31 = f64x2.add(s31, f64x2.mul(a3, b1));
    a += 32;
    b += 32;
  }
  if (ca + 4 <= cols && cb + 4 <= cols) {
    addRow(g + ((<usize>ca * <usize>cols + <usize>cb) << 3), s00, s01);
    addRow(g + ((<usize>(ca + 1) * <usize>cols + <usize>cb) << 3), s10, s11);
    addRow(g + ((<usize>(ca + 2) * <usize>cols + <usize>cb) << 3), s20, s21);
    addRow(g + ((<usize>(ca + 3) * <usize>cols + <usize>cb) << 3), s30, s31);
    return;
  }
  // An edge tile: only entries inside C × C.
  addEdge(g, cols, ca, cb, s00, s01);
  addEdge(g, cols, ca + 1, cb, s10, s11);
  addEdge(g, cols, ca + 2, cb, s20, s21);
  addEdge(g, cols, ca + 3, cb, s30, s31);
}

// @ts-ignore: decorator
@inline function addRow(p: usize, lo: v128, hi: v128): void {
  v128.store(p, f64x2.add(v128.load(p), lo));
  v128.store(p, f64x2.add(v128.load(p, 16), hi), 16);
}

function addEdge(g: usize, cols: i32, row: i32, cb: i32, lo: v128, hi: v128): void {
  if (row >= cols) return;
  const p = g + ((<usize>row * <usize>cols + <usize>cb) << 3);
  const v0 = f64x2.extract_lane(lo, 0), v1 = f64x2.extract_lane(lo, 1);
  const v2 = f64x2.extract_lane(hi, 0), v3 = f64x2.extract_lane(hi, 1);
  store<f64>(p, load<f64>(p) + v0);
  if (cb + 1 < cols) store<f64>(p, load<f64>(p, 8) + v1, 8);
  if (cb + 2 < cols) store<f64>(p, load<f64>(p, 16) + v2, 16);
  if (cb + 3 < cols) store<f64>(p, load<f64>(p, 24) + v3, 24);
}

/**
 * G (C × C, row-major, full) = AᵀA for A in the panel layout (R × C): the upper triangle by tiles,
 * the depth blocked by DEPTH rows, then mirrored. A fixed order of additions: deterministic.
 */
export function gramPanels(a: usize, rows: i32, cols: i32, g: usize): void {
  memory.fill(g, 0, <usize>cols * <usize>cols << 3);
  const panels = (cols + 3) >> 2;
    // A block of BLOCK panels' depth slices (BLOCK × 32 KiB) stays in L2 while every later panel's
  // slice (32 KiB, in L1) is multiplied against all of them.
  for (let r0 = 0; r0 < rows; r0 += DEPTH) {
    const r1 = min(rows, r0 + DEPTH);
    for (let p0 = 0; p0 < panels; p0 += BLOCK) {
      const p1 = min(panels, p0 + BLOCK);
      for (let q = p0; q < panels; q++) {
        const pb = panelAt(a, rows, q);
        const last = min(p1, q + 1);
        for (let p = p0; p < last; p++) tile(panelAt(a, rows, p), pb, r0, r1, g, cols, p << 2, q << 2);
      }
    }
  }
  mirrorUpper(g, cols);
}

/** Copies the upper triangle of the m×m row-major matrix at `g` to the lower, in 32×32 blocks (cache-friendly transposes). */
export function mirrorUpper(g: usize, m: i32): void {
  for (let i0 = 0; i0 < m; i0 += 32) {
    for (let j0 = 0; j0 <= i0; j0 += 32) {
      const i1 = min(m, i0 + 32);
      for (let i = i0; i < i1; i++) {
        const j1 = min(i, j0 + 32);
        for (let j = j0; j < j1; j++) store<f64>(g + ((<usize>i * <usize>m + <usize>j) << 3), load<f64>(g + ((<usize>j * <usize>m + <usize>i) << 3)));
      }
    }
  }
}

/** out (C f64) = Aᵀ·v for A in the panel layout (R × C) and v (R f64). */
export function panelTmv(a: usize, rows: i32, cols: i32, v: usize, out: usize): void {
  const panels = (cols + 3) >> 2;
  for (let p = 0; p < panels; p++) {
    let s0 = f64x2.splat(0);
    let s1 = s0;
    let q = panelAt(a, rows, p);
    for (let r = 0; r < rows; r++) {
      const vr = v128.load64_splat(v + (<usize>r << 3));
      s0 = f64x2.add(s0, f64x2.mul(v128.load(q), vr));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(q, 16), vr));
      q += 32;
    }
    const c = p << 2;
    store<f64>(out + (<usize>c << 3), f64x2.extract_lane(s0, 0));
    if (c + 1 < cols) store<f64>(out + (<usize>(c + 1) << 3), f64x2.extract_lane(s0, 1));
    if (c + 2 < cols) store<f64>(out + (<usize>(c + 2) << 3), f64x2.extract_lane(s1, 0));
    if (c + 3 < cols) store<f64>(out + (<usize>(c + 3) << 3), f64x2.extract_lane(s1, 1));
  }
}

/** out (R f64) = A·u for A in the panel layout (R × C) and u (C f64). */
export function panelMv(a: usize, rows: i32, cols: i32, u: usize, out: usize): void {
  memory.fill(out, 0, <usize>rows << 3);
  const panels = (cols + 3) >> 2;
  for (let p = 0; p < panels; p++) {
    const c = p << 2;
    const u0 = c < cols ? load<f64>(u + (<usize>c << 3)) : 0;
    const u1 = c + 1 < cols ? load<f64>(u + (<usize>(c + 1) << 3)) : 0;
    const u2 = c + 2 < cols ? load<f64>(u + (<usize>(c + 2) << 3)) : 0;
    const u3 = c + 3 < cols ? load<f64>(u + (<usize>(c + 3) << 3)) : 0;
    const lo = f64x2.replace_lane(f64x2.splat(u0), 1, u1);
    const hi = f64x2.replace_lane(f64x2.splat(u2), 1, u3);
    let q = panelAt(a, rows, p);
    for (let r = 0; r < rows; r++) {
      const s = f64x2.add(f64x2.mul(v128.load(q), lo), f64x2.mul(v128.load(q, 16), hi));
      const o = out + (<usize>r << 3);
      store<f64>(o, load<f64>(o) + (f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1)));
      q += 32;
    }
  }
}

/**
 * Packs the centred, scaled data: with c_ij = (x_ij − mean_j)·scale_j, the primal layout is
 * A = C (R = n, C = d) and the dual one A = Cᵀ (R = d, C = n). Padding lanes are zeroed.
 */
export function packCentred<T>(x: usize, n: i32, d: i32, mean: usize, scale: usize, primal: bool, a: usize): void {
  const t = alignof<T>();
  const rows = primal ? n : d;
  const cols = primal ? d : n;
  const last = panelAt(a, rows, (cols - 1) >> 2);
  memory.fill(last, 0, <usize>rows << 5);
  if (primal) {
    // 64 rows at a time, panel by panel: the rows stay in cache and each panel is written in order.
    for (let i0 = 0; i0 < n; i0 += 64) {
      const i1 = min(n, i0 + 64);
      for (let j0 = 0; j0 < d; j0 += 4) {
        const j1 = min(d, j0 + 4);
        const panel = panelAt(a, n, j0 >> 2);
        for (let i = i0; i < i1; i++) {
          const row = x + (<usize>i * <usize>d << t);
          for (let j = j0; j < j1; j++) {
            const v = (<f64>load<T>(row + (<usize>j << t)) - load<f64>(mean + (<usize>j << 3))) * load<f64>(scale + (<usize>j << 3));
            store<f64>(panel + (<usize>i << 5) + (<usize>(j & 3) << 3), v);
          }
        }
      }
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << t);
    const base = panelAt(a, d, i >> 2) + (<usize>(i & 3) << 3);
    for (let j = 0; j < d; j++) {
      const v = (<f64>load<T>(row + (<usize>j << t)) - load<f64>(mean + (<usize>j << 3))) * load<f64>(scale + (<usize>j << 3));
      store<f64>(base + (<usize>j << 5), v);
    }
  }
}

/**
 * The machine's attainable f64x2 rate, for `pnpm bench`: `iterations` rounds of 12 independent
 * multiply-add pairs (48 flops) on registers, each round's multiplier loaded from a 4 KiB ring at
 * `buf` (kept in L1; the load stops the compiler from hoisting the products). Returns a value
 * that depends on every accumulator, so nothing is optimized away.
 */
export function simdPeak(buf: usize, iterations: i32): f64 {
  const x0 = f64x2.splat(0.5);
  const x1 = f64x2.splat(0.25);
  let s0 = f64x2.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0;
  let s6 = s0, s7 = s0, s8 = s0, s9 = s0, s10 = s0, s11 = s0;
  for (let i = 0; i < iterations; i++) {
    const y = v128.load(buf + (<usize>(i & 255) << 4));
    s0 = f64x2.add(s0, f64x2.mul(y, x0));
    s1 = f64x2.add(s1, f64x2.mul(y, x1));
    s2 = f64x2.add(s2, f64x2.mul(y, x0));
    s3 = f64x2.add(s3, f64x2.mul(y, x1));
    s4 = f64x2.add(s4, f64x2.mul(y, x0));
    s5 = f64x2.add(s5, f64x2.mul(y, x1));
    s6 = f64x2.add(s6, f64x2.mul(y, x0));
    s7 = f64x2.add(s7, f64x2.mul(y, x1));
    s8 = f64x2.add(s8, f64x2.mul(y, x0));
    s9 = f64x2.add(s9, f64x2.mul(y, x1));
    s10 = f64x2.add(s10, f64x2.mul(y, x0));
    s11 = f64x2.add(s11, f64x2.mul(y, x1));
  }
  const a = f64x2.add(f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3)), f64x2.add(f64x2.add(s4, s5), f64x2.add(s6, s7)));
  const s = f64x2.add(a, f64x2.add(f64x2.add(s8, s9), f64x2.add(s10, s11)));
  return f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
}
