import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'
import { loadGolden, relativeError } from './fixture.js'

// DESIGN.md and the fixture's README: 1e-9 for float64, 1e-3 for float32 (f32 summation order
// differs between implementations).
const TOLERANCE = { float64: 1e-9, float32: 1e-3 } as const

describe('golden replay of the seed code (shared/fixtures/seed-golden.json)', async () => {
  const golden = loadGolden()
  const engine = await createEngine()
  const c = golden.config

  for (const run of golden.runs) {
    it(`λ=${run.lambd} ${run.dtype}: every history value, ‖w‖ and b within ${TOLERANCE[run.dtype]}`, () => {
      const result = engine.train({
        data: { xTrain: golden.X_train, yTrain: golden.y_train, xTest: golden.X_test, yTest: golden.y_test },
        init: { w: golden.w0, b: golden.b0 },
        shuffle: false,
        dtype: run.dtype,
        lambda: run.lambd,
        batchSize: c.batch_size,
        epochs: c.num_epochs,
        lr: c.lr,
        evalEvery: c.eval_every,
      })
      expect(result.config.nTrain).toBe(c.n_train)
      expect(result.diverged).toBeNull()
      expect(result.history.map((p) => p.epoch)).toEqual(run.history.map((h) => h[0]))
      let worst = 0
      result.history.forEach((p, i) => {
        const [, train, test] = run.history[i]!
        worst = Math.max(worst, relativeError(p.trainLoss, train), relativeError(p.testLoss, test))
      })
      worst = Math.max(worst, relativeError(result.wNorm, run.w_norm), relativeError(result.b, run.b))
      console.log(`golden λ=${run.lambd} ${run.dtype}: worst relative error ${worst.toExponential(2)}`)
      expect(worst).toBeLessThanOrEqual(TOLERANCE[run.dtype])
    })
  }
})
