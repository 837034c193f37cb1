// The solver's memory footprint: the allocator's `shrink`, the eigendecomposition that
// tridiagonalizes the Gram matrix in its own block and gives half of it back, and divide and
// conquer on scratch lent by the caller. Each must give the same bits as before.
import seedrandom from 'seedrandom'
import { describe, expect, it } from 'vitest'
import { loadCore } from './core.js'

interface Footprint {
  memory: WebAssembly.Memory
  alloc(bytes: number): number
  free(ptr: number): void
  shrink(ptr: number, bytes: number): void
  liveBytes(): number
  ridgeEigen(g: number, m: number, primal: number, equilibrated: number, scale: number, rhs: number, q: number, tau: number, zt: number, eig: number, proj: number, work: number, diagShift: number): number
  ridgeEigenSolve(q: number, tau: number, zt: number, eig: number, proj: number, m: number, shift: number, sol: number, coef: number): void
  tridiagDC(d: number, e: number, m: number, zt: number): number
  tridiagDCWith(d: number, e: number, m: number, zt: number, big: number, bigLength: number): number
  tridiagDCWork(m: number): number
}

const core = loadCore() as unknown as Footprint
const f64 = (ptr: number, n: number) => new Float64Array(core.memory.buffer, ptr, n)
const rand = seedrandom.xor4096('footprint')
const u = () => rand() * 2 - 1

describe('memory footprint of the exact solver', () => {
  it('shrink gives a block\'s tail back (reused by the next allocation) and keeps its head', () => {
    const live = core.liveBytes()
    const a = core.alloc(1 << 20)
    const b = core.alloc(1000)
    new Uint8Array(core.memory.buffer, a, 1 << 18).fill(7)
    core.shrink(a, 1 << 18)
    expect(core.liveBytes()).toBe(live + (1 << 18) + 16 + 1008 + 16)
    expect(new Uint8Array(core.memory.buffer, a, 1 << 18).every((v) => v === 7)).toBe(true)
    const size = core.memory.buffer.byteLength
    const c = core.alloc(1 << 19)
    expect(c).toBeGreaterThan(a)
    expect(c).toBeLessThan(b)
    expect(core.memory.buffer.byteLength).toBe(size)
    // Shrinking the last block, then a larger allocation: it starts where the shrunk block ends.
    const d = core.alloc(1 << 20)
    core.shrink(d, 4096)
    const e = core.alloc(2 << 20)
    expect(e).toBe(d + 4096 + 16)
    for (const p of [a, b, c, d, e]) core.free(p)
    expect(core.liveBytes()).toBe(live)
  })

  it('the eigendecomposition in the Gram\'s own block gives the same bits as in a copy, solves (G + σI)x = b, and keeps only the packed reflectors', () => {
    for (const m of [1, 2, 33, 170, 301]) {
      const rows = m + 7
      const x = Array.from({ length: rows * m }, u)
      const g0 = new Float64Array(m * m)
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
        let s = 0
        for (let r = 0; r < rows; r++) s += x[r * m + i]! * x[r * m + j]!
        g0[i * m + j] = s
      }
      const b0 = Float64Array.from({ length: m }, u)
      const out: Float64Array[][] = []
      for (const inPlace of [false, true]) {
        const g = core.alloc(m * m * 8)
        f64(g, m * m).set(g0)
        const q = inPlace ? g : core.alloc(m * m * 8)
        const [scale, rhs, tau, eig, proj, work, sol] = [1, 2, 3, 4, 5, 6, 7].map(() => core.alloc(m * 8))
        const zt = core.alloc(m * m * 8)
        f64(scale!, m).fill(1)
        f64(rhs!, m).set(b0)
        const before = core.liveBytes()
        expect(core.ridgeEigen(g, m, 0, 0, scale!, rhs!, q, tau!, zt, eig!, proj!, work!, 0)).toBe(1)
        // q keeps m(m − 1)/2 f64 of its m²; the rest goes back when it can make a block (32 bytes).
        const round = (bytes: number) => Math.ceil(bytes / 16) * 16
        const given = round(m * m * 8) - round((m > 1 ? (m * (m - 1)) / 2 : 1) * 8)
        expect(before - core.liveBytes(), `m = ${m}`).toBe(given >= 32 ? given : 0)
        const sigma = 0.5
        core.ridgeEigenSolve(q, tau!, zt, eig!, proj!, m, sigma, sol!, work!)
        const xs = Float64Array.from(f64(sol!, m))
        let worst = 0
        let top = 0
        for (let i = 0; i < m; i++) {
          let r = sigma * xs[i]! - b0[i]!
          for (let j = 0; j < m; j++) r += g0[i * m + j]! * xs[j]!
          worst = Math.max(worst, Math.abs(r))
          top = Math.max(top, Math.abs(b0[i]!))
        }
        expect(worst, `m = ${m}`).toBeLessThan(1e-11 * rows * top * (1 + 1 / sigma))
        out.push([Float64Array.from(f64(eig!, m)), Float64Array.from(f64(proj!, m)), Float64Array.from(f64(zt, m * m)), xs])
        for (const p of new Set([g, q, scale!, rhs!, tau!, eig!, proj!, work!, sol!, zt])) core.free(p)
      }
      out[0]!.forEach((v, k) => expect(Array.from(out[1]![k]!), `m = ${m}, output ${k}`).toEqual(Array.from(v)))
    }
  })

  it('divide and conquer on lent scratch (all of it, or only the m² rows) gives the bits of its own', () => {
    for (const m of [40, 129, 300]) {
      const d0 = Float64Array.from({ length: m }, u)
      const e0 = Float64Array.from({ length: m }, u)
      const results: Float64Array[] = []
      const live = core.liveBytes()
      for (const lent of [0, m * m, core.tridiagDCWork(m)]) {
        const [d, e] = [core.alloc(m * 8), core.alloc(m * 8)]
        const zt = core.alloc(m * m * 8)
        const big = lent > 0 ? core.alloc(lent * 8) : 0
        f64(d, m).set(d0)
        f64(e, m).set(e0)
        const z = f64(zt, m * m)
        z.fill(0)
        for (let i = 0; i < m; i++) z[i * m + i] = 1
        const held = core.liveBytes()
        expect(lent === 0 ? core.tridiagDC(d, e, m, zt) : core.tridiagDCWith(d, e, m, zt, big, lent)).toBe(1)
        expect(core.liveBytes()).toBe(held)
        results.push(Float64Array.from([...f64(d, m), ...f64(zt, m * m)]))
        for (const p of [d, e, zt, big]) core.free(p)
      }
      expect(core.liveBytes()).toBe(live)
      expect(Array.from(results[1]!)).toEqual(Array.from(results[0]!))
      expect(Array.from(results[2]!)).toEqual(Array.from(results[0]!))
    }
  })
})
