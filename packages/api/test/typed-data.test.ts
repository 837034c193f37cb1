// Data given as plain typed arrays takes a fast copy-then-scan path: the same values, the same
// messages, and anything that is not a plain typed array (subclass, Proxy) the generic checks.
import { describe, expect, it } from 'vitest'
import { ConfigError, createEngine } from '../src/index.js'

const engine = await createEngine()
const rows = [[1, 2], [3, 4.5], [-2, 0.25], [7, 1]]
const y = [1, 2, 3, 4]
const flat = (r: number[][]) => Float64Array.from(r.flat())

function message(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof ConfigError) return `${error.key}: ${error.message}`
    throw error
  }
  return 'no error'
}

describe('typed-array data', () => {
  it('trains to the same bits from rows, a Float64Array and a Float32Array of the same values', () => {
    const config = { numInputs: 2, dtype: 'float64' as const, lambda: 0.1, epochs: 7, batchSize: 2 }
    const a = engine.train({ ...config, data: { xTrain: rows, yTrain: y } })
    const b = engine.train({ ...config, data: { xTrain: flat(rows), yTrain: Float64Array.from(y) } })
    const c = engine.train({ ...config, data: { xTrain: Float32Array.from(rows.flat()), yTrain: Float32Array.from(y) } })
    expect([...b.w]).toEqual([...a.w])
    expect([...c.w]).toEqual([...a.w])
    expect([b.b, c.b]).toEqual([a.b, a.b])
  })

  it('names the first non-finite value as the generic check does', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const x = flat(rows)
      x[5] = bad
      const fast = message(() => engine.train({ numInputs: 2, data: { xTrain: x, yTrain: y } }))
      expect(fast).toBe(`data.xTrain: data.xTrain[5] must be a finite number; got ${bad}`)
      const f32 = message(() => engine.train({ numInputs: 2, data: { xTrain: Float32Array.from(x), yTrain: y } }))
      expect(f32).toBe(fast)
      const yBad = Float64Array.from(y)
      yBad[3] = bad
      expect(message(() => engine.train({ numInputs: 2, data: { xTrain: rows, yTrain: yBad } }))).toBe(`data.yTrain: data.yTrain[3] must be a finite number; got ${bad}`)
    }
  })

  it('checks a subclass whose length lies and Proxies the generic way', () => {
    class Short extends Float64Array {
      override get length(): number {
        return 3
      }
    }
    const short = new Short([1, 2, 3, 4])
    expect(message(() => engine.train({ numInputs: 2, data: { xTrain: rows, yTrain: short } }))).toBe('data.yTrain: data.yTrain must have 4 entries, one per row of data.xTrain; got 3')
    const sneaky = new Proxy(Float64Array.from(y), { get: (t, k) => (k === '2' ? 'x' : Reflect.get(t, k)) })
    expect(message(() => engine.train({ numInputs: 2, data: { xTrain: rows, yTrain: sneaky } }))).toBe('data.yTrain: data.yTrain must be an array of numbers; got a Float64Array')
    const list = new Proxy([1, 2, 3, 4], { get: (t, k) => (k === '2' ? 'x' : Reflect.get(t, k)) })
    expect(message(() => engine.train({ numInputs: 2, data: { xTrain: rows, yTrain: list } }))).toBe('data.yTrain: data.yTrain[2] must be a finite number; got "x"')
  })
})
