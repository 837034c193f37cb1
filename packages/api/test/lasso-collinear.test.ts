// A lasso whose columns come in groups equal up to ~1e-9 (n = d = 31, λ = 3.3e-5) ran coordinate
// descent into its 200,000-pass cap with KKT 1.8e-11 against 7.1e-12, converged: false: the
// active-set step met three nearly identical active columns, and its null-space step picked
// which to drop at random (the L1 term is flat along their null vector). The minimizer keeps one
// of them, certified at 80 digits (fixtures/lasso_collinear.py).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CD_MAX_PASSES, createEngine } from '../dist/index.js'

const fixture = JSON.parse(readFileSync(new URL('./fixtures/lasso-collinear.json', import.meta.url), 'utf8')) as {
  x: number[][]
  y: number[]
  lambda: number
  reference: { w: number[]; objective: number; lambdaMax: number }
}

describe('lasso with nearly identical columns', () => {
  it('converges to the certified minimizer within the KKT tolerance', async () => {
    const engine = await createEngine()
    const r = engine.solve({ data: { xTrain: fixture.x, yTrain: fixture.y, xTest: fixture.x.slice(0, 1), yTest: fixture.y.slice(0, 1) }, dtype: 'float64', penalty: 'l1', lambda: fixture.lambda })
    const ref = fixture.reference
    expect(Math.abs(r.kktTolerance! - 1e-10 * ref.lambdaMax)).toBeLessThanOrEqual(1e-12 * r.kktTolerance!)
    expect(r.kkt!).toBeLessThanOrEqual(r.kktTolerance!)
    expect(r.converged).toBe(true)
    expect(r.passes).toBeLessThan(CD_MAX_PASSES / 100)
    // Objective to 1e-12 relative; the minimizer is unique (inactive |g_j| < λ strictly), so w too.
    expect(Math.abs(r.objective - ref.objective)).toBeLessThanOrEqual(1e-12 * ref.objective)
    const top = Math.max(...ref.w.map(Math.abs))
    r.w.forEach((v, j) => expect(Math.abs(v - ref.w[j]!), `w[${j}]`).toBeLessThanOrEqual(1e-9 * top))
  })
})
