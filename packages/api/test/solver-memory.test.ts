// Issue 11's memory budget: the exact solver's wasm memory growth, data included, at most
// 2·(n·d + m²)·8 bytes (m = min(n, d)) for λ = 0 (eigendecomposition) and the λ path (one
// tridiagonalization); before the Gram matrix was factored in its own block, λ = 0 held about
// 5 matrices of m² and the path 4. And answers must not depend on what was solved before.
import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'

function data(n: number, d: number, seed: number): { xTrain: Float64Array; yTrain: Float64Array; xTest: Float64Array; yTest: Float64Array } {
  let s = seed
  const uniform = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return ((s >>> 0) + 0.5) / 4294967296
  }
  const xTrain = Float64Array.from({ length: n * d }, () => uniform() * 2 - 1)
  const yTrain = Float64Array.from({ length: n }, () => uniform() * 2 - 1)
  return { xTrain, yTrain, xTest: xTrain.subarray(0, d), yTest: yTrain.subarray(0, 1) }
}

describe('the exact solver within its memory budget', () => {
  for (const [d, n] of [[800, 800], [1600, 400]] as const) {
    const budget = 2 * (n * d + Math.min(n, d) ** 2) * 8
    it(`λ = 0 at d × n = ${d} × ${n}`, async () => {
      const engine = await createEngine()
      const base = engine.memoryBytes
      const r = engine.solve({ data: data(n, d, 7), numInputs: d, dtype: 'float64', lambda: 0 })
      expect(r.w.every(Number.isFinite)).toBe(true)
      expect(engine.memoryBytes - base).toBeLessThanOrEqual(budget)
    })
    it(`a 16-λ sweep (one tridiagonalization) at d × n = ${d} × ${n}`, async () => {
      const engine = await createEngine()
      const base = engine.memoryBytes
      const lambdas = Array.from({ length: 16 }, (_, i) => 10 ** (-4 + i / 3))
      engine.sweep({ data: data(n, d, 8), numInputs: d, dtype: 'float64', lambdas, seeds: 1, epochs: 0, validFraction: 0 })
      expect(engine.memoryBytes - base).toBeLessThanOrEqual(budget)
    })
  }

  it('λ = 0 and λ > 0 in one solver (the Gram made again after a factor took it) give the bits of fresh solves', async () => {
    const engine = await createEngine()
    for (const [d, n] of [[60, 90], [90, 60]] as const) {
      const spec = { data: data(n, d, 9), numInputs: d, dtype: 'float64' as const }
      const lambdas = [0, 0.01, 0, 1e-3, 0.01, 0]
      const path = engine.coefPath({ ...spec, lambdas })
      lambdas.forEach((lambda, i) => {
        const alone = engine.solve({ ...spec, lambda })
        expect(Array.from(path.w[i]!), `d = ${d}, n = ${n}, λ = ${lambda}`).toEqual(Array.from(alone.w))
        expect(path.b[i]).toBe(alone.b)
      })
    }
  })
})
