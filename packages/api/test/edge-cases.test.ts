// The documented edge cases (README, "Edge cases") and long-running memory behaviour.
import { describe, expect, it } from 'vitest'
import { createEngine, lambdaGrid } from '../dist/index.js'

describe('edge cases', async () => {
  const engine = await createEngine()

  it('batchSize > nTrain: one batch of all examples per epoch, the step still divided by batchSize', () => {
    const big = engine.train({ batchSize: 50, nTrain: 20, shuffle: false, dtype: 'float64', epochs: 3, evalEvery: 1 })
    // Same as batchSize = nTrain with lr scaled by nTrain / batchSize.
    const same = engine.train({ batchSize: 20, nTrain: 20, shuffle: false, dtype: 'float64', epochs: 3, evalEvery: 1, lr: (0.003 * 20) / 50 })
    big.w.forEach((wj, j) => expect(Math.abs(wj - same.w[j]!)).toBeLessThan(1e-15))
  })

  it('evalEvery > epochs: empty history, final losses still reported', () => {
    const r = engine.train({ epochs: 7, evalEvery: 10 })
    expect(r.history).toEqual([])
    expect(Number.isFinite(r.trainLoss) && Number.isFinite(r.testLoss)).toBe(true)
  })

  it('epochs = 0: no training; the initial parameters and their losses', () => {
    const r = engine.train({ epochs: 0, dtype: 'float64' })
    expect(r.history).toEqual([])
    expect(r.b).toBe(0)
    const later = engine.trainer({ dtype: 'float64' })
    expect(Array.from(later.weights())).toEqual(Array.from(r.w))
    later.dispose()
  })

  it('λ = 0 with l1 or elastic: plain SGD, and the minimum-norm least-squares optimum', () => {
    const l2 = engine.train({ lambda: 0, penalty: 'l2' })
    for (const penalty of ['l1', 'elastic'] as const) {
      expect(Array.from(engine.train({ lambda: 0, penalty }).w)).toEqual(Array.from(l2.w))
      const opt = engine.solve({ lambda: 0, penalty })
      expect(opt.method).toBe('closed-form')
      expect(opt.wNorm).toBe(engine.solve({ lambda: 0 }).wNorm)
    }
  })

  it('L1 gives exact zeros in the optimum', () => {
    const opt = engine.solve({ lambda: 0.05, penalty: 'l1' })
    const zeros = Array.from(opt.w).filter((v) => v === 0).length
    expect(zeros).toBeGreaterThan(150)
  })

  it('a divergent learning rate stops at the first non-finite epoch with a finite history', () => {
    const r = engine.train({ lr: 5, evalEvery: 1 })
    expect(r.diverged).not.toBeNull()
    expect(r.history.length).toBe(r.diverged!.epoch - 1)
    expect(r.history.every((p) => Number.isFinite(p.trainLoss) && Number.isFinite(p.testLoss))).toBe(true)
  })

  it('an onEval callback that throws leaves the engine usable and its memory freed', () => {
    const before = engine.memoryBytes
    expect(() =>
      engine.train({
        onEval: () => {
          throw new Error('stop')
        },
      }),
    ).toThrow('stop')
    expect(engine.train({ seed: 'x' }).wNorm).toBe(engine.train({ seed: 'x' }).wNorm)
    expect(engine.memoryBytes).toBe(before)
  })
})

describe('memory over tens of thousands of mixed operations in one engine', async () => {
  const engine = await createEngine()
  it('does not grow after the largest problem has been seen (20,000 operations)', () => {
    const shapes = [
      { numInputs: 200, nTrain: 20 },
      { numInputs: 50, nTrain: 300 },
      { numInputs: 400, nTrain: 40 },
    ]
    const lambdas = lambdaGrid({ min: 0.01, max: 10, count: 3 })
    const op = (i: number) => {
      const shape = shapes[i % shapes.length]!
      const base = { ...shape, epochs: 2, seed: i }
      switch (i % 5) {
        case 0:
          return engine.train(base)
        case 1:
          return engine.solve({ ...base, penalty: i % 2 ? 'l1' : 'l2', lambda: 0.1 })
        case 2:
          return engine.sweep({ ...base, lambdas, seeds: 1, nValid: 10 })
        case 3: {
          const t = engine.trainer(base)
          t.step(1)
          t.update({ lambda: 3 })
          t.step()
          return t.dispose()
        }
        default:
          return engine.trainSeeds(base, 2)
      }
    }
    for (let i = 0; i < 50; i++) op(i)
    const before = engine.memoryBytes
    for (let i = 0; i < 20_000; i++) op(i)
    expect(engine.memoryBytes).toBe(before)
  })
})
