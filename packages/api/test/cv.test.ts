import { beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, createEngine, type Engine } from '../src/index.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

describe('engine.cv', () => {
  const base = { numInputs: 5, nTrain: 30, nTest: 5, dtype: 'float64' as const }

  it('is seeded: the same seed gives the same folds, another seed other folds', () => {
    const a = engine.cv({ ...base, lambdas: [0.01, 1], folds: 5 })
    expect(engine.cv({ ...base, lambdas: [0.01, 1], folds: 5 })).toEqual(a)
    const b = engine.cv({ ...base, lambdas: [0.01, 1], folds: 5, seed: 'other' })
    expect(b.rows[0]!.mean).not.toBe(a.rows[0]!.mean)
    expect(a.config).toMatchObject({ folds: 5, by: 'optimum', nRows: 30, method: 'k-fold' })
  })

  it('best.min has the lowest mean; best.oneSe is the largest λ within one SE of it', () => {
    const lambdas = [0.0001, 0.001, 0.01, 0.1, 1, 10]
    const r = engine.cv({ ...base, noiseStd: 0.5, lambdas, folds: 5 })
    const min = r.rows.reduce((a, b) => (b.mean < a.mean ? b : a))
    expect(r.best!.min).toBe(min.lambda)
    const within = r.rows.filter((q) => q.mean <= min.mean + min.se).map((q) => q.lambda)
    expect(r.best!.oneSe).toBe(Math.max(...within))
    expect(r.best!.oneSe).toBeGreaterThanOrEqual(r.best!.min)
  })

  it('by sgd trains each fold and approaches the optimum’s curve when SGD converges', () => {
    const opts = { ...base, lambdas: [0.1], folds: 3 as const, lr: 0.5, epochs: 2000, batchSize: 30, shuffle: false }
    const sgd = engine.cv({ ...opts, by: 'sgd' })
    const opt = engine.cv(opts)
    expect(sgd.config.by).toBe('sgd')
    expect(Math.abs(sgd.rows[0]!.mean - opt.rows[0]!.mean) / opt.rows[0]!.mean).toBeLessThan(1e-3)
  })

  it('loo for l1 refits every row (not the l2 shortcut)', () => {
    const r = engine.cv({ ...base, nTrain: 8, lambdas: [0.001], folds: 'loo', penalty: 'l1' })
    expect(r.config.method).toBe('k-fold')
    expect(r.config.folds).toBe('loo')
  })

  it('rejects bad folds, λ and by with a ConfigError naming the key', () => {
    const bad: [object, RegExp][] = [
      [{ folds: 1 }, /folds must be an integer from 2 to 30/],
      [{ folds: 31 }, /folds must be an integer from 2 to 30/],
      [{ folds: 'x' }, /folds must be a number of folds/],
      [{ folds: [0, 1] }, /fold of each of the 30 training rows/],
      [{ folds: Array.from({ length: 30 }, () => 0) }, /every fold 0 … K − 1 with K ≥ 2/],
      [{ folds: Array.from({ length: 30 }, (_, i) => (i % 2) * 2) }, /every fold 0 … K − 1/],
      [{ folds: 5, by: 'adam' }, /by must be one of "optimum", "sgd"/],
      [{ folds: 5, lambdas: [] }, /lambdas must be a non-empty array/],
      [{ folds: 5, lambdas: [-1] }, /lambdas\[0\] must be a number from 0/],
    ]
    for (const [extra, message] of bad) {
      expect(() => engine.cv({ ...base, lambdas: [1], ...extra } as never)).toThrow(ConfigError)
      expect(() => engine.cv({ ...base, lambdas: [1], ...extra } as never)).toThrow(message)
    }
  })
})

describe('holes in lists', () => {
  it('a sparse λ list is a ConfigError in cv and coefPath', () => {
    // eslint-disable-next-line no-sparse-arrays
    const lambdas = [1, , 2] as number[]
    expect(() => engine.cv({ numInputs: 3, nTrain: 10, lambdas, folds: 2 })).toThrow(/lambdas\[1\] must be a number/)
    expect(() => engine.coefPath({ numInputs: 3, nTrain: 10, lambdas })).toThrow(/lambdas\[1\] must be a number/)
    const folds = Array.from({ length: 10 }, (_, i) => i % 2)
    delete (folds as unknown as Record<number, number>)[3]
    expect(() => engine.cv({ numInputs: 3, nTrain: 10, lambdas: [1], folds })).toThrow(/folds\[3\] must be an integer/)
  })
})

describe('pool.cv', () => {
  it('gives the same bits as engine.cv: k-fold by optimum and by SGD, fold ids, exact LOO', async () => {
    // The pool runs the built package (dist), as in sweep.test.ts.
    const dist = await import('../dist/index.js')
    const pool = await dist.createWorkerPool({ size: 2 })
    const local = await dist.createEngine()
    try {
      const base = { numInputs: 4, nTrain: 24, nTest: 3, dtype: 'float64' as const, lambdas: [0.001, 0.1, 1] }
      for (const opts of [
        { ...base, folds: 4 },
        { ...base, folds: 3, by: 'sgd' as const, epochs: 20, lr: 0.05 },
        { ...base, folds: Array.from({ length: 24 }, (_, i) => i % 3) },
        { ...base, folds: 'loo' as const, standardize: true },
        { ...base, folds: 'loo' as const, penalty: 'l1' as const },
      ]) {
        expect(await pool.cv(opts)).toEqual(local.cv(opts))
      }
      await expect(pool.cv({ ...base, folds: 1 })).rejects.toThrow(/folds must be an integer from 2 to 24/)
    } finally {
      await pool.terminate()
    }
  })
})
