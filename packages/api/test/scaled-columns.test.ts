// Property: whatever the column scales (10^U(−8, 8)), the exact optimum's objective matches an
// independent f64 reference (ridge by Householder QR of the equilibrated augmented system) to
// 1e-9, and l1 / elastic results meet their KKT bound, checked in plain f64.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'
import { kktViolation, meanLoss, penalty, ridgeByQR } from './linalg.js'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150)
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : undefined
if (seed !== undefined) fc.configureGlobal({ seed })

/** A small problem whose column j is scaled by 10^exponents[j]. */
const problemArb = fc
  .record({ n: fc.integer({ min: 3, max: 25 }), d: fc.integer({ min: 1, max: 10 }) })
  .chain(({ n, d }) =>
    fc.record({
      // Entries on a grid of 1e-4 in [−1, 1] (no subnormals: the scales are the point here).
      x: fc.array(fc.array(fc.integer({ min: -10_000, max: 10_000 }).map((v) => v / 10_000), { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
      wTrue: fc.array(fc.integer({ min: -20_000, max: 20_000 }).map((v) => v / 10_000), { minLength: d, maxLength: d }),
      noise: fc.array(fc.integer({ min: -1000, max: 1000 }).map((v) => v / 10_000), { minLength: n, maxLength: n }),
      exponents: fc.array(fc.double({ min: -8, max: 8, noNaN: true }), { minLength: d, maxLength: d }),
    }),
  )
  .map(({ x, wTrue, noise, exponents }) => {
    const scales = exponents.map((e) => 10 ** e)
    const xTrain = x.map((r) => r.map((v, j) => v * scales[j]!))
    // Targets through unscaled weights, so every column matters at its own scale.
    const yTrain = x.map((r, i) => r.reduce((s, v, j) => s + v * wTrue[j]!, 0.7) + noise[i]!)
    return { xTrain, yTrain, xTest: xTrain.slice(0, 2), yTest: yTrain.slice(0, 2) }
  })

/** A bound on the f64 rounding of mean(½ r²): each r_i is off by at most δ_i ≈ 4ε·(|b| + Σ|x_ij·w_j| + |y_i|). */
function evaluationError(x: number[][], y: number[], w: ArrayLike<number>, b: number): number {
  let s = 0
  x.forEach((row, i) => {
    const r = row.reduce((a, v, j) => a + v * w[j]!, b) - y[i]!
    const delta = 4 * Number.EPSILON * row.reduce((a, v, j) => a + Math.abs(v * w[j]!), Math.abs(b) + Math.abs(y[i]!))
    s += Math.abs(r) * delta + delta * delta
  })
  return s / x.length
}

describe('exact optima with columns scaled by 10^U(−8, 8)', async () => {
  const engine = await createEngine()

  it(`l2: objective within 1e-9 of Householder QR's (${RUNS} problems)`, () => {
    fc.assert(
      fc.property(problemArb, fc.oneof(fc.constant(0), fc.double({ min: 1e-8, max: 10, noNaN: true })), (data, lambda) => {
        const n = data.xTrain.length
        const d = data.xTrain[0]!.length
        fc.pre(lambda > 0 || n > d + 1)
        const ours = engine.solve({ data, lambda, dtype: 'float64' })
        const ref = ridgeByQR(data.xTrain, data.yTrain, lambda)
        fc.pre(ref.w.every(Number.isFinite))
        const f = (w: ArrayLike<number>, b: number) => meanLoss(data.xTrain, data.yTrain, w, b) + penalty(w, 0, lambda)
        const mine = f(ours.w, ours.b)
        const theirs = f(ref.w, ref.b)
        const ym = data.yTrain.reduce((s, v) => s + v, 0) / n
        const nullLoss = data.yTrain.reduce((s, v) => s + 0.5 * (v - ym) ** 2, 0) / n
        // Ours is never worse than QR's beyond the tolerance (it may be better: QR is accurate
        // only to κ·ε), up to the rounding of evaluating both objectives in f64.
        const rounding = evaluationError(data.xTrain, data.yTrain, ours.w, ours.b) + evaluationError(data.xTrain, data.yTrain, ref.w, ref.b)
        expect(mine - theirs).toBeLessThanOrEqual(1e-9 * theirs + 1e-12 * nullLoss + rounding)
      }),
      { numRuns: RUNS },
    )
  })

  it(`l1 and elastic: converged with KKT ≤ 1e-10 × λmax, checked in plain f64 (${Math.ceil(RUNS / 3)} problems)`, () => {
    fc.assert(
      fc.property(problemArb, fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.constantFrom(1, 0.5, 0.1), (data, lambda, rho) => {
        const ours = engine.solve({ data, lambda, penalty: rho === 1 ? 'l1' : 'elastic', l1Ratio: rho, dtype: 'float64' })
        const { kkt, lambdaMax } = kktViolation(data.xTrain, data.yTrain, ours.w, rho * lambda, (1 - rho) * lambda)
        expect(ours.converged).toBe(true)
        expect(kkt).toBeLessThanOrEqual(1e-10 * lambdaMax * (1 + 1e-6) + 1e-300)
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })
})
