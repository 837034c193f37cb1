// The checks every certified lasso / elastic-net fixture shares: solve it as a caller's data and
// hold the answer to its reference (issue 11's KKT bound, a converged flag, a small pass count,
// the objective to 1e-12 relative). Each test adds its own checks on w.
import { expect } from 'vitest'
import { CD_MAX_PASSES, createEngine, type SolveResult } from '../dist/index.js'

/** A fixture's data and the parts of its reference every check reads. */
export interface CertifiedCase {
  x: number[][]
  y: number[]
  reference: { objective: number; lambdaMax: number }
}

/** Solves the fixture (training data = all of it) and checks it against its certified reference. */
export async function solveCertified(c: CertifiedCase, penalty: 'l1' | 'elastic', lambda: number, l1Ratio?: number): Promise<SolveResult> {
  const engine = await createEngine()
  const r = engine.solve({ data: { xTrain: c.x, yTrain: c.y, xTest: c.x.slice(0, 1), yTest: c.y.slice(0, 1) }, dtype: 'float64', penalty, lambda, ...(l1Ratio === undefined ? {} : { l1Ratio }) })
  const ref = c.reference
  expect(Math.abs(r.kktTolerance! - 1e-10 * ref.lambdaMax)).toBeLessThanOrEqual(1e-12 * r.kktTolerance!)
  expect(r.kkt!).toBeLessThanOrEqual(r.kktTolerance!)
  expect(r.converged).toBe(true)
  expect(r.passes).toBeLessThan(CD_MAX_PASSES / 100)
  expect(Math.abs(r.objective - ref.objective)).toBeLessThanOrEqual(1e-12 * ref.objective)
  return r
}
