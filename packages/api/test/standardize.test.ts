import { beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_RULES, DEFAULT_CONFIG, createEngine, type Engine } from '../src/index.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

/** Deterministic rows with very different column scales. */
function rows(n: number, d: number, seed: number): { x: number[][]; y: number[] } {
  let s = seed
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31), s / 2 ** 31 - 0.5)
  const x = Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => rand() * 10 ** (j % 4) + j))
  const y = x.map((r) => r.reduce((a, v, j) => a + v / 10 ** (j % 4), 3) + rand())
  return { x, y }
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b))

describe('standardize', () => {
  const a = rows(60, 6, 1)
  const t = rows(20, 6, 2)
  const data = { xTrain: a.x, yTrain: a.y, xTest: t.x, yTest: t.y }

  it('is off by default and absent from the config unless given (the seed experiment’s config is as before)', () => {
    expect(engine.train({ epochs: 1 }).config).not.toHaveProperty('standardize')
    expect(Object.keys(DEFAULT_CONFIG)).not.toContain('standardize')
    expect(Object.keys(CONFIG_RULES)).not.toContain('standardize')
    expect(engine.solve({ data }).standardization).toBeUndefined()
    expect(engine.solve({ data, standardize: false }).config.standardize).toBe(false)
    expect(engine.solve({ data, standardize: true }).config.standardize).toBe(true)
  })

  it('rejects a non-boolean with a ConfigError naming the key', () => {
    expect(() => engine.train({ standardize: 1 as unknown as boolean })).toThrow(/standardize must be true or false; got/)
  })

  it('reports training-row means and population standard deviations', () => {
    const r = engine.solve({ data, standardize: true, dtype: 'float64' })
    const j = 2
    const col = a.x.map((row) => row[j]!)
    const mean = col.reduce((s, v) => s + v, 0) / col.length
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length)
    expect(rel(r.standardization!.mean[j]!, mean)).toBeLessThan(1e-13)
    expect(rel(r.standardization!.scale[j]!, sd)).toBeLessThan(1e-12)
  })

  it('gives w and b in original units: predictions are invariant to rescaling and shifting a column', () => {
    const lambda = 0.05
    const r = engine.solve({ data, standardize: true, lambda, dtype: 'float64' })
    // Column 1 times 1000 plus 7: standardized features do not change, so w1 shrinks by 1000.
    const scaled = (m: number[][]) => m.map((row) => row.map((v, j) => (j === 1 ? v * 1000 + 7 : v)))
    const s = engine.solve({ data: { ...data, xTrain: scaled(a.x), xTest: scaled(t.x) }, standardize: true, lambda, dtype: 'float64' })
    expect(rel(s.w[1]! * 1000, r.w[1]!)).toBeLessThan(1e-9)
    expect(rel(s.w[0]!, r.w[0]!)).toBeLessThan(1e-9)
    expect(rel(s.testLoss, r.testLoss)).toBeLessThan(1e-9)
    // And X·w + b in original units reproduces the losses.
    const pred = t.x.map((row) => row.reduce((acc, v, j) => acc + v * r.w[j]!, r.b))
    const loss = pred.reduce((acc, p, i) => acc + 0.5 * (p - t.y[i]!) ** 2, 0) / pred.length
    expect(rel(loss, r.testLoss)).toBeLessThan(1e-10)
    // Without standardization the same λ gives a different optimum (the penalty sees other units).
    expect(rel(engine.solve({ data, lambda, dtype: 'float64' }).w[0]!, r.w[0]!)).toBeGreaterThan(1e-6)
  })

  it('a constant column gets weight 0 and is listed, never NaN (solve, train, l1)', () => {
    const withConst = (m: number[][]) => m.map((row) => [...row, 4.25])
    const d2 = { ...data, xTrain: withConst(a.x), xTest: withConst(t.x) }
    for (const r of [
      engine.solve({ data: d2, standardize: true, lambda: 0.1 }),
      engine.solve({ data: d2, standardize: true, lambda: 0.1, penalty: 'l1' }),
      engine.train({ data: d2, standardize: true, lambda: 0.1, lr: 0.05, epochs: 20 }),
    ]) {
      expect(r.standardization!.constant).toEqual([6])
      expect(r.w[6]).toBe(0)
      expect([...r.w, r.b, r.wNorm, r.trainLoss, r.testLoss].every(Number.isFinite)).toBe(true)
    }
  })

  it('SGD on standardized features converges to the standardized optimum', () => {
    const opts = { data, standardize: true, lambda: 0.1, dtype: 'float64' as const }
    const sgd = engine.train({ ...opts, lr: 0.05, epochs: 400, batchSize: 60, shuffle: false })
    const opt = engine.solve(opts)
    expect(rel(sgd.objective, opt.objective)).toBeLessThan(1e-6)
    sgd.w.forEach((v, j) => expect(Math.abs(v - opt.w[j]!)).toBeLessThan(1e-4 * (1 + Math.abs(opt.w[j]!))))
  })
})
