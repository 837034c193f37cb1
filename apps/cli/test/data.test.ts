import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine, type TrainResult } from '@weight-decay/api'
import { asData as asDataWithConfig, cli, folder, regressionRows, toCsvText } from './run.js'

/** The figures without configs (a CSV run's JSON config names the file instead of the synthetic keys; checked on its own). */
const asData = (value: unknown): unknown => {
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip)
    if (x && typeof x === 'object') {
      const o = { ...(x as Record<string, unknown>) }
      delete o.config
      delete o.featureNames
      for (const k of Object.keys(o)) o[k] = strip(o[k])
      return o
    }
    return x
  }
  return strip(asDataWithConfig(value))
}

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

const train = regressionRows(40, 5, 1)
const test = regressionRows(15, 5, 2)
const names = ['x1', 'x2', 'x3', 'x4', 'x5', 'price']
const data = (rows: number[][], target = 5) => ({
  x: rows.map((r) => r.filter((_, j) => j !== target)),
  y: rows.map((r) => r[target]!),
})
const apiData = (target = 5) => {
  const a = data(train, target)
  const b = data(test, target)
  return { xTrain: a.x, yTrain: a.y, xTest: b.x, yTest: b.y }
}
const dir = folder({
  'train.csv': toCsvText(train, names),
  'test.csv': toCsvText(test, names),
  'train-plain.csv': toCsvText(train),
  'test-plain.csv': toCsvText(test),
  // Quoted header names, CRLF line ends, blank lines and a BOM are all fine.
  'train-crlf.csv': '\ufeff' + `"x1","x2","x3","x4","x5","price"\r\n` + train.map((r) => r.join(',')).join('\r\n') + '\r\n\r\n',
})
const run = (args: string[]) => {
  const out = cli(args, { cwd: dir })
  // SGD that stops short of the optimum says so on stderr; nothing else may be there.
  expect(out.stderr).toMatch(/^(warning: SGD stopped at objective [^\n]*\n)?$/)
  expect(out.code).toBe(0)
  return JSON.parse(out.stdout) as TrainResult
}
const OPTS = ['--lambda', '0.1', '--lr', '0.02', '--epochs', '30', '--format', 'json']
// The CLI standardizes user data and computes in float64 by default.
const apiOpts = { lambda: 0.1, lr: 0.02, epochs: 30, standardize: true, dtype: 'float64' as const }

describe('--data (built binary)', () => {
  it('with a header and --test-data: equals engine.train on the same arrays, sizes from the file', () => {
    const r = run(['train', '--data', 'train.csv', '--test-data', 'test.csv', ...OPTS])
    expect(r.config).toMatchObject({ data: { file: 'train.csv', testFile: 'test.csv', target: 'price', features: ['x1', 'x2', 'x3', 'x4', 'x5'], rows: { train: 40, test: 15 } } })
    for (const key of ['numInputs', 'nTrain', 'nTest', 'trueW', 'trueB', 'noiseStd']) expect(r.config).not.toHaveProperty(key)
    expect(asData(r)).toEqual(asData(engine.train({ ...apiOpts, data: apiData() })))
  })

  it('without a header the numbers are the same; CRLF, BOM, quotes and blank lines are read too', () => {
    const withHeader = run(['train', '--data', 'train.csv', '--test-data', 'test.csv', ...OPTS])
    expect(asData(run(['train', '--data', 'train-plain.csv', '--test-data', 'test-plain.csv', ...OPTS]))).toEqual(asData(withHeader))
    expect(asData(run(['train', '--data', 'train-crlf.csv', '--test-data', 'test.csv', ...OPTS]))).toEqual(asData(withHeader))
  })

  it('--target by name, by number, and the last column by default agree', () => {
    const byDefault = run(['train', '--data', 'train.csv', '--test-data', 'test.csv', ...OPTS])
    expect(asData(run(['train', '--data', 'train.csv', '--test-data', 'test.csv', '--target', 'price', ...OPTS]))).toEqual(asData(byDefault))
    expect(asData(run(['train', '--data', 'train.csv', '--test-data', 'test.csv', '--target', '6', ...OPTS]))).toEqual(asData(byDefault))
  })

  it('--target picks another column: the rest become the features', () => {
    const r = run(['train', '--data', 'train.csv', '--test-data', 'test.csv', '--target', 'x2', ...OPTS])
    expect(asData(r)).toEqual(asData(engine.train({ ...apiOpts, data: apiData(1) })))
    const plain = run(['train', '--data', 'train-plain.csv', '--test-data', 'test-plain.csv', '--target', '2', ...OPTS])
    expect(asData(plain)).toEqual(asData(r))
  })

  it('without --test-data a seeded --test-fraction is held out: same seed, same split', () => {
    const a = run(['train', '--data', 'train.csv', ...OPTS])
    expect(a.config).toMatchObject({ data: { testFraction: 0.2, rows: { train: 32, test: 8 } } })
    expect(asData(run(['train', '--data', 'train.csv', ...OPTS]))).toEqual(asData(a))
    const half = run(['train', '--data', 'train.csv', '--test-fraction', '0.5', ...OPTS])
    expect(half.config).toMatchObject({ data: { rows: { train: 20, test: 20 } } })
    // Another seed holds out other rows (and draws other initial weights).
    const other = run(['train', '--data', 'train.csv', '--seed', 'other', ...OPTS])
    expect(other.testLoss).not.toBe(a.testLoss)
  })

  it('the hold-out splits the rows of the file: every row is in exactly one of train and test', () => {
    // y_i = 2^i with w = 0, b = 0 and no epochs: n·(mean ½ y²) = Σ 2^(2i−1), a bit mask of the rows.
    const rows = Array.from({ length: 20 }, (_, i) => [i % 3, (i * 7) % 5, 2 ** i])
    const d = folder({ 'pow.csv': toCsvText(rows, ['a', 'b', 'y']) })
    const masks = (seed: string) => {
      const out = cli(['train', '--data', 'pow.csv', '--init-std', '0', '--epochs', '0', '--dtype', 'float64', '--seed', seed, '--format', 'json'], { cwd: d })
      expect(out.code).toBe(0)
      const r = JSON.parse(out.stdout) as TrainResult
      const mask = (loss: number, n: number) => BigInt(Math.round(loss * n * 2))
      const rows = (r.config as unknown as { data: { rows: { train: number; test: number } } }).data.rows
      return { train: mask(r.trainLoss, rows.train), test: mask(r.testLoss, rows.test), nTest: rows.test }
    }
    const all = rows.reduce((m, _, i) => m | (1n << BigInt(2 * i)), 0n)
    const a = masks('one')
    expect(a.nTest).toBe(4)
    expect(a.train & a.test).toBe(0n)
    expect(a.train | a.test).toBe(all)
    const b = masks('two')
    expect(b.train | b.test).toBe(all)
    expect(b.test).not.toBe(a.test)
    expect(masks('one').test).toBe(a.test)
  })

  it('compare and sweep take --data too', () => {
    const c = cli(['compare', '--data', 'train.csv', '--test-data', 'test.csv', '--lambdas', '0,1', '--lr', '0.02', '--epochs', '20', '--format', 'json'], { cwd: dir })
    expect(c.code).toBe(0)
    const runs = (JSON.parse(c.stdout) as { runs: unknown[] }).runs
    expect(asData(runs[1])).toEqual(asData(engine.train({ lambda: 1, lr: 0.02, epochs: 20, standardize: true, dtype: 'float64', data: apiData() })))
    const s = cli(['sweep', '--data', 'train.csv', '--test-data', 'test.csv', '--lambdas', '0,1', '--seeds', '2', '--valid-fraction', '0.25', '--format', 'json'], { cwd: dir })
    expect(s.code).toBe(0)
    expect(asData(JSON.parse(s.stdout))).toEqual(asData(engine.sweep({ lambdas: [0, 1], seeds: 2, validFraction: 0.25, standardize: true, dtype: 'float64', data: apiData() })))
    const table = cli(['sweep', '--data', 'train.csv', '--lambdas', '0,1', '--seeds', '2'], { cwd: dir })
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('train.csv: 5 features, 32 train / 8 test rows')
  })
})
