// Agreement with scikit-learn on the diabetes data (data/diabetes.csv); figures made by
// scripts/sklearn-fixtures.py and committed in data/sklearn-fixtures.json.
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine, type Penalty } from '../src/index.js'

interface CvFixtureRow { lambda: number; mean: number; se: number }
const fixture = JSON.parse(readFileSync(new URL('../../../data/sklearn-fixtures.json', import.meta.url), 'utf8')) as {
  solves: { penalty: Penalty; lambda: number; l1Ratio: number; w: number[]; b: number; trainLoss: number }[]
  loo: { lambdas: number[]; rows: CvFixtureRow[]; best: number }
  kfold: { folds: number[]; l2: CvFixtureRow[]; l1: CvFixtureRow[] }
}
const lines = readFileSync(new URL('../../../data/diabetes.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)
const table = lines.map((l) => l.split(',').map(Number))
const x = table.map((r) => r.slice(0, -1))
const y = table.map((r) => r.at(-1)!)
const data = { xTrain: x, yTrain: y, xTest: x, yTest: y }

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

/** Relative error against a reference, with an absolute floor for values near 0. */
const err = (a: number, b: number, floor = 1e-9) => Math.abs(a - b) / Math.max(Math.abs(b), floor)

describe('agreement with scikit-learn (diabetes, 442 × 10, float64)', () => {
  // Measured: ≤ 6e-15 (l2), ≤ 3e-14 (l1, elastic). The closed form and sklearn's SVD agree to
  // rounding; coordinate descent to its stopping tolerance, with room for solver changes.
  const TOL = { l2: 1e-12, l1: 1e-9, elastic: 1e-9 }
  for (const s of fixture.solves) {
    it(`StandardScaler + ${s.penalty} at λ = ${s.lambda}: w and b in original units`, () => {
      const r = engine.solve({ data, standardize: true, dtype: 'float64', penalty: s.penalty, lambda: s.lambda, l1Ratio: s.l1Ratio })
      const scale = Math.max(...s.w.map(Math.abs))
      s.w.forEach((w, j) => expect(Math.abs(r.w[j]! - w) / scale).toBeLessThan(TOL[s.penalty]))
      expect(err(r.b, s.b)).toBeLessThan(TOL[s.penalty])
      expect(err(r.trainLoss, s.trainLoss)).toBeLessThan(1e-10)
      if (s.penalty !== 'l2') {
        // The same coefficients are exactly zero.
        expect([...r.w].map((v) => v === 0)).toEqual(s.w.map((v) => v === 0))
      }
    })
  }

  it('exact LOO (l2) equals RidgeCV’s efficient LOO on standardized features, mean and SE', () => {
    const r = engine.cv({ data, standardize: true, dtype: 'float64', lambdas: fixture.loo.lambdas, folds: 'loo' })
    expect(r.config.method).toBe('exact-loo')
    r.rows.forEach((row, i) => {
      expect(err(row.mean, fixture.loo.rows[i]!.mean)).toBeLessThan(1e-12)
      expect(err(row.se, fixture.loo.rows[i]!.se)).toBeLessThan(1e-12)
    })
    expect(r.best!.min).toBe(fixture.loo.best)
  })

  for (const penalty of ['l2', 'l1'] as const) {
    it(`5-fold CV (${penalty}, fold ids i mod 5, scaler per fold) equals a scikit-learn pipeline`, () => {
      const rows = fixture.kfold[penalty]
      const r = engine.cv({ data, standardize: true, dtype: 'float64', penalty, lambdas: rows.map((q) => q.lambda), folds: fixture.kfold.folds })
      r.rows.forEach((row, i) => {
        expect(err(row.mean, rows[i]!.mean)).toBeLessThan(penalty === 'l2' ? 1e-12 : 1e-9)
        expect(err(row.se, rows[i]!.se)).toBeLessThan(penalty === 'l2' ? 1e-12 : 1e-9)
      })
    })
  }

  it('k-fold with K = n equals exact LOO for l2 when nothing is standardized', () => {
    const lambdas = [0.001, 0.1]
    const small = { xTrain: x.slice(0, 40), yTrain: y.slice(0, 40), xTest: x.slice(0, 1), yTest: y.slice(0, 1) }
    const loo = engine.cv({ data: small, dtype: 'float64', lambdas, folds: 'loo' })
    const byFolds = engine.cv({ data: small, dtype: 'float64', lambdas, folds: 40 })
    loo.rows.forEach((row, i) => {
      expect(err(row.mean, byFolds.rows[i]!.mean)).toBeLessThan(1e-9)
      expect(err(row.se, byFolds.rows[i]!.se)).toBeLessThan(1e-7)
    })
  })
})
