// The optimizer keys go wherever a config goes: sweep, trainSeeds and the worker pool.
import { afterAll, describe, expect, it } from 'vitest'
import { createEngine, createWorkerPool, type TrainOptions, type TrainResult } from '../dist/index.js'

const ADAMW: TrainOptions = { optimizer: 'adam', lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-7, decay: 'decoupled', schedule: 'cosine', epochs: 30, seed: 'o' }
const NESTEROV: TrainOptions = { momentum: 0.9, nesterov: true, decay: 'independent', epochs: 30, seed: 'o', dtype: 'float64' }

const plain = (r: TrainResult) => JSON.parse(JSON.stringify({ ...r, w: Array.from(r.w), timing: undefined })) as unknown

describe('optimizer keys in sweep, trainSeeds and the pool', async () => {
  const engine = await createEngine()
  const pool = await createWorkerPool({ size: 2 })
  afterAll(() => pool.terminate())

  for (const config of [ADAMW, NESTEROV]) {
    const name = config.optimizer ?? 'sgd'
    it(`${name}: a one-seed sweep row is train at that λ, bit for bit, in the engine and the pool`, async () => {
      const options = { ...config, lambdas: [0, 0.01, 1], seeds: ['o'], nValid: 0 }
      const rows = engine.sweep(options).rows
      const pooled = await pool.sweep(options)
      expect(pooled.rows).toEqual(rows)
      expect(pooled.config).toEqual(engine.train(config).config)
      rows.forEach((row, i) => {
        const r = engine.train({ ...config, lambda: options.lambdas[i] })
        expect(row.testLoss!.mean).toBe(r.testLoss)
        expect(row.wNorm!.mean).toBe(r.wNorm)
      })
    })

    it(`${name}: pool.train and trainSeeds equal the engine's`, async () => {
      expect(plain(await pool.train(config))).toEqual(plain(engine.train(config)))
      expect(await pool.trainSeeds(config, 3)).toEqual(engine.trainSeeds(config, 3))
      const seeds = engine.trainSeeds(config, 2)
      expect(seeds.testLoss!.mean).toBe((engine.train(config).testLoss + engine.train({ ...config, seed: 'o#1' }).testLoss) / 2)
    })
  }

  it('the pool reports ConfigErrors for bad optimizer settings', async () => {
    await expect(pool.train({ nesterov: true })).rejects.toThrow(/nesterov needs momentum greater than 0/)
  })
})
