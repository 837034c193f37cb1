import { afterAll, describe, expect, it } from 'vitest'
import { AbortError, ConfigError, createEngine, createWorkerPool, lambdaGrid } from '../dist/index.js'
import { randomProblem } from './problems.js'

describe('engine.sweep', async () => {
  const engine = await createEngine()
  const lambdas = lambdaGrid({ min: 1e-3, max: 100, count: 16, includeZero: true })
  const result = engine.sweep({ lambdas, seeds: 4 })

  it('has one row per λ, in order, with spreads ordered p10 ≤ mean-ish ≤ p90', () => {
    expect(result.rows.map((r) => r.lambda)).toEqual(lambdas)
    for (const row of result.rows) {
      for (const s of [row.trainLoss, row.testLoss, row.wNorm, row.validLoss]) {
        expect(s).not.toBeNull()
        expect(s!.p10).toBeLessThanOrEqual(s!.p90)
      }
    }
  })

  it("the optimum's ‖w‖ does not increase with λ", () => {
    const norms = result.rows.map((r) => r.optimum.wNorm)
    for (let i = 1; i < norms.length; i++) expect(norms[i]!).toBeLessThanOrEqual(norms[i - 1]! * (1 + 1e-12))
  })

  it('best is one of the given λ and has the lowest mean validation loss', () => {
    expect(result.best).not.toBeNull()
    expect(lambdas).toContain(result.best!.lambda)
    expect(result.best!.by).toBe('validation')
    const lowest = Math.min(...result.rows.map((r) => r.validLoss!.mean))
    expect(result.rows.find((r) => r.lambda === result.best!.lambda)!.validLoss!.mean).toBe(lowest)
  })

  it("one seed's row equals train() at that seed and λ, bit for bit (common random numbers; validation drawn after)", () => {
    const single = engine.sweep({ lambdas: [0, 3, 10], seeds: ['crn'] })
    for (const row of single.rows) {
      const run = engine.train({ lambda: row.lambda, seed: 'crn' })
      expect(row.wNorm!.mean).toBe(run.wNorm)
      expect(row.trainLoss!.mean).toBe(run.trainLoss)
      expect(row.testLoss!.mean).toBe(run.testLoss)
      expect(row.optimum.wNorm).toBe(engine.solve({ lambda: row.lambda, seed: 'crn' }).wNorm)
    }
  })

  it('works on caller data, holding out a seeded validFraction of the training rows', () => {
    const data = randomProblem('sweep-data', 40, 8, 20)
    const a = engine.sweep({ data, lambdas: [0.01, 0.1, 1], seeds: 3, validFraction: 0.25, dtype: 'float64' })
    const b = engine.sweep({ data, lambdas: [0.01, 0.1, 1], seeds: 3, validFraction: 0.25, dtype: 'float64' })
    expect(a).toEqual(b)
    expect(a.rows[0]!.validLoss).toBeDefined()
    expect(a.best).not.toBeNull()
    const none = engine.sweep({ data, lambdas: [0.1], seeds: 1, validFraction: 0 })
    expect(none.best).toBeNull()
    expect(none.rows[0]!.validLoss).toBeUndefined()
  })

  it('counts diverged seeds and leaves them out of the spreads', () => {
    const s = engine.sweep({ lambdas: [1, 5000], seeds: 2, epochs: 10 })
    expect(s.rows[0]!.diverged).toBe(0)
    expect(s.rows[1]!.diverged).toBe(2)
    expect(s.rows[1]!.wNorm).toBeNull()
    expect(s.best!.lambda).toBe(1)
  })

  it('rejects bad sweep input with ConfigError naming the key', () => {
    const cases: [unknown, string][] = [
      [{ lambdas: [] }, 'lambdas'],
      [{ lambdas: [1, -1] }, 'lambdas[1]'],
      [{ lambdas: [1], seeds: 0 }, 'seeds'],
      [{ lambdas: [1], seeds: [] }, 'seeds'],
      [{ lambdas: [1], seeds: [1.5] }, 'seeds[0]'],
      [{ lambdas: [1], nValid: -1 }, 'nValid'],
      [{ lambdas: [1], validFraction: 0.2 }, 'validFraction'],
      [{ lambdas: [1], onEval: () => {} }, 'onEval'],
      [{ lambdas: [1], nTrain: 16_000, numInputs: 16_000, penalty: 'l1' }, 'nTrain'],
      [{ lambdas: [1], lamdbas: [2] }, 'lamdbas'],
    ]
    for (const [options, key] of cases) {
      expect(() => engine.sweep(options as never), JSON.stringify(options)).toThrow(ConfigError)
      try {
        engine.sweep(options as never)
      } catch (error) {
        expect((error as InstanceType<typeof ConfigError>).key).toBe(key)
      }
    }
  })
})

describe('engine.trainSeeds', async () => {
  const engine = await createEngine()
  it("aggregates the seeds' runs per epoch and at the end", () => {
    const s = engine.trainSeeds({ lambda: 3 }, 5)
    const runs = s.seeds.map((seed) => engine.train({ lambda: 3, seed }))
    expect(s.seeds).toHaveLength(5)
    expect(s.seeds[0]).toBe('weight-decay')
    expect(s.history.map((p) => p.epoch)).toEqual(runs[0]!.history.map((p) => p.epoch))
    const finalTest = runs.map((r) => r.testLoss)
    expect(s.testLoss!.mean).toBeCloseTo(finalTest.reduce((a, b) => a + b) / 5, 15)
    expect(s.wNorm!.p10).toBeGreaterThanOrEqual(Math.min(...runs.map((r) => r.wNorm)))
    expect(s.wNorm!.p90).toBeLessThanOrEqual(Math.max(...runs.map((r) => r.wNorm)))
    expect(s.history.at(-1)!.runs).toBe(5)
  })
})

describe('lambdaGrid', () => {
  it('makes log and linear grids that land on the end points', () => {
    expect(lambdaGrid({ min: 1e-3, max: 10, count: 5 })).toEqual([0.001, 0.01, 0.1, 1, 10])
    expect(lambdaGrid({ min: 0, max: 1, count: 5, scale: 'linear' })).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(lambdaGrid({ min: 0.1, max: 10, count: 3, includeZero: true })).toEqual([0, 0.1, 1, 10])
    expect(lambdaGrid({ min: 2, max: 2, count: 1 })).toEqual([2])
  })
  it('rejects impossible grids', () => {
    expect(() => lambdaGrid({ min: 0, max: 1, count: 3 })).toThrow(/min must be a finite number greater than 0/)
    expect(() => lambdaGrid({ min: 2, max: 1, count: 3 })).toThrow(/max must be/)
    expect(() => lambdaGrid({ min: 1, max: 2, count: 1 })).toThrow(/count must be at least 2/)
    expect(() => lambdaGrid({ min: 1, max: 2, count: 2.5 })).toThrow(/count must be an integer/)
  })
})

describe('worker pool', async () => {
  const engine = await createEngine()
  const pool = await createWorkerPool({ size: 2 })
  afterAll(() => pool.terminate())
  const options = { lambdas: lambdaGrid({ min: 1e-2, max: 30, count: 12, includeZero: true }), seeds: 3, penalty: 'elastic' as const }

  it('gives the same bits as one thread, and reports progress up to the total', async () => {
    const progress: number[] = []
    const pooled = await pool.sweep(options, { onProgress: (done, total) => progress.push(done / total) })
    expect(pooled).toEqual(engine.sweep(options))
    expect(JSON.stringify(pooled)).toBe(JSON.stringify(engine.sweep(options)))
    expect(progress.at(-1)).toBe(1)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  it('trains in a worker with the same bits', async () => {
    const a = await pool.train({ lambda: 3, seed: 'p' })
    const b = engine.train({ lambda: 3, seed: 'p' })
    expect(Array.from(a.w)).toEqual(Array.from(b.w))
    expect(a.history).toEqual(b.history)
  })

  it('solves in a worker with the same bits', async () => {
    const a = await pool.solve({ lambda: 0.1, penalty: 'l1', seed: 'p' })
    const b = engine.solve({ lambda: 0.1, penalty: 'l1', seed: 'p' })
    expect(Array.from(a.w)).toEqual(Array.from(b.w))
    expect(a.objective).toBe(b.objective)
  })

  it('trainSeeds gives the same bits as one thread', async () => {
    const a = await pool.trainSeeds({ lambda: 1 }, 4)
    expect(a).toEqual(engine.trainSeeds({ lambda: 1 }, 4))
  })

  it('cancellation stops the work and rejects with an AbortError; the pool stays usable', async () => {
    const controller = new AbortController()
    let seen = 0
    const big = { lambdas: lambdaGrid({ min: 1e-3, max: 10, count: 64 }), seeds: 8, epochs: 400 }
    const run = pool.sweep(big, {
      signal: controller.signal,
      onProgress: (done) => {
        seen = done
        if (done === 5) controller.abort()
      },
    })
    await expect(run).rejects.toBeInstanceOf(AbortError)
    const atAbort = seen
    await new Promise((r) => setTimeout(r, 200))
    expect(seen).toBe(atAbort)
    expect(atAbort).toBeLessThan(64 * 8)
    const after = await pool.train({ lambda: 10 })
    expect(after.wNorm).toBe(engine.train({ lambda: 10 }).wNorm)
  })

  it('rejects at once when the signal is already aborted, and validates before posting', async () => {
    await expect(pool.sweep(options, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError)
    await expect(pool.sweep({ lambdas: [-1] })).rejects.toBeInstanceOf(ConfigError)
  })
})
