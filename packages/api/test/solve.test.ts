import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'
import { fista, meanLoss, penalty, ridgeByNormalEquations } from './linalg.js'
import { randomProblem } from './problems.js'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

describe('engine.solve', async () => {
  const engine = await createEngine()

  // Both sides of the primal/dual switch (d ≤ n: d×d system; d > n: n×n system).
  const shapes = [
    { nTrain: 30, d: 6 },
    { nTrain: 12, d: 12 },
    { nTrain: 9, d: 25 },
    { nTrain: 20, d: 200 },
  ]
  for (const { nTrain, d } of shapes) {
    for (const lambda of [1e-3, 0.1, 3]) {
      it(`l2, n=${nTrain} d=${d} λ=${lambda}: matches the normal equations on [X 1] (objective to 1e-8, w to 1e-7)`, () => {
        const p = randomProblem(`ridge-${nTrain}-${d}-${lambda}`, nTrain, d)
        const ours = engine.solve({ data: p, lambda, dtype: 'float64' })
        const ref = ridgeByNormalEquations(p.xTrain, p.yTrain, lambda)
        const refObjective = meanLoss(p.xTrain, p.yTrain, ref.w, ref.b) + penalty(ref.w, 0, lambda)
        expect(ours.method).toBe('closed-form')
        expect(relative(ours.objective, refObjective)).toBeLessThan(1e-8)
        const scale = Math.max(...ref.w.map(Math.abs))
        ours.w.forEach((wj, j) => expect(Math.abs(wj - ref.w[j]!) / scale).toBeLessThan(1e-7))
        expect(Math.abs(ours.b - ref.b)).toBeLessThan(1e-7 * Math.max(1, Math.abs(ref.b)))
        expect(relative(ours.testLoss, meanLoss(p.xTest, p.yTest, ref.w, ref.b))).toBeLessThan(1e-7)
      })
    }
  }

  it('l2 with λ = 0 and d < n is ordinary least squares', () => {
    const p = randomProblem('ols', 40, 5)
    const ours = engine.solve({ data: p, lambda: 0, dtype: 'float64' })
    const ref = ridgeByNormalEquations(p.xTrain, p.yTrain, 0)
    ours.w.forEach((wj, j) => expect(Math.abs(wj - ref.w[j]!)).toBeLessThan(1e-10))
  })

  it('l2 with λ = 0 and d > n interpolates with the minimum-norm weights (the λ → 0 limit)', () => {
    const p = randomProblem('min-norm', 10, 30)
    const ours = engine.solve({ data: p, lambda: 0, dtype: 'float64' })
    expect(ours.trainLoss).toBeLessThan(1e-20)
    const nearZero = ridgeByNormalEquations(p.xTrain, p.yTrain, 1e-9)
    ours.w.forEach((wj, j) => expect(Math.abs(wj - nearZero.w[j]!)).toBeLessThan(1e-6))
  })

  for (const [penaltyName, l1Ratio] of [['l1', 1], ['elastic', 0.5], ['elastic', 0.9]] as const) {
    for (const { nTrain, d } of [{ nTrain: 30, d: 8 }, { nTrain: 10, d: 20 }]) {
      for (const lambda of [0.01, 0.1]) {
        it(`${penaltyName} ρ=${l1Ratio}, n=${nTrain} d=${d} λ=${lambda}: objective within 1e-6 of FISTA's, and the KKT conditions hold`, () => {
          const p = randomProblem(`cd-${penaltyName}-${l1Ratio}-${nTrain}-${d}-${lambda}`, nTrain, d)
          const ours = engine.solve({ data: p, lambda, penalty: penaltyName, l1Ratio, dtype: 'float64' })
          const lambda1 = penaltyName === 'l1' ? lambda : l1Ratio * lambda
          const lambda2 = penaltyName === 'l1' ? 0 : (1 - l1Ratio) * lambda
          expect(ours.method).toBe('coordinate-descent')
          expect(ours.converged).toBe(true)
          const ref = fista(p.xTrain, p.yTrain, lambda1, lambda2, 20_000)
          const refObjective = meanLoss(p.xTrain, p.yTrain, ref.w, ref.b) + penalty(ref.w, lambda1, lambda2)
          // Ours is the minimizer: not above FISTA's value (up to f64 evaluation rounding), and FISTA's converges to it.
          expect(ours.objective).toBeLessThanOrEqual(refObjective * (1 + 1e-12))
          expect(relative(ours.objective, refObjective)).toBeLessThan(1e-6)
          // KKT: g_j = Xᵀr/n; |g_j| ≤ λ1 where w_j = 0, else g_j = λ1·sign(w_j) + λ2·w_j.
          const r = p.xTrain.map((row, i) => p.yTrain[i]! - row.reduce((s, v, j) => s + v * ours.w[j]!, ours.b))
          expect(Math.abs(r.reduce((s, v) => s + v, 0) / nTrain)).toBeLessThan(1e-9)
          let zeros = 0
          for (let j = 0; j < d; j++) {
            const g = p.xTrain.reduce((s, row, i) => s + row[j]! * r[i]!, 0) / nTrain
            const wj = ours.w[j]!
            if (wj === 0) {
              zeros++
              expect(Math.abs(g)).toBeLessThanOrEqual(lambda1 * (1 + 1e-6))
            } else {
              expect(Math.abs(g - (lambda1 * Math.sign(wj) + lambda2 * wj))).toBeLessThan(1e-6 * lambda1)
            }
          }
          if (penaltyName === 'l1' && d > nTrain) expect(zeros).toBeGreaterThanOrEqual(d - nTrain)
        })
      }
    }
  }

  it('SGD with a tiny lr, full batch and many epochs approaches the optimum (l2)', () => {
    const config = { numInputs: 10, nTrain: 50, nTest: 20, lambda: 0.1, dtype: 'float64' as const, seed: 'gd' }
    const optimum = engine.solve(config)
    const sgd = engine.train({ ...config, batchSize: 50, shuffle: false, lr: 0.05, epochs: 20_000, evalEvery: 20_000 })
    const distance = Math.hypot(...sgd.w.map((wj, j) => wj - optimum.w[j]!))
    expect(distance / optimum.wNorm).toBeLessThan(1e-8)
    // Never below the minimum, up to the rounding of evaluating both objectives in f64.
    expect(sgd.objective).toBeGreaterThanOrEqual(optimum.objective * (1 - 1e-14))
    expect(relative(sgd.objective, optimum.objective)).toBeLessThan(1e-12)
  })

  it("the optimum's objective is below SGD's on the seed experiment, for every penalty", () => {
    for (const penaltyName of ['l2', 'l1', 'elastic'] as const) {
      const config = { lambda: 0.5, penalty: penaltyName, seed: 'compare' }
      expect(engine.solve(config).objective).toBeLessThan(engine.train(config).objective)
    }
  })

  it('solves on the same training data that train() uses (float32 data rounded as SGD sees it)', () => {
    const a = engine.solve({ seed: 's', lambda: 1 })
    const b = engine.solve({ seed: 's', lambda: 1, dtype: 'float64' })
    expect(a.wNorm).not.toBe(b.wNorm)
    expect(relative(a.wNorm, b.wNorm)).toBeLessThan(1e-5)
  })
})
