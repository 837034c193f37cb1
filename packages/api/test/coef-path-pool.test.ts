// pool.coefPath: the coefficient path in contiguous λ chunks over the workers, the same bits as
// engine.coefPath (each λ's answer depends only on the data and λ, never on the chunk).
import { describe, expect, it } from 'vitest'

describe('pool.coefPath', () => {
  it('gives the same bits as engine.coefPath for every penalty, dtype, data and pool size', async () => {
    // The pool runs the built package (dist), as in cv.test.ts.
    const dist = await import('../dist/index.js')
    const local = await dist.createEngine()
    const lambdas = [0, 1e-4, 0.003, 0.1, 0.5, 2, 30, 1000]
    const rows = Array.from({ length: 15 }, (_, i) => [Math.sin(i), Math.cos(3 * i) * 1e3, i % 4, (i * 7) % 5])
    const data = { xTrain: rows, yTrain: rows.map((r, i) => r[0]! - 0.002 * r[1]! + 0.3 * r[2]! + Math.sin(5 * i)), xTest: rows.slice(0, 3), yTest: [1, 2, 3] }
    const cases = [
      { numInputs: 30, nTrain: 12, lambdas },
      { numInputs: 8, nTrain: 40, dtype: 'float64' as const, lambdas },
      { numInputs: 20, nTrain: 15, penalty: 'l1' as const, lambdas: lambdas.slice(1) },
      { numInputs: 20, nTrain: 15, penalty: 'elastic' as const, l1Ratio: 0.3, dtype: 'float64' as const, lambdas: lambdas.slice(1) },
      { data, dtype: 'float64' as const, standardize: true, lambdas },
    ]
    for (const size of [1, 2, 3, 8]) {
      const pool = await dist.createWorkerPool({ size })
      try {
        for (const options of cases) {
          const progress: number[] = []
          const path = await pool.coefPath(options, { onProgress: (done, total) => progress.push(done, total) })
          expect(path).toEqual(local.coefPath(options))
          // One progress step per λ.
          expect(progress.slice(-2)).toEqual([options.lambdas.length, options.lambdas.length])
        }
      } finally {
        await pool.terminate()
      }
    }
  })

  it('checks the options before any work, and cancels', async () => {
    const dist = await import('../dist/index.js')
    const pool = await dist.createWorkerPool({ size: 2 })
    try {
      await expect(pool.coefPath({ numInputs: 3, lambdas: [] })).rejects.toThrow(/lambdas must be a non-empty array/)
      await expect(pool.coefPath({ numInputs: 3, lambdas: [1, -1] })).rejects.toThrow(/lambdas\[1\] must be a number from 0/)
      const controller = new AbortController()
      const pending = pool.coefPath({ numInputs: 400, nTrain: 400, lambdas: [1, 2, 3, 4] }, { signal: controller.signal })
      controller.abort()
      await expect(pending).rejects.toThrow(dist.AbortError)
      // The pool still works after a cancel.
      expect((await pool.coefPath({ numInputs: 5, nTrain: 9, lambdas: [1] })).w).toHaveLength(1)
    } finally {
      await pool.terminate()
    }
  })
})
