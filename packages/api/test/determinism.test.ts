import { describe, expect, it } from 'vitest'
import { createEngine, type TrainResult } from '../dist/index.js'

/** Every number of a result, for bit-for-bit comparison (Object.is distinguishes -0 and NaN). */
function numbers(r: TrainResult): number[] {
  return [...r.history.flatMap((p) => [p.epoch, p.trainLoss, p.testLoss]), ...r.w, r.b, r.wNorm, r.trainLoss, r.testLoss]
}
function sameBits(a: TrainResult, b: TrainResult): boolean {
  const x = numbers(a)
  const y = numbers(b)
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]))
}

describe('determinism', async () => {
  const engine = await createEngine()

  for (const dtype of ['float32', 'float64'] as const) {
    it(`same config and seed give identical bits (${dtype})`, () => {
      const a = engine.train({ lambda: 3, seed: 'same', dtype })
      const b = engine.train({ lambda: 3, seed: 'same', dtype })
      expect(sameBits(a, b)).toBe(true)
    })
  }

  it('different seeds give different results', () => {
    const a = engine.train({ seed: 1 })
    const b = engine.train({ seed: 2 })
    const c = engine.train({ seed: '1' })
    expect(a.wNorm).not.toBe(b.wNorm)
    // The integer 1 and the string '1' seed differently, as in seedrandom.
    expect(a.wNorm).not.toBe(c.wNorm)
  })

  it('many runs on one engine give what a fresh engine gives', async () => {
    const configs = [
      { lambda: 0, seed: 'a' },
      { lambda: 10, seed: 'b', dtype: 'float64' as const },
      { lambda: 3, seed: 7, batchSize: 3, numInputs: 50, nTrain: 31 },
      { lambda: 1, seed: 'c', penalty: 'l1' as const },
    ]
    for (let i = 0; i < 50; i++) engine.train({ seed: i, numInputs: 20 + i, nTrain: 10 + i })
    for (const config of configs) {
      const fresh = await createEngine()
      expect(sameBits(engine.train(config), fresh.train(config))).toBe(true)
    }
  })

  it('engines share no state: interleaved trainers give what separate runs give', async () => {
    const other = await createEngine()
    const t1 = engine.trainer({ seed: 'x', lambda: 3 })
    const t2 = other.trainer({ seed: 'y', lambda: 3 })
    const t3 = engine.trainer({ seed: 'y', lambda: 3 })
    for (let e = 0; e < 100; e += 7) {
      t1.step(7)
      t2.step(7)
      t3.step(7)
    }
    expect(sameBits(t1.result(), engine.train({ seed: 'x', lambda: 3 }))).toBe(true)
    expect(sameBits(t2.result(), engine.train({ seed: 'y', lambda: 3 }))).toBe(true)
    expect(sameBits(t3.result(), t2.result())).toBe(true)
    for (const t of [t1, t2, t3]) t.dispose()
  })

  it('wasm memory does not grow over 10,000 runs', () => {
    const warm = { seed: 0, lambda: 3, epochs: 5 }
    engine.train(warm)
    const before = engine.memoryBytes
    for (let i = 0; i < 10_000; i++) engine.train({ ...warm, seed: i })
    expect(engine.memoryBytes).toBe(before)
  })
})
