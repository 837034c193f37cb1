// The symmetric eigensolver (tridiagonalization, divide and conquer or QL on the tridiagonal,
// compact-WY back-transformation) on matrices chosen to stress deflation and clustering: every
// eigenpair's residual and the eigenvectors' orthogonality at the level of rounding, and the two
// tridiagonal solvers agreeing on the eigenvalues.
import seedrandom from 'seedrandom'
import { describe, expect, it } from 'vitest'
import { loadCore } from './core.js'

interface Eigen {
  memory: WebAssembly.Memory
  alloc(bytes: number): number
  free(ptr: number): void
  liveBytes(): number
  symmetricEigen(a: number, m: number, values: number, work: number): number
  tridiagQL(d: number, e: number, m: number, zt: number, ld: number, cs: number): number
  tridiagDC(d: number, e: number, m: number, zt: number): number
}

const core = loadCore() as unknown as Eigen
const f64 = (ptr: number, n: number) => new Float64Array(core.memory.buffer, ptr, n)
const EPS = 2.220446049250313e-16
/** Residual and orthogonality bound, in units of m·ε (times ‖A‖ for the residual). */
const FACTOR = 20

const rand = seedrandom.xor4096('eigen')
const u = () => rand() * 2 - 1

/** Symmetric test matrices, row-major. */
const KINDS: Record<string, (m: number) => Float64Array> = {
  random: (m) => sym(m, () => u()),
  // XᵀX of a wide X: rank m/4, the λ = 0 case's numerical null space.
  gram: (m) => {
    const n = Math.max(1, m >> 2)
    const x = Array.from({ length: n * m }, u)
    return sym(m, (i, j) => x.reduce((s, _, r) => (r < n ? s + x[r * m + i]! * x[r * m + j]! : s), 0))
  },
  identity: (m) => sym(m, (i, j) => (i === j ? 1 : 0)),
  // Identity plus rank one: m − 1 equal eigenvalues (deflation by rotation).
  rank1: (m) => {
    const v = Array.from({ length: m }, u)
    return sym(m, (i, j) => v[i]! * v[j]! + (i === j ? 2 : 0))
  },
  // Wilkinson's W+: pairs of eigenvalues agreeing to many digits.
  wilkinson: (m) => sym(m, (i, j) => (i === j ? Math.abs(i - (m - 1) / 2) : Math.abs(i - j) === 1 ? 1 : 0)),
  // Glued Wilkinson matrices (blocks of 21 joined by 1e-10): large clusters.
  glued: (m) => sym(m, (i, j) => (i === j ? Math.abs((i % 21) - 10) : Math.abs(i - j) === 1 ? (Math.min(i, j) % 21 === 20 ? 1e-10 : 1) : 0)),
  // A tridiagonal with exact zeros off the diagonal (the problem splits).
  split: (m) => sym(m, (i, j) => (i === j ? u() : Math.abs(i - j) === 1 && Math.min(i, j) % 7 !== 3 ? u() : 0)),
  zero: (m) => new Float64Array(m * m),
}

function sym(m: number, f: (i: number, j: number) => number): Float64Array {
  const a = new Float64Array(m * m)
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) a[i * m + j] = a[j * m + i] = f(i, j)
  }
  return a
}

/** max |A·v − μ·v| / (m·ε·‖A‖) and max |VᵀV − I| / (m·ε) for eigenvectors in the columns of v. */
function quality(a: Float64Array, v: Float64Array, mu: Float64Array, m: number): { residual: number; orthogonality: number } {
  const norm = Math.max(1e-300, ...a.map(Math.abs))
  let residual = 0
  let orthogonality = 0
  for (let k = 0; k < m; k++) {
    for (let i = 0; i < m; i++) {
      let t = 0
      for (let j = 0; j < m; j++) t += a[i * m + j]! * v[j * m + k]!
      residual = Math.max(residual, Math.abs(t - mu[k]! * v[i * m + k]!))
    }
    for (let l = k; l < m; l++) {
      let t = 0
      for (let j = 0; j < m; j++) t += v[j * m + k]! * v[j * m + l]!
      orthogonality = Math.max(orthogonality, Math.abs(t - (k === l ? 1 : 0)))
    }
  }
  return { residual: residual / (m * EPS * norm), orthogonality: orthogonality / (m * EPS) }
}

describe('symmetric eigensolver', () => {
  for (const [name, make] of Object.entries(KINDS)) {
    it(`${name}: A·v = μ·v and VᵀV = I to rounding, m = 1 … 300 (across the QL leaf size 32 and the blocked reduction's 160)`, () => {
      for (const m of [1, 2, 3, 31, 32, 33, 64, 65, 150, 300]) {
        const live = core.liveBytes()
        const a = make(m)
        const pa = core.alloc(m * m * 8)
        const values = core.alloc(m * 8)
        const work = core.alloc(m * 8)
        f64(pa, m * m).set(a)
        expect(core.symmetricEigen(pa, m, values, work), `${name} m=${m}`).toBe(1)
        const q = quality(a, Float64Array.from(f64(pa, m * m)), Float64Array.from(f64(values, m)), m)
        expect(q.residual, `${name} m=${m} residual`).toBeLessThanOrEqual(FACTOR)
        expect(q.orthogonality, `${name} m=${m} orthogonality`).toBeLessThanOrEqual(FACTOR)
        for (const p of [pa, values, work]) core.free(p)
        expect(core.liveBytes()).toBe(live)
      }
    })
  }

  it('divide and conquer and QL agree on the eigenvalues of the same tridiagonal', () => {
    for (const m of [40, 97, 200]) {
      for (const glue of [1, 1e-8, 0]) {
        const d0 = Float64Array.from({ length: m }, u)
        const e0 = Float64Array.from({ length: m }, (_, i) => (i % 9 === 8 ? glue : 1) * u())
        const out: Float64Array[] = []
        for (const dc of [true, false]) {
          const d = core.alloc(m * 8)
          const e = core.alloc(m * 8)
          const zt = core.alloc(m * m * 8)
          const cs = core.alloc(2 * m * 8)
          f64(d, m).set(d0)
          f64(e, m).set(e0)
          const z = f64(zt, m * m)
          z.fill(0)
          for (let i = 0; i < m; i++) z[i * m + i] = 1
          expect(dc ? core.tridiagDC(d, e, m, zt) : core.tridiagQL(d, e, m, zt, m, cs)).toBe(1)
          out.push(Float64Array.from(f64(d, m)).sort())
          for (const p of [d, e, zt, cs]) core.free(p)
        }
        const scale = Math.max(...d0.map(Math.abs), ...e0.map(Math.abs))
        out[0]!.forEach((v, i) => expect(Math.abs(v - out[1]![i]!), `m=${m} glue=${glue} #${i}`).toBeLessThanOrEqual(4 * m * EPS * scale))
      }
    }
  })

  it('a NaN or Inf in the upper triangle is a failure, not an answer', () => {
    for (const bad of [NaN, Infinity]) {
      const m = 40
      const a = KINDS.random!(m)
      a[3 * m + 17] = bad
      const pa = core.alloc(m * m * 8)
      const values = core.alloc(m * 8)
      const work = core.alloc(m * 8)
      f64(pa, m * m).set(a)
      expect(core.symmetricEigen(pa, m, values, work)).toBe(0)
      for (const p of [pa, values, work]) core.free(p)
    }
  })
})
