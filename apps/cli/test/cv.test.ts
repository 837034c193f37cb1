// `weight-decay cv` on the diabetes data against scikit-learn's figures (data/sklearn-fixtures.json).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type CvResult, type Engine } from '@weight-decay/api'
import { cli, folder } from './run.js'

const DATA = fileURLToPath(new URL('../../../data/diabetes.csv', import.meta.url))
const fixture = JSON.parse(readFileSync(new URL('../../../data/sklearn-fixtures.json', import.meta.url), 'utf8')) as {
  loo: { lambdas: number[]; rows: { lambda: number; mean: number; se: number }[]; best: number }
}
const table = readFileSync(DATA, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number))
const x = table.map((r) => r.slice(0, -1))
const y = table.map((r) => r.at(-1)!)
const err = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

const json = (args: string[]) => {
  const out = cli(args)
  expect(out.stderr).toBe('')
  expect(out.code).toBe(0)
  return JSON.parse(out.stdout) as CvResult & { config: { data: { rows: { train: number; test: number } } } }
}

describe('weight-decay cv (built binary)', () => {
  it('--folds loo is exact leave-one-out: RidgeCV’s figures to 1e-10, the same λ.min', () => {
    const r = json(['cv', '--data', DATA, '--folds', 'loo', '--dtype', 'float64', '--lambdas', fixture.loo.lambdas.join(','), '--format', 'json'])
    expect(Object.keys(r)).toEqual(['config', 'rows', 'best'])
    expect(r.config).toMatchObject({ folds: 'loo', method: 'exact-loo', standardize: true, nRows: 442, data: { target: 'progression', rows: { train: 442, test: 0 } } })
    r.rows.forEach((row, i) => {
      expect(row.lambda).toBe(fixture.loo.lambdas[i])
      expect(err(row.mean, fixture.loo.rows[i]!.mean)).toBeLessThan(1e-10)
      expect(err(row.se, fixture.loo.rows[i]!.se)).toBeLessThan(1e-8)
    })
    expect(r.best!.min).toBe(fixture.loo.best)
  })

  it('--folds 5 uses every row, seeded folds: equals engine.cv on the same data and seed', () => {
    const lambdas = [0.001, 0.01, 0.1, 1]
    const args = ['cv', '--data', DATA, '--folds', '5', '--dtype', 'float64', '--lambdas', lambdas.join(','), '--format', 'json']
    const r = json(args)
    const api = engine.cv({ data: { xTrain: x, yTrain: y }, standardize: true, dtype: 'float64', lambdas, folds: 5 })
    expect(r.rows).toEqual(api.rows)
    expect(r.best).toEqual(api.best)
    expect(json([...args, '--seed', 'other']).rows[0]!.mean).not.toBe(r.rows[0]!.mean)
  })

  it('the table marks λ.min and λ.1se and says how folds were fitted; --plot writes the curve', () => {
    const dir = folder()
    const out = cli(['cv', '--data', DATA, '--dtype', 'float64', '--plot', join(dir, 'cv.svg')])
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('5-fold over 442 rows')
    expect(out.stdout).toMatch(/◀ min/)
    expect(out.stdout).toMatch(/◀ 1se/)
    expect(out.stdout).toMatch(/λ\.min = \S+ \(lowest mean\); λ\.1se = \S+ \(largest λ within one SE of it\)/)
    expect(out.stdout).toContain('CV loss (mean ½r²)')
    expect(readFileSync(join(dir, 'cv.svg'), 'utf8')).toMatch(/<svg[\s\S]*λ\.min[\s\S]*<\/svg>\s*$/)
  })

  it('--by sgd trains each fold', () => {
    const r = json(['cv', '--data', DATA, '--folds', '3', '--by', 'sgd', '--lambdas', '0.01', '--epochs', '20', '--lr', '0.05', '--format', 'json'])
    expect(r.config.by).toBe('sgd')
    expect(r.rows[0]!.mean).toBeGreaterThan(1000)
  })

  it('bad --folds: usage errors with exit 2', () => {
    expect(cli(['cv', '--data', DATA, '--folds', '1']).code).toBe(2)
    const tooMany = cli(['cv', '--data', DATA, '--folds', '500'])
    expect(tooMany.code).toBe(2)
    expect(tooMany.stderr).toMatch(/folds must be an integer from 2 to 442; got 500 \(--folds\)/)
  })
})

it('the diabetes CSV the docs use is in the repo', () => {
  expect(existsSync(DATA)).toBe(true)
})
