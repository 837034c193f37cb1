import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'
import { meanLoss } from './linalg.js'
import { randomProblem } from './problems.js'

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)
const halfSquares = (y: Float64Array, yHat: Float64Array) => y.reduce((s, v, i) => s + 0.5 * (yHat[i]! - v) ** 2, 0) / y.length

describe('trainer.predictions', async () => {
  const engine = await createEngine()

  it('float64, caller data: ŷ = Xw + b of the current weights (to 1e-12), y as given, the mean baseline', () => {
    const p = randomProblem('predictions', 15, 8)
    const t = engine.trainer({ data: p, lambda: 0.1, dtype: 'float64', epochs: 7 })
    t.step()
    const { train, test, baseline } = t.predictions()
    const w = Array.from(t.weights())
    p.xTrain.forEach((row, i) => expect(relative(train.yHat[i]!, row.reduce((s, x, j) => s + x * w[j]!, t.b))).toBeLessThan(1e-12))
    expect(Array.from(train.y)).toEqual(p.yTrain)
    expect(Array.from(test.y)).toEqual(p.yTest)
    const yMean = p.yTrain.reduce((s, v) => s + v, 0) / p.yTrain.length
    expect(relative(baseline.yMean, yMean)).toBeLessThan(1e-12)
    const zeros = new Array<number>(8).fill(0)
    expect(relative(baseline.trainLoss, meanLoss(p.xTrain, p.yTrain, zeros, yMean))).toBeLessThan(1e-12)
    expect(relative(baseline.testLoss, meanLoss(p.xTest, p.yTest, zeros, yMean))).toBeLessThan(1e-12)
    t.dispose()
  })

  it('float32, seed data: the losses of the predictions are the run’s losses (to 1e-6, f32 sums)', () => {
    const t = engine.trainer({ lambda: 3 })
    t.step()
    const r = t.result()
    const { train, test } = t.predictions()
    expect(train.y).toHaveLength(20)
    expect(test.yHat).toHaveLength(100)
    expect(relative(halfSquares(train.y, train.yHat), r.trainLoss)).toBeLessThan(1e-5)
    expect(relative(halfSquares(test.y, test.yHat), r.testLoss)).toBeLessThan(1e-6)
    t.dispose()
    expect(() => t.predictions()).toThrow(/disposed/)
  })
})
