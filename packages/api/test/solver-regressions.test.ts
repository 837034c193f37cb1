// Issue 11's reproductions (hangs, silent NaN, early stops) and the l2 answers of the solver
// this one replaced (fixtures/l2-baseline.json), which must not move by more than 1e-10.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ConfigError, createEngine } from '../dist/index.js'
import { OptimumSolver } from '../dist/optimum.js'
import { resolveTrainOptions } from '../dist/options.js'
import { Problem } from '../dist/problem.js'
import { kktViolation } from './linalg.js'
import { randomProblem } from './problems.js'

const baseline = JSON.parse(readFileSync(new URL('./fixtures/l2-baseline.json', import.meta.url), 'utf8')).cases as Array<{
  problem?: { seed: string; nTrain: number; d: number }
  seed?: string
  lambda: number
  dtype: 'float32' | 'float64'
  w: number[]
}>

const tiny = (x: number[][], y: number[]) => ({ xTrain: x, yTrain: y, xTest: [[1, 2]], yTest: [0] })

describe('exact solver: issue 11 reproductions', async () => {
  const engine = await createEngine()

  it('l2 weights agree with the previous solver to 1e-10 (relative to max |w|) on every baseline problem', () => {
    for (const c of baseline) {
      const ours = c.problem
        ? engine.solve({ data: randomProblem(c.problem.seed, c.problem.nTrain, c.problem.d), lambda: c.lambda, dtype: c.dtype })
        : engine.solve({ seed: c.seed!, lambda: c.lambda, dtype: c.dtype })
      const scale = Math.max(...c.w.map(Math.abs))
      const worst = Math.max(...c.w.map((v, j) => Math.abs(ours.w[j]! - v)))
      expect(worst / scale, `${c.problem?.seed ?? c.seed} λ=${c.lambda} ${c.dtype}`).toBeLessThanOrEqual(1e-10)
    }
  })

  it('values too large to square are a ConfigError before any work (they used to hang the eigensolver)', () => {
    const cases = [
      { options: { dtype: 'float64' as const, data: tiny([[1e200, 2], [3, 4], [1, 1]], [1, 2, 3]) }, key: 'data.xTrain' },
      { options: { data: tiny([[1e39, 2], [3, 4], [1, 1]], [1, 2, 3]) }, key: 'data.xTrain' },
      { options: { data: tiny([[1, 2], [3, 4], [1, 1]], [1, 2e39, 3]) }, key: 'data.yTrain' },
      { options: { penalty: 'l1' as const, lambda: 0.1, data: tiny([[1e39, 2], [3, 4], [1, 1]], [1, 2, 3]) }, key: 'data.xTrain' },
      { options: { dtype: 'float64' as const, data: tiny([[1, 1e308], [3, 4], [1, 1]], [1, 2, 3]) }, key: 'data.xTrain' },
    ]
    for (const { options, key } of cases) {
      let error: unknown
      try {
        engine.solve(options)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).key).toBe(key)
      expect(() => engine.sweep({ ...options, lambdas: [0, 1], seeds: 1 })).toThrow(ConfigError)
    }
    // The engine is intact afterwards.
    expect(engine.solve({ lambda: 1, dtype: 'float64' }).converged).toBe(true)
  })

  it('random data scaled by 1e78 (float64) solves to the same weights as unscaled (scale-free)', () => {
    const p = randomProblem('scaled-1e78', 30, 6)
    const big = { ...p, xTrain: p.xTrain.map((r) => r.map((v) => v * 1e78)), yTrain: p.yTrain.map((v) => v * 1e78) }
    const a = engine.solve({ data: p, lambda: 0, dtype: 'float64' })
    const b = engine.solve({ data: big, lambda: 0, dtype: 'float64' })
    a.w.forEach((v, j) => expect(Math.abs(b.w[j]! - v)).toBeLessThanOrEqual(1e-12 * Math.max(...a.w.map(Math.abs))))
  })

  it('an optimum that overflows float64 is an error, never a NaN or Inf with converged: true', () => {
    // The least-squares weight of the 1e-300 column is about 1e430.
    const alone = { xTrain: [[1e-300], [2e-300], [3.5e-300]], yTrain: [1e130, 2e130, 3e130], xTest: [[1]], yTest: [0] }
    expect(() => engine.solve({ dtype: 'float64', lambda: 0, data: alone })).toThrow(/not finite/)
    const data = tiny([[1e-300, 0], [2e-300, 1], [3.5e-300, 0]], [1e130, 2e130, 3e130])
    for (const penalty of ['l1', 'elastic'] as const) {
      // With an L1 part that weight is 0 at the optimum: a finite answer, honest about convergence.
      const r = engine.solve({ dtype: 'float64', lambda: 1e-3, penalty, data })
      expect([...r.w, r.b, r.objective, r.trainLoss, r.testLoss, r.kkt!].every(Number.isFinite)).toBe(true)
      expect(r.converged).toBe(r.kkt! <= r.kktTolerance!)
    }
  })

  it('the d > n elastic net of the issue converges to KKT ≤ 1e-10 × λmax and reports it', () => {
    const r = engine.solve({ seed: 1, dtype: 'float64', penalty: 'elastic', lambda: 0.001, l1Ratio: 0.1 })
    expect(r.converged).toBe(true)
    expect(r.kkt!).toBeLessThanOrEqual(r.kktTolerance!)
    expect(r.kktTolerance!).toBeGreaterThan(0)
  })

  it('the path mode (one eigendecomposition, used by long sweeps) agrees with one-λ Cholesky solves to 1e-9', () => {
    for (const [nTrain, d] of [[40, 12], [12, 40]] as const) {
      const data = randomProblem(`path-${nTrain}-${d}`, nTrain, d, 10)
      const spec = resolveTrainOptions({ data, dtype: 'float64' })
      const problem = new Problem((engine as unknown as { core: ConstructorParameters<typeof Problem>[0] }).core, spec)
      const path = new OptimumSolver(problem, { path: true })
      const single = new OptimumSolver(problem)
      try {
        // λ = 0 again at the end: after in-place Cholesky factorizations the Gram matrix is restored exactly.
        const first = single.solve({ penalty: 'l2', lambda: 0, l1Ratio: 0.5 }).w
        for (const lambda of [0, 1e-4, 1e-2, 1, 100]) {
          const a = path.solve({ penalty: 'l2', lambda, l1Ratio: 0.5 })
          const b = single.solve({ penalty: 'l2', lambda, l1Ratio: 0.5 })
          const scale = Math.max(...b.w.map(Math.abs))
          a.w.forEach((v, j) => expect(Math.abs(v - b.w[j]!) / scale).toBeLessThanOrEqual(1e-9))
          expect(Math.abs(a.objective - b.objective)).toBeLessThanOrEqual(1e-12 * b.objective)
        }
        expect(single.solve({ penalty: 'l2', lambda: 0, l1Ratio: 0.5 }).w).toEqual(first)
      } finally {
        path.dispose()
        single.dispose()
        problem.dispose()
      }
    }
  })
  it('a lasso whose active columns are dependent (4 nonzeros, centred rank 3) reaches a basic solution that meets KKT', () => {
    // scaled-columns' shrunk counterexample under CI's seed: with s·u ≈ 8e-7 for the null vector u of
    // the active columns, coordinate descent crawled along the flat valley for all 200,000 passes.
    const xTrain = [
      [0, 0.3393, 0.9995, -0.1262, -0.4003, 0, 0.9112, 0, 0],
      [0, -0.9889, -0.399, 0, 0.2613, 0, -0.4076, 0.7252, 0],
      [0, 0.9652, -0.8045, 0, 0.4641, 0, -0.583, 0, 0],
      [0, 0, -0.0317, 0.4999, -0.9887, 0, 0.4738, 0, 0],
    ]
    const yTrain = [2.3683113899999997, 0.3706971399999999, -1.36472507, 1.30482371]
    const data = { xTrain, yTrain, xTest: xTrain.slice(0, 2), yTest: yTrain.slice(0, 2) }
    for (const lambda of [1e-4, 1e-3, 1e-2]) {
      const ours = engine.solve({ data, lambda, penalty: 'l1', dtype: 'float64' })
      const { kkt, lambdaMax } = kktViolation(xTrain, yTrain, ours.w, lambda, 0)
      expect(ours.converged, `λ=${lambda}`).toBe(true)
      expect(kkt, `λ=${lambda}`).toBeLessThanOrEqual(1e-10 * lambdaMax)
      expect(ours.w.filter((v) => v !== 0).length, `λ=${lambda}`).toBeLessThanOrEqual(3)
    }
  })
})
