import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { ConfigError, createEngine, loadModel, makeModel, predict, VERSION, type Engine, type Model } from '../src/index.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

const x = [[1, 2], [2, 0.5], [3, 1], [4, 3], [5, 2.5], [6, 1]]
const y = [1, 2, 2.5, 4.5, 5, 5.5]
const data = { xTrain: x, yTrain: y, xTest: x, yTest: y }

describe('models', () => {
  it('VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(VERSION).toBe(pkg.version)
  })

  it('save → JSON → load → predict equals X·w + b, and reproduces the test loss', () => {
    const r = engine.solve({ data, standardize: true, lambda: 0.1, dtype: 'float64' })
    const model = makeModel(r, 'optimum', { featureNames: ['a', 'b'], target: 'y' })
    expect(model.standardization!.scale).toHaveLength(2)
    const loaded = loadModel(JSON.stringify(model))
    expect(loaded).toEqual(model)
    const p = engine.predict(loaded, x)
    x.forEach((row, i) => expect(p[i]).toBeCloseTo(row[0]! * r.w[0]! + row[1]! * r.w[1]! + r.b, 12))
    const loss = y.reduce((a, t, i) => a + 0.5 * (p[i]! - t) ** 2, 0) / y.length
    expect(Math.abs(loss - r.testLoss) / r.testLoss).toBeLessThan(1e-12)
    // A flat row-major array gives the same, and so does predict() on the JSON text.
    expect(engine.predict(loaded, Float64Array.from(x.flat()))).toEqual(p)
    return expect(predict(JSON.stringify(model), x)).resolves.toEqual(p)
  })

  const good = (): Model => makeModel(engine.solve({ data, lambda: 0.1 }), 'optimum')
  const cases: [string, (m: Record<string, unknown>) => unknown, RegExp][] = [
    ['empty', () => '', /the file is empty/],
    ['truncated', (m) => JSON.stringify(m).slice(0, 50), /not complete JSON \(truncated or corrupt/],
    ['not an object', () => '[1,2]', /expected a JSON object; got an array/],
    ['another format', (m) => ({ ...m, format: 'pickle' }), /"format" must be "weight-decay-model"/],
    ['newer version', (m) => ({ ...m, formatVersion: 2 }), /format version 2, newer than this version of weight-decay reads \(1; .*upgrade/],
    ['version not an integer', (m) => ({ ...m, formatVersion: '1' }), /"formatVersion" must be a positive integer/],
    ['w of the wrong length', (m) => ({ ...m, w: [1] }), /w has 1 entries but there are 2 features/],
    ['w with a string', (m) => ({ ...m, w: [1, 'x'] }), /w\[1\] must be a finite number/],
    ['w with null (a NaN once saved)', (m) => ({ ...m, w: [1, null] }), /w\[1\] must be a finite number; got null/],
    ['no names', (m) => ({ ...m, featureNames: [] }), /"featureNames" must be a non-empty array/],
    ['duplicate names', (m) => ({ ...m, featureNames: ['a', 'a'] }), /feature "a" appears twice/],
    ['b missing', (m) => ({ ...m, b: undefined }), /"b" must be a finite number/],
    ['bad scale shape', (m) => ({ ...m, standardization: { mean: [0, 0], scale: [1] } }), /standardization.scale has 1 entries/],
    ['bad penalty', (m) => ({ ...m, penalty: 'l3' }), /"penalty" must be l2, l1 or elastic/],
    ['negative λ', (m) => ({ ...m, lambda: -1 }), /"lambda" must be a number ≥ 0/],
  ]
  for (const [what, mutate, message] of cases) {
    it(`a model file with ${what} is a ConfigError saying so`, () => {
      const input = mutate(good() as unknown as Record<string, unknown>)
      const text = typeof input === 'string' ? input : JSON.stringify(input)
      expect(() => loadModel(text)).toThrow(ConfigError)
      expect(() => loadModel(text)).toThrow(message)
    })
  }

  it('predict rejects rows of the wrong width', () => {
    expect(() => engine.predict(good(), [[1, 2, 3]])).toThrow(/rows\[0\] has 3 values; every row must have 2/)
  })
})
