import { beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, createEngine, type Engine } from '../src/index.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

const xTrain = [[1, 2], [2, 1], [3, 4], [4, 3]]
const yTrain = [1, 2, 3, 4]

describe('caller data without a test set', () => {
  it('trains on every row; test losses are NaN and that is not a divergence', () => {
    const r = engine.train({ data: { xTrain, yTrain }, lr: 0.01, epochs: 10 })
    expect(r.config.nTest).toBe(0)
    expect(r.diverged).toBeNull()
    expect(r.testLoss).toBeNaN()
    expect(r.history).toHaveLength(2)
    expect(Number.isFinite(r.trainLoss)).toBe(true)
    // The same run with a test set has the same training bits.
    const withTest = engine.train({ data: { xTrain, yTrain, xTest: xTrain, yTest: yTrain }, lr: 0.01, epochs: 10 })
    expect(r.w).toEqual(withTest.w)
    expect(r.trainLoss).toBe(withTest.trainLoss)
  })

  it('solve and cv work without a test set', () => {
    expect(engine.solve({ data: { xTrain, yTrain }, lambda: 0.1 }).testLoss).toBeNaN()
    expect(engine.cv({ data: { xTrain, yTrain }, lambdas: [0.1], folds: 2 }).rows[0]!.mean).toBeGreaterThan(0)
  })

  it('xTest without yTest (or the reverse) is a ConfigError', () => {
    expect(() => engine.train({ data: { xTrain, yTrain, xTest: xTrain } })).toThrow(ConfigError)
    expect(() => engine.train({ data: { xTrain, yTrain, yTest: yTrain } })).toThrow(/data.xTest and data.yTest go together/)
  })
})
