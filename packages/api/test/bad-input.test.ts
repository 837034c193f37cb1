// Table-driven bad input: every case must throw a ConfigError naming the key, before any work.
import { describe, expect, it } from 'vitest'
import { ConfigError, createEngine, lambdaGrid } from '../dist/index.js'

const rows = (n: number, d: number, fill = 1) => Array.from({ length: n }, () => new Array<number>(d).fill(fill))
const good = { xTrain: rows(4, 3), yTrain: [1, 2, 3, 4], xTest: rows(2, 3), yTest: [1, 2] }

/** [description, options, expected key, message pattern]. */
const TRAIN_CASES: [string, unknown, string, RegExp][] = [
  ['config is not an object', 42, 'config', /must be an object/],
  ['config is an array', [], 'config', /must be an object/],
  ['unknown key with a typo', { lamda: 1 }, 'lamda', /did you mean lambda\?/],
  ['unknown key, no near match', { colour: 'red' }, 'colour', /known keys/],
  ['numInputs 0', { numInputs: 0 }, 'numInputs', /integer from 1/],
  ['numInputs fractional', { numInputs: 2.5 }, 'numInputs', /integer/],
  ['numInputs as a string', { numInputs: '200' }, 'numInputs', /got "200"/],
  ['nTrain negative', { nTrain: -5 }, 'nTrain', /from 1/],
  ['nTrain NaN', { nTrain: NaN }, 'nTrain', /got NaN/],
  ['nTest 0', { nTest: 0 }, 'nTest', /from 1/],
  ['nTest Infinity', { nTest: Infinity }, 'nTest', /got Infinity/],
  ['batchSize 0', { batchSize: 0 }, 'batchSize', /from 1/],
  ['epochs negative', { epochs: -1 }, 'epochs', /from 0/],
  ['epochs beyond 2^30', { epochs: 2 ** 31 }, 'epochs', /to 2\^30/],
  ['lr 0', { lr: 0 }, 'lr', /greater than 0/],
  ['lr negative', { lr: -0.1 }, 'lr', /greater than 0/],
  ['lr null', { lr: null }, 'lr', /got null/],
  ['lambda negative', { lambda: -1 }, 'lambda', /from 0/],
  ['lambda as a string', { lambda: '3' }, 'lambda', /number/],
  ['penalty unknown', { penalty: 'l3' }, 'penalty', /one of "l2", "l1", "elastic"/],
  ['l1Ratio above 1', { l1Ratio: 1.5 }, 'l1Ratio', /from 0 to 1/],
  ['evalEvery 0', { evalEvery: 0 }, 'evalEvery', /from 1/],
  ['shuffle as a string', { shuffle: 'yes' }, 'shuffle', /true or false/],
  ['dtype unknown', { dtype: 'float16' }, 'dtype', /"float32", "float64"/],
  ['seed fractional number', { seed: 1.5 }, 'seed', /safe integer/],
  ['seed an object', { seed: {} }, 'seed', /a string/],
  ['seed too long', { seed: 'x'.repeat(10_001) }, 'seed', /at most 10000/],
  ['noiseStd negative', { noiseStd: -1 }, 'noiseStd', /from 0/],
  ['initStd negative', { initStd: -0.5 }, 'initStd', /from 0/],
  ['trueW out of range', { trueW: 1e7 }, 'trueW', /to 1e6/],
  ['trueB non-finite', { trueB: -Infinity }, 'trueB', /got -Infinity/],
  ['onEval not a function', { onEval: 3 }, 'onEval', /must be a function|only train and trainer/],
  ['training set too large for wasm32', { numInputs: 100_000, nTrain: 11_000 }, 'nTrain', /needs 4\.1\d GiB .*at most 3\.94 GiB fits in wasm32/],
  ['test set too large for wasm32', { numInputs: 100_000, nTest: 6_000, dtype: 'float64' }, 'nTest', /reduce nTest or numInputs, or use float32/],
  ['data not an object', { data: 'csv' }, 'data', /must be an object/],
  ['data with an unknown key', { data: { ...good, xValid: [] } }, 'data.xValid', /unknown config key "data.xValid"; known keys: data.xTrain/],
  ['data.xTrain missing', { data: { ...good, xTrain: undefined } }, 'data.xTrain', /array of rows/],
  ['data.xTrain empty', { data: { ...good, xTrain: [], yTrain: [] } }, 'data.xTrain', /at least one row/],
  ['data.xTrain ragged', { data: { ...good, xTrain: [[1, 2, 3], [1, 2], [1, 2, 3], [1, 2, 3]] } }, 'data.xTrain', /\[1\] has 2 values/],
  ['data.xTrain row not an array', { data: { ...good, xTrain: [[1, 2, 3], 'abc', [1, 2, 3], [1, 2, 3]] } }, 'data.xTrain', /\[1\] must be an array/],
  ['data.xTrain with NaN (row and column named)', { data: { ...good, xTrain: [[1, 2, 3], [1, NaN, 3], [1, 2, 3], [1, 2, 3]] } }, 'data.xTrain', /row 1, column 1/],
  ['data.xTrain with a string cell', { data: { ...good, xTrain: [[1, 2, 3], [1, 2, 3], [1, 2, '3'], [1, 2, 3]] } }, 'data.xTrain', /row 2, column 2/],
  ['data.xTrain rows of zero width', { data: { ...good, xTrain: [[], [], [], []], xTest: [[], []] } }, 'data.xTrain', /at least one column/],
  ['data.xTest width differs', { data: { ...good, xTest: rows(2, 4) } }, 'data.xTest', /every row must have 3/],
  ['data.xTest empty', { data: { ...good, xTest: [], yTest: [] } }, 'data.xTest', /at least one row/],
  ['data.yTrain too short', { data: { ...good, yTrain: [1, 2, 3] } }, 'data.yTrain', /4 entries, one per row/],
  ['data.yTest with Infinity', { data: { ...good, yTest: [1, Infinity] } }, 'data.yTest', /\[1\] must be a finite number/],
  ['flat xTrain without numInputs', { data: { ...good, xTrain: new Float64Array(12) } }, 'data.xTrain', /numInputs is required/],
  ['flat xTrain not whole rows', { numInputs: 5, data: { ...good, xTrain: new Float64Array(12) } }, 'data.xTrain', /not a whole number of rows/],
  ['numInputs disagrees with the rows', { numInputs: 4, data: good }, 'data.xTrain', /every row must have 4/],
  ['nTrain disagrees with the data', { nTrain: 10, data: good }, 'nTrain', /the data has 4/],
  ['init is an array', { init: [1, 2] }, 'init', /must be an object \{ w, b\? \}/],
  ['init.w wrong length', { init: { w: [1, 2, 3] } }, 'init.w', /must have 200 entries \(numInputs\)/],
  ['init.w with NaN', { numInputs: 3, init: { w: [1, NaN, 3] } }, 'init.w', /init\.w\[1\]/],
  ['init.b non-finite', { numInputs: 2, init: { w: [1, 2], b: NaN } }, 'init.b', /finite/],
  ['init with an unknown key', { numInputs: 2, init: { w: [1, 2], bias: 1 } }, 'init.bias', /known keys: init\.w, init\.b/],
  ['init with a typo', { numInputs: 2, init: { ww: [1, 2] } }, 'init.ww', /did you mean init\.w\?/],
]

describe('bad input to train/trainer/solve is a ConfigError naming the key', async () => {
  const engine = await createEngine()
  for (const [what, options, key, message] of TRAIN_CASES) {
    it(`${what} → ${key}`, () => {
      for (const call of [() => engine.train(options as never), () => engine.trainer(options as never), () => engine.solve(options as never)]) {
        let error: unknown
        try {
          call()
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(ConfigError)
        expect((error as ConfigError).key).toBe(key)
        expect((error as ConfigError).message).toMatch(message)
      }
    })
  }

  it('trainer.update checks its changes the same way', () => {
    const t = engine.trainer({ epochs: 10 })
    expect(() => t.update({ lambda: -1 })).toThrow(/lambda must be a number from 0/)
    expect(() => t.update({ seed: 1 } as never)).toThrow(/unknown config key "seed"/)
    expect(() => t.update({ penalty: 'l0' as never })).toThrow(ConfigError)
    expect(() => t.step(-1)).toThrow(ConfigError)
    expect(() => t.step(1.5)).toThrow(/whole number of epochs/)
    expect(() => t.step(Number.NaN)).toThrow(ConfigError)
    t.dispose()
    expect(() => t.step()).toThrow(/disposed/)
  })

  it('lambdaGrid and the pool size are checked too', () => {
    expect(() => lambdaGrid({ min: -1, max: 1, count: 3, scale: 'linear' })).toThrow(ConfigError)
    expect(() => lambdaGrid({ min: 1, max: 2, count: 3, scale: 'cubic' as never })).toThrow(/scale must be one of/)
  })

  it('the engine stays usable after every one of these errors', () => {
    const before = engine.memoryBytes
    expect(engine.train({ seed: 'after' }).wNorm).toBe(engine.train({ seed: 'after' }).wNorm)
    expect(engine.memoryBytes).toBe(before)
  })

  it(`covers at least 40 cases (${TRAIN_CASES.length})`, () => {
    expect(TRAIN_CASES.length).toBeGreaterThanOrEqual(40)
  })
})
