// sweep's best λ from the exact optimum by default, --best-by, --coef-path; SGD's warnings on user data.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine, type SweepResult } from '@weight-decay/api'
import { cli, folder, parseCsv } from './run.js'
import { formatValue } from '../src/table.js'

const DATA = fileURLToPath(new URL('../../../data/diabetes.csv', import.meta.url))
let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

describe('sweep: an honest best λ', () => {
  const ARGS = ['sweep', '--data', DATA, '--lambdas', '0,0.001:10:5:log', '--seeds', '2', '--epochs', '5']

  it('by default the exact optimum’s validation loss picks λ; when SGD picks another, the table says both', () => {
    const json = cli([...ARGS, '--format', 'json'])
    expect(json.code).toBe(0)
    const r = JSON.parse(json.stdout) as SweepResult
    const lowest = r.rows.reduce((a, b) => (b.optimum.validLoss! < a.optimum.validLoss! ? b : a))
    expect(r.bestOptimum!.lambda).toBe(lowest.lambda)
    // 5 epochs of SGD are far from converged, so its choice differs here.
    expect(r.best!.lambda).not.toBe(r.bestOptimum!.lambda)
    const table = cli(ARGS)
    expect(table.stdout).toContain(`best λ = ${formatValue(r.bestOptimum!.lambda)} (lowest mean validation loss of the exact optimum); SGD's validation loss picks λ = ${formatValue(r.best!.lambda)} (--best-by sgd)`)
    const marked = table.stdout.split('\n').filter((l) => l.includes('◀ best'))
    expect(marked).toHaveLength(1)
    expect(marked[0]!.trim().split(/\s+/)[0]).toBe(formatValue(r.bestOptimum!.lambda))
    const sgd = cli([...ARGS, '--best-by', 'sgd'])
    expect(sgd.stdout).toContain(`best λ = ${formatValue(r.best!.lambda)} (lowest mean validation loss of SGD); the exact optimum's picks λ = ${formatValue(r.bestOptimum!.lambda)}`)
  })

  it('--coef-path writes one row per λ, one column per feature, equal to solve at that λ', () => {
    const dir = folder()
    const out = cli([...ARGS, '--dtype', 'float64', '--test-fraction', '0', '--coef-path', join(dir, 'path.csv')])
    expect(out.code).toBe(0)
    const { header, rows } = parseCsv(readFileSync(join(dir, 'path.csv'), 'utf8'))
    expect(header).toEqual(['lambda', 'age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6', '(intercept)'])
    expect(rows).toHaveLength(6)
    const solved = cli(['solve', '--data', DATA, '--dtype', 'float64', '--test-fraction', '0', '--lambda', rows[3]![0]!, '--format', 'json'])
    const w = (JSON.parse(solved.stdout) as { w: number[] }).w
    rows[3]!.slice(1, 11).forEach((v, j) => expect(Number(v)).toBe(w[j]))
  })
})

it('--coef-plot draws w_j against log λ on a linear y axis, one series per feature (signed values kept)', () => {
  const dir = folder()
  const out = cli(['sweep', '--data', DATA, '--lambdas', '0.001:100:9:log', '--seeds', '1', '--epochs', '2', '--penalty', 'l1', '--coef-plot', join(dir, 'path.svg')])
  expect(out.code).toBe(0)
  const svg = readFileSync(join(dir, 'path.svg'), 'utf8')
  expect(svg).toContain('<g class="axis y" data-scale="linear"')
  expect(svg).toContain('coefficient path of the exact optimum')
  expect(svg.match(/<path class="line"/g)).toHaveLength(10)
  // sex has a negative weight: a tick below zero exists.
  expect(svg).toMatch(/>[−-]\d+</)
})

describe('SGD on user data says when it is off', () => {
  it('an objective more than 1% above the optimum is a warning with what to change', () => {
    const out = cli(['train', '--data', DATA, '--no-standardize', '--lr', '1e-5', '--lambda', '0.01'])
    expect(out.code).toBe(0)
    expect(out.stderr).toMatch(/^warning: SGD stopped at objective \S+, \S+% above the exact optimum's \S+ \('weight-decay solve' gives it\); try more --epochs \(it is 100\), a larger --lr if it stays stable \(it is 0\.00001\), drop --no-standardize\n$/)
  })

  it('no warning when SGD gets within 1%', () => {
    const out = cli(['train', '--data', DATA, '--lr', '0.05', '--epochs', '300', '--batch-size', '32', '--lambda', '0.01'])
    expect(out.code).toBe(0)
    expect(out.stderr).toBe('')
  })

  it('divergence on raw features suggests standardizing', () => {
    const out = cli(['train', '--data', DATA, '--no-standardize'])
    expect(out.code).toBe(1)
    expect(out.stderr).toMatch(/diverged at epoch \d+: loss became infinite; lower --lr \(it is 0\.003\), or drop --no-standardize so features are scaled to unit variance/)
  })
})
