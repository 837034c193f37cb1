// The dense kernels of the exact solver against plain loops: the panel Gram (SYRK) across its
// depth blocks and edge tiles, the SIMD Cholesky and its downdate, and the tridiagonal path solve.
import seedrandom from 'seedrandom'
import { describe, expect, it } from 'vitest'
import { loadCore } from './core.js'

interface Dense {
  memory: WebAssembly.Memory
  alloc(bytes: number): number
  free(ptr: number): void
  panelBytes(rows: number, cols: number): number
  gramPanels(a: number, rows: number, cols: number, g: number): void
  ridgeCholesky(g: number, m: number, primal: number, scale: number, shift: number, rhs: number, diag: number, sol: number, scratch: number): number
  saveDiagonal(g: number, m: number, diag: number): void
  restoreGram(g: number, m: number, diag: number): void
  ridgePathFactor(g: number, m: number, primal: number, scale: number, rhs: number, q: number, d: number, e: number, tau: number, proj: number, p: number, w: number): number
  ridgePathSolve(q: number, m: number, d: number, e: number, tau: number, proj: number, shift: number, sol: number, work: number): number
  choleskyFactor(a: number, k: number, scratch: number): number
  choleskyDowndate(a: number, k: number, x: number): number
  choleskyDelete(a: number, k: number, p: number, scratch: number): void
  choleskyInsert(a: number, k: number, p: number, col: number, dependent: number, scratch: number): number
}

const core = loadCore() as unknown as Dense
const f64 = (ptr: number, n: number) => new Float64Array(core.memory.buffer, ptr, n)
const rand = seedrandom.xor4096('dense')

/** A random R × C matrix as rows, and its panel layout in wasm memory. */
function packed(rows: number, cols: number): { x: number[][]; a: number } {
  const x = Array.from({ length: rows }, () => Array.from({ length: cols }, () => rand() * 2 - 1))
  const a = core.alloc(core.panelBytes(rows, cols))
  const view = f64(a, core.panelBytes(rows, cols) / 8)
  view.fill(0)
  x.forEach((row, r) => row.forEach((v, c) => (view[((c >> 2) * rows + r) * 4 + (c & 3)] = v)))
  return { x, a }
}

/** Solves the SPD system by Gaussian elimination in plain JS (the reference). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]!])
  for (let c = 0; c < n; c++) {
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) x[r] = (m[r]![n]! - m[r]!.slice(r + 1, n).reduce((s, v, k) => s + v * x[r + 1 + k]!, 0)) / m[r]![r]!
  return x
}

describe('dense kernels', () => {
  for (const [rows, cols] of [[7, 5], [1500, 37], [300, 150], [3, 1]] as const) {
    it(`gramPanels equals XᵀX from plain loops (R = ${rows}, C = ${cols}; 1e-13 relative)`, () => {
      const { x, a } = packed(rows, cols)
      const g = core.alloc(cols * cols * 8)
      core.gramPanels(a, rows, cols, g)
      const got = f64(g, cols * cols)
      for (let i = 0; i < cols; i++) {
        for (let j = 0; j < cols; j++) {
          const want = x.reduce((s, row) => s + row[i]! * row[j]!, 0)
          expect(Math.abs(got[i * cols + j]! - want)).toBeLessThanOrEqual(1e-13 * rows)
        }
      }
      core.free(a)
      core.free(g)
    })
  }

  // m > 160 goes through the blocked tridiagonalization (panels of 32, unblocked below 128).
  for (const m of [1, 2, 5, 9, 40, 300, 420]) {
    it(`Cholesky and the tridiagonal path both solve (G + σI)·x = b (m = ${m})`, () => {
      const { x } = packed(m + 3, m)
      const gram = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => x.reduce((s, row) => s + row[i]! * row[j]!, 0)))
      const b = Array.from({ length: m }, () => rand() - 0.5)
      const g = core.alloc(m * m * 8)
      f64(g, m * m).set(gram.flat())
      const rhs = core.alloc(m * 8)
      f64(rhs, m).set(b)
      const scale = core.alloc(m * 8)
      f64(scale, m).fill(1)
      const buf = Array.from({ length: 9 }, () => core.alloc((m * m + 3 * m) * 8 + 64))
      const [f, sol, scratch, q, d, e, tau, proj, work] = buf as [number, number, number, number, number, number, number, number, number]
      const sigma = 0.3
      const want = solve(gram.map((row, i) => row.map((v, j) => v + (i === j ? sigma : 0))), b)
      core.saveDiagonal(g, m, f)
      expect(core.ridgeCholesky(g, m, 1, scale, sigma, rhs, f, sol, scratch)).toBe(1)
      core.restoreGram(g, m, f)
      f64(sol, m).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want[i]!))))
      expect(core.ridgePathFactor(g, m, 1, scale, rhs, q, d, e, tau, proj, f, work)).toBe(1)
      expect(core.ridgePathSolve(q, m, d, e, tau, proj, sigma, sol, work)).toBe(1)
      f64(sol, m).forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(want[i]!))))
      for (const p of [g, rhs, scale, ...buf]) core.free(p)
    })
  }

  // The active-set step keeps the elastic net's dual factor through drops by downdates.
  for (const k of [1, 2, 7, 37, 130]) {
    it(`choleskyDowndate turns the factor of A into that of A − x·xᵀ (k = ${k}), and refuses an indefinite result`, () => {
      const { x: rows } = packed(k + 4, k)
      const drop = Array.from({ length: k }, () => rand() - 0.5)
      // A = BᵀB + x·xᵀ + I, so A − x·xᵀ = BᵀB + I is positive definite.
      const a = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => rows.reduce((s, row) => s + row[i]! * row[j]!, 0) + drop[i]! * drop[j]! + (i === j ? 1 : 0)))
      const g = core.alloc(k * k * 8)
      const v = core.alloc(k * 8)
      const scratch = core.alloc(64)
      f64(g, k * k).set(a.flat())
      expect(core.choleskyFactor(g, k, scratch)).toBe(1)
      f64(v, k).set(drop)
      expect(core.choleskyDowndate(g, k, v)).toBe(1)
      const l = f64(g, k * k)
      for (let i = 0; i < k; i++) {
        for (let j = 0; j <= i; j++) {
          let s = 0
          for (let p = 0; p <= j; p++) s += l[i * k + p]! * l[j * k + p]!
          const want = a[i]![j]! - drop[i]! * drop[j]!
          expect(Math.abs(s - want)).toBeLessThanOrEqual(1e-12 * Math.sqrt(a[i]![i]! * a[j]![j]!))
        }
      }
      // Removing more than A holds along a direction leaves it indefinite: false, not NaN.
      f64(g, k * k).set(a.flat())
      expect(core.choleskyFactor(g, k, scratch)).toBe(1)
      const beyond = a.map((_, i) => (i === k - 1 ? 2 * Math.sqrt(a[i]![i]!) : 0))
      f64(v, k).set(beyond)
      expect(core.choleskyDowndate(g, k, v)).toBe(0)
      for (const p of [g, v, scratch]) core.free(p)
    })
  }

  // …and the lasso's primal factor through drops by deleting the dropped row and column.
  for (const [k, p] of [[1, 0], [2, 0], [2, 1], [9, 0], [9, 4], [9, 8], [64, 17]] as const) {
    it(`choleskyDelete leaves the factor of A without row and column ${p} (k = ${k})`, () => {
      const { x: rows } = packed(k + 2, k)
      const a = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => rows.reduce((s, row) => s + row[i]! * row[j]!, 0) + (i === j ? 0.1 : 0)))
      const g = core.alloc(k * k * 8)
      const scratch = core.alloc(k * 8 + 64)
      f64(g, k * k).set(a.flat())
      expect(core.choleskyFactor(g, k, scratch)).toBe(1)
      core.choleskyDelete(g, k, p, scratch)
      const m = k - 1
      const kept = a.filter((_, i) => i !== p).map((row) => row.filter((_, j) => j !== p))
      const l = f64(g, m * m)
      for (let i = 0; i < m; i++) {
        expect(l[i * m + i]!).toBeGreaterThan(0)
        for (let j = 0; j <= i; j++) {
          let s = 0
          for (let q = 0; q <= j; q++) s += l[i * m + q]! * l[j * m + q]!
          expect(Math.abs(s - kept[i]![j]!)).toBeLessThanOrEqual(1e-12 * Math.sqrt(kept[i]![i]! * kept[j]![j]!))
        }
      }
      for (const q of [g, scratch]) core.free(q)
    })
  }

  // …and takes a violator in by inserting its row and column.
  for (const [k, p] of [[0, 0], [1, 0], [1, 1], [8, 0], [8, 3], [8, 8], [63, 20]] as const) {
    it(`choleskyInsert gives the factor of A with row and column ${p} added (k = ${k}), and refuses a dependent column`, () => {
      const m = k + 1
      const { x: rows } = packed(m + 2, m)
      const a = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => rows.reduce((s, row) => s + row[i]! * row[j]!, 0) + (i === j ? 0.1 : 0)))
      const without = a.filter((_, i) => i !== p).map((row) => row.filter((_, j) => j !== p))
      const g = core.alloc(m * m * 8)
      const col = core.alloc(m * 8)
      const scratch = core.alloc(m * 8 + 64)
      f64(g, k * k).set(without.flat())
      if (k > 0) expect(core.choleskyFactor(g, k, scratch)).toBe(1)
      f64(col, m).set(a.map((row) => row[p]!))
      expect(core.choleskyInsert(g, k, p, col, 1e-13, scratch)).toBe(1)
      const l = f64(g, m * m)
      for (let i = 0; i < m; i++) {
        for (let j = 0; j <= i; j++) {
          let s = 0
          for (let q = 0; q <= j; q++) s += l[i * m + q]! * l[j * m + q]!
          expect(Math.abs(s - a[i]![j]!)).toBeLessThanOrEqual(1e-12 * Math.sqrt(a[i]![i]! * a[j]![j]!))
        }
      }
      if (k > 0) {
        // An exact copy of a column already in (column q) is dependent: refused.
        const q = p === 0 ? 1 : 0
        const plain = without
        f64(g, k * k).set(plain.flat())
        expect(core.choleskyFactor(g, k, scratch)).toBe(1)
        const copy = Array.from({ length: m }, (_, i) => (i === p ? plain[q - (q > p ? 1 : 0)]![q - (q > p ? 1 : 0)]! : plain[i - (i > p ? 1 : 0)]![q - (q > p ? 1 : 0)]!))
        f64(col, m).set(copy)
        expect(core.choleskyInsert(g, k, p, col, 1e-13, scratch)).toBe(0)
      }
      for (const q of [g, col, scratch]) core.free(q)
    })
  }
})
