// A pure lasso with more features than examples at a tiny λ (d = 400, n = 100, λ = 1e-6) ran
// coordinate descent into its 200,000-pass cap with KKT 6.0e-9 against 7.3e-12 (the seed
// experiment's data, seed 1), converged: false. Near the minimizer the active list is full
// (rank Xc = n − 1 nonzeros), so each round of the active-set step could take only one violator
// and a null step dropped another: it added the first violator in index order, and those
// exchanges used up its 24 rounds at every try. The most violating one enters now, and exchanges
// have their own bound (entering.ts). References from LassoLars's support, certified at 80 digits
// (fixtures/lasso_tiny.py).
//
// With exact copies of columns (d = 200: 50 columns four times, n = 50, λ = 1e-8) a copy of an
// active column violated its bound at rounding level (|g_j| = λ·(1 + 1.2e-9)); the exchange took
// it in and its null step dropped it again at once, until the exchanges ran out (the pass cap, KKT
// 500× the bound, before and after the change above). Such an exchange now raises the bound.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CD_MAX_PASSES, createEngine } from '../dist/index.js'
import { solveCertified } from './certified.js'

const fixture = JSON.parse(readFileSync(new URL('./fixtures/lasso-tiny.json', import.meta.url), 'utf8')) as {
  x: number[][]
  y: number[]
  cases: { lambda: number; reference: { w: number[]; objective: number; lambdaMax: number; nonzeros: number } }[]
}

describe('pure lasso with d > n at a tiny λ', () => {
  it.each(fixture.cases)('converges to the certified minimizer within the KKT tolerance (λ = $lambda)', async ({ lambda, reference: ref }) => {
    expect(fixture.x[0]!.length).toBeGreaterThan(fixture.x.length)
    const r = await solveCertified({ x: fixture.x, y: fixture.y, reference: ref }, 'l1', lambda)
    // The minimizer is unique (independent active columns, inactive |g_j| < λ strictly), so w too.
    expect(r.w.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0)).toBe(ref.nonzeros)
    const top = Math.max(...ref.w.map(Math.abs))
    r.w.forEach((v, j) => expect(Math.abs(v - ref.w[j]!), `w[${j}]`).toBeLessThanOrEqual(1e-9 * top))
  })

  // The seed experiment's data (no reference: the KKT bound itself certifies the minimizer).
  it.each([
    [400, 100, 1e-6, 1],
    [400, 100, 1e-8, 2],
    [200, 100, 1e-6, 1],
    [200, 50, 1e-8, 1],
  ])('meets the KKT bound on synthetic data (d = %i, n = %i, λ = %s, seed %i)', async (numInputs, nTrain, lambda, seed) => {
    const engine = await createEngine()
    const r = engine.solve({ numInputs, nTrain, nTest: 10, dtype: 'float64', penalty: 'l1', lambda, seed })
    expect(r.kkt!).toBeLessThanOrEqual(r.kktTolerance!)
    expect(r.converged).toBe(true)
    expect(r.passes).toBeLessThan(CD_MAX_PASSES / 100)
  })
})

const copies = JSON.parse(readFileSync(new URL('./fixtures/lasso-copies.json', import.meta.url), 'utf8')) as {
  x: number[][]
  y: number[]
  cases: { lambda: number; copies: number; reference: { groupW: number[]; objective: number; lambdaMax: number } }[]
}

describe('pure lasso with d > n and exact copies of columns at a tiny λ', () => {
  it.each(copies.cases)('converges to a certified minimizer within the KKT tolerance (λ = $lambda)', async ({ lambda, copies: c, reference: ref }) => {
    const r = await solveCertified({ x: copies.x, y: copies.y, reference: ref }, 'l1', lambda)
    // Copies may share a weight, but each group's sum is the unique minimizer on distinct columns.
    const top = Math.max(...ref.groupW.map(Math.abs))
    ref.groupW.forEach((v, g) => {
      const sum = Array.from(r.w.subarray(g * c, (g + 1) * c)).reduce((s, u) => s + u, 0)
      expect(Math.abs(sum - v), `group ${g}`).toBeLessThanOrEqual(1e-9 * top)
    })
  })
})
