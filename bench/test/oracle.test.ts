import seedrandom from 'seedrandom'
import { describe, expect, it } from 'vitest'
import { createEngine } from '@weight-decay/api'
import { trainPlain } from '../src/plain.js'

// The plain TypeScript loop is a second, independent oracle for the engine: fed the same data
// and initial weights without shuffling, both must agree in float64 to this relative error.
const TOLERANCE = 1e-9

const relativeError = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300)

function vectorError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0
  let norm = 0
  for (let i = 0; i < a.length; i++) {
    diff += (a[i]! - b[i]!) ** 2
    norm += b[i]! ** 2
  }
  return Math.sqrt(diff / norm)
}

function problem(seed: string, d: number, nTrain: number, nTest: number) {
  const rand = seedrandom.xor4096(seed)
  const normal = () => Math.sqrt(-2 * Math.log(rand.double())) * Math.cos(2 * Math.PI * rand.double())
  const matrix = (rows: number) => Float64Array.from({ length: rows * d }, normal)
  const labels = (x: Float64Array, rows: number) =>
    Float64Array.from({ length: rows }, (_, r) => x.subarray(r * d, (r + 1) * d).reduce((s, v) => s + 0.01 * v, 0.05) + 0.01 * normal())
  const xTrain = matrix(nTrain)
  const xTest = matrix(nTest)
  return {
    data: { xTrain, yTrain: labels(xTrain, nTrain), xTest, yTest: labels(xTest, nTest) },
    init: { w: Float64Array.from({ length: d }, normal), b: 0 },
  }
}

describe('the engine agrees with the plain TypeScript loop (float64, same data and init, no shuffling)', async () => {
  const engine = await createEngine()
  const cases = [
    { d: 200, nTrain: 20, nTest: 100, batchSize: 5, lambda: 0 },
    { d: 200, nTrain: 20, nTest: 100, batchSize: 5, lambda: 3 },
    { d: 200, nTrain: 22, nTest: 100, batchSize: 5, lambda: 10 },
    { d: 13, nTrain: 31, nTest: 7, batchSize: 7, lambda: 0.5 },
    { d: 67, nTrain: 40, nTest: 9, batchSize: 9, lambda: 1 },
  ]
  for (const c of cases) {
    it(`d=${c.d}, nTrain=${c.nTrain}, batch ${c.batchSize}, λ=${c.lambda}: history, w, b and ‖w‖ within ${TOLERANCE}`, () => {
      const { data, init } = problem(`oracle-${c.d}-${c.nTrain}-${c.lambda}`, c.d, c.nTrain, c.nTest)
      const settings = { batchSize: c.batchSize, lambda: c.lambda, epochs: 100, lr: 0.003, evalEvery: 5, shuffle: false, dtype: 'float64' as const }
      const ours = engine.train({ ...settings, numInputs: c.d, data, init })
      const plain = trainPlain({ ...settings, numInputs: c.d }, data, init)
      expect(ours.history.map((p) => p.epoch)).toEqual(plain.history.map((p) => p.epoch))
      let worst = 0
      ours.history.forEach((p, i) => {
        worst = Math.max(worst, relativeError(p.trainLoss, plain.history[i]!.trainLoss), relativeError(p.testLoss, plain.history[i]!.testLoss))
      })
      worst = Math.max(worst, vectorError(ours.w, plain.w), relativeError(ours.b, plain.b), relativeError(ours.wNorm, plain.wNorm))
      expect(worst).toBeLessThanOrEqual(TOLERANCE)
    })
  }
})
