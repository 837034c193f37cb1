// A lasso whose columns come in groups equal up to ~1e-9 (n = d = 31, λ = 3.3e-5) ran coordinate
// descent into its 200,000-pass cap with KKT 1.8e-11 against 7.1e-12, converged: false: the
// active-set step met three nearly identical active columns, and its null-space step picked
// which to drop at random (the L1 term is flat along their null vector). The minimizer keeps one
// of them, certified at 80 digits (fixtures/lasso_collinear.py).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { solveCertified } from './certified.js'

const fixture = JSON.parse(readFileSync(new URL('./fixtures/lasso-collinear.json', import.meta.url), 'utf8')) as {
  x: number[][]
  y: number[]
  lambda: number
  reference: { w: number[]; objective: number; lambdaMax: number }
}

describe('lasso with nearly identical columns', () => {
  it('converges to the certified minimizer within the KKT tolerance', async () => {
    const ref = fixture.reference
    const r = await solveCertified(fixture, 'l1', fixture.lambda)
    // The minimizer is unique (inactive |g_j| < λ strictly), so w too.
    const top = Math.max(...ref.w.map(Math.abs))
    r.w.forEach((v, j) => expect(Math.abs(v - ref.w[j]!), `w[${j}]`).toBeLessThanOrEqual(1e-9 * top))
  })
})
