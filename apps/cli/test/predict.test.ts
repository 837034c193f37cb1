// Standardized solve against scikit-learn, save → predict round trips, and every bad model file.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Model } from '@weight-decay/api'
import { cli, folder, parseCsv } from './run.js'

const DATA = fileURLToPath(new URL('../../../data/diabetes.csv', import.meta.url))
const fixture = JSON.parse(readFileSync(new URL('../../../data/sklearn-fixtures.json', import.meta.url), 'utf8')) as {
  featureNames: string[]
  solves: { penalty: string; lambda: number; w: number[]; b: number; trainLoss: number }[]
}
const lines = readFileSync(DATA, 'utf8').trim().split('\n')
const header = lines[0]!.split(',')
const table = lines.slice(1).map((l) => l.split(',').map(Number))
const x = table.map((r) => r.slice(0, -1))
const err = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-9)
// Train on every row (test = the same file), in float64 as scikit-learn.
const ALL = ['--data', DATA, '--test-data', DATA, '--dtype', 'float64']

describe('standardized solve against scikit-learn (StandardScaler + Ridge / Lasso)', () => {
  for (const s of fixture.solves.filter((q) => q.penalty !== 'elastic')) {
    it(`${s.penalty}, λ = ${s.lambda}: named coefficients in original units`, () => {
      const out = cli(['solve', ...ALL, '--penalty', s.penalty, '--lambda', String(s.lambda), '--format', 'json'])
      expect(out.code).toBe(0)
      const r = JSON.parse(out.stdout) as { w: number[]; b: number; featureNames: string[]; trainLoss: number }
      expect(r.featureNames).toEqual(fixture.featureNames)
      const scale = Math.max(...s.w.map(Math.abs))
      r.w.forEach((w, j) => expect(Math.abs(w - s.w[j]!) / scale).toBeLessThan(s.penalty === 'l2' ? 1e-9 : 1e-7))
      expect(err(r.b, s.b)).toBeLessThan(s.penalty === 'l2' ? 1e-9 : 1e-7)
      expect(err(r.trainLoss, s.trainLoss)).toBeLessThan(1e-10)
    })
  }

  it('--format csv: one row per coefficient, by name, the intercept last', () => {
    const s = fixture.solves[0]!
    const out = cli(['solve', ...ALL, '--lambda', String(s.lambda), '--format', 'csv'])
    const { header: h, rows } = parseCsv(out.stdout)
    expect(h).toEqual(['feature', 'weight'])
    expect(rows.map((r) => r[0])).toEqual([...fixture.featureNames, '(intercept)'])
    rows.slice(0, -1).forEach((r, j) => expect(Math.abs(Number(r[1]) - s.w[j]!) / 60).toBeLessThan(1e-9))
  })

  it('the l1 table marks exact zeros and counts the non-zeros; it says the features were standardized', () => {
    const s = fixture.solves.find((q) => q.penalty === 'l1' && q.lambda === 0.5)!
    const out = cli(['solve', ...ALL, '--penalty', 'l1', '--lambda', '0.5'])
    const zeros = s.w.map((v, j) => [fixture.featureNames[j], v] as const).filter(([, v]) => v === 0)
    expect(zeros.length).toBeGreaterThan(0)
    for (const [name] of zeros) expect(out.stdout).toMatch(new RegExp(`^${name}\\s+0\\s+zero$`, 'm'))
    expect(out.stdout).toContain(`${s.w.length - zeros.length} of ${s.w.length} coefficients are non-zero`)
    expect(out.stdout).toContain('features standardized on the training rows')
  })

  it('--no-standardize solves on the raw features (and says so)', () => {
    const raw = JSON.parse(cli(['solve', ...ALL, '--lambda', '0.01', '--no-standardize', '--format', 'json']).stdout) as { w: number[]; config: { standardize: boolean } }
    expect(raw.config.standardize).toBe(false)
    expect(Math.abs(raw.w[2]! - fixture.solves[0]!.w[2]!)).toBeGreaterThan(1e-6)
    expect(cli(['solve', ...ALL, '--lambda', '0.01', '--no-standardize']).stdout).toContain('features used as they are (--no-standardize)')
  })
})

describe('--save and predict', () => {
  it('solve --save → predict equals X·w + b of the saved model and scikit-learn’s predictions', () => {
    const dir = folder()
    const file = join(dir, 'model.json')
    const s = fixture.solves[1]!
    expect(cli(['solve', ...ALL, '--lambda', String(s.lambda), '--save', file]).code).toBe(0)
    const model = JSON.parse(readFileSync(file, 'utf8')) as Model
    expect(model).toMatchObject({ format: 'weight-decay-model', formatVersion: 1, fittedBy: 'optimum', featureNames: fixture.featureNames, target: 'progression', lambda: s.lambda, penalty: 'l2' })
    expect(model.standardization!.scale).toHaveLength(10)
    expect(model.config).toMatchObject({ standardize: true, data: { target: 'progression' } })
    const out = cli(['predict', '--model', file, '--data', DATA, '--format', 'json'])
    expect(out.code).toBe(0)
    expect(out.stderr).toBe('note: columns not in the model, ignored: progression\n')
    const p = (JSON.parse(out.stdout) as { predictions: number[] }).predictions
    expect(p).toHaveLength(442)
    x.forEach((row, i) => {
      const mine = row.reduce((a, v, j) => a + v * model.w[j]!, model.b)
      const sk = row.reduce((a, v, j) => a + v * s.w[j]!, s.b)
      expect(err(p[i]!, mine)).toBeLessThan(1e-12)
      expect(err(p[i]!, sk)).toBeLessThan(1e-9)
    })
  })

  it('predict matches columns by name: reordered columns give the same predictions; csv has one per row', () => {
    const dir = folder()
    const file = join(dir, 'model.json')
    expect(cli(['train', '--data', DATA, '--lambda', '0.01', '--save', file]).code).toBe(0)
    const order = [...header].reverse()
    const idx = order.map((n) => header.indexOf(n))
    writeFileSync(join(dir, 'rev.csv'), [order.join(';'), ...table.map((r) => idx.map((j) => r[j]).join(';'))].join('\n') + '\n')
    const a = cli(['predict', '--model', file, '--data', DATA, '--format', 'csv'])
    const b = cli(['predict', '--model', file, '--data', join(dir, 'rev.csv'), '--format', 'csv'])
    expect(a.code).toBe(0)
    expect(b.stdout).toBe(a.stdout)
    expect(parseCsv(a.stdout).rows).toHaveLength(442)
    expect((JSON.parse(readFileSync(file, 'utf8')) as Model).fittedBy).toBe('sgd')
    // Columns the model does not use are not even parsed: text ids are fine.
    writeFileSync(join(dir, 'ids.csv'), ['patient,' + lines[0], ...lines.slice(1).map((l, i) => `p${i},${l}`)].join('\n') + '\n')
    const c = cli(['predict', '--model', file, '--data', join(dir, 'ids.csv'), '--format', 'csv'])
    expect(c.stdout).toBe(a.stdout)
    expect(c.stderr).toBe('note: columns not in the model, ignored: patient, progression\n')
  })

  const dir = folder()
  const good = join(dir, 'good.json')
  cli(['solve', ...ALL, '--lambda', '0.1', '--save', good])
  const model = () => JSON.parse(readFileSync(good, 'utf8')) as Record<string, unknown>
  const bad: [string, () => string, RegExp][] = [
    ['an empty file', () => '', /not a valid model file: the file is empty/],
    ['a truncated file', () => readFileSync(good, 'utf8').slice(0, 100), /not complete JSON \(truncated or corrupt/],
    ['a newer format version', () => JSON.stringify({ ...model(), formatVersion: 99 }), /format version 99, newer than this version of weight-decay reads/],
    ['w of the wrong length', () => JSON.stringify({ ...model(), w: [1, 2] }), /w has 2 entries but there are 10 features/],
    ['another kind of JSON', () => JSON.stringify({ hello: 1 }), /"format" must be "weight-decay-model"/],
  ]
  for (const [what, text, message] of bad) {
    it(`${what}: exit 2 with one line saying what is wrong`, () => {
      const f = join(dir, 'bad.json')
      writeFileSync(f, text())
      const out = cli(['predict', '--model', f, '--data', DATA])
      expect(out.code).toBe(2)
      expect(out.stdout).toBe('')
      expect(out.stderr).toMatch(message)
      expect(out.stderr.split('\n')[0]).toMatch(/^error: .*bad\.json: /)
    })
  }

  it('a missing model file is exit 1; a data file without a model column is exit 2 naming it', () => {
    const missing = cli(['predict', '--model', join(dir, 'nope.json'), '--data', DATA])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file or directory/)
    writeFileSync(join(dir, 'narrow.csv'), 'age,sex\n1,2\n')
    const narrow = cli(['predict', '--model', good, '--data', join(dir, 'narrow.csv')])
    expect(narrow.code).toBe(2)
    expect(narrow.stderr).toMatch(/narrow\.csv has no column "bmi", which the model needs; its columns are "age", "sex"/)
  })
})
