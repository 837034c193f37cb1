import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, lambdaGrid, type Engine, type SweepResult } from '@weight-decay/api'
import { formatValue } from '../src/table.js'
import { asData, cli, num, parseCsv } from './run.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

// Small problems keep the suite quick; the numbers are checked against the API's own sweep.
const SMALL = ['--num-inputs', '40', '--epochs', '40']
const small = { numInputs: 40, epochs: 40 }

describe('weight-decay sweep (built binary, worker pool)', () => {
  it('--format json equals engine.sweep for the same options', () => {
    const out = cli(['sweep', ...SMALL, '--lambdas', '0,0.1:10:5:log', '--seeds', '3', '--n-valid', '50', '--format', 'json'])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    const lambdas = [0, ...lambdaGrid({ min: 0.1, max: 10, count: 5 })]
    const expected = engine.sweep({ ...small, lambdas, seeds: 3, nValid: 50 })
    expect(asData(JSON.parse(out.stdout))).toEqual(asData(expected))
  })

  it('one worker gives the same bits as two; a seed list is taken as seeds', () => {
    const args = ['sweep', ...SMALL, '--lambdas', '0,1,10', '--seeds', 'a,b,7', '--format', 'json']
    const one = cli([...args, '--workers', '1'])
    const two = cli([...args, '--workers', '2'])
    expect(one.code).toBe(0)
    expect(one.stdout).toBe(two.stdout)
    const parsed = JSON.parse(one.stdout) as SweepResult
    expect(parsed.seeds).toEqual(['a', 'b', 7])
    expect(asData(parsed)).toEqual(asData(engine.sweep({ ...small, lambdas: [0, 1, 10], seeds: ['a', 'b', 7] })))
  })

  it('--format csv: one row per λ with means, p10, p90, the optimum and the best mark', () => {
    const out = cli(['sweep', ...SMALL, '--lambdas', '0,1,3,10', '--seeds', '2', '--format', 'csv', '--best-by', 'sgd'])
    expect(out.code).toBe(0)
    const { header, rows } = parseCsv(out.stdout)
    expect(header).toEqual([
      'lambda',
      'trainLoss.mean', 'trainLoss.p10', 'trainLoss.p90',
      'testLoss.mean', 'testLoss.p10', 'testLoss.p90',
      'validLoss.mean', 'validLoss.p10', 'validLoss.p90',
      'wNorm.mean', 'wNorm.p10', 'wNorm.p90',
      'diverged',
      'optimum.trainLoss', 'optimum.testLoss', 'optimum.validLoss', 'optimum.wNorm',
      'best',
    ])
    const expected = engine.sweep({ ...small, lambdas: [0, 1, 3, 10], seeds: 2 })
    expect(rows).toHaveLength(4)
    rows.forEach((row, i) => {
      const r = expected.rows[i]!
      expect(num(row[0])).toBe(r.lambda)
      expect([num(row[1]), num(row[2]), num(row[3])]).toEqual([r.trainLoss!.mean, r.trainLoss!.p10, r.trainLoss!.p90])
      expect([num(row[4]), num(row[10])]).toEqual([r.testLoss!.mean, r.wNorm!.mean])
      expect(num(row[7])).toBe(r.validLoss!.mean)
      expect(num(row[13])).toBe(r.diverged)
      expect([num(row[14]), num(row[15]), num(row[16]), num(row[17])]).toEqual([r.optimum.trainLoss, r.optimum.testLoss, r.optimum.validLoss, r.optimum.wNorm])
      expect(row[18]).toBe(String(expected.best!.lambda === r.lambda))
    })
  })

  it('the table marks the best λ, shows the optimum beside SGD and draws the chart over λ', () => {
    const out = cli(['sweep', ...SMALL, '--lambdas', '0,1,3,10', '--seeds', '2', '--best-by', 'sgd'])
    expect(out.code).toBe(0)
    const expected = engine.sweep({ ...small, lambdas: [0, 1, 3, 10], seeds: 2 })
    const best = expected.best!.lambda
    const marked = out.stdout.split('\n').filter((l) => l.includes('◀ best'))
    expect(marked).toHaveLength(1)
    expect(marked[0]!.trim().split(/\s+/)[0]).toBe(formatValue(best))
    expect(out.stdout).toContain(`best λ = ${formatValue(best)} (lowest mean validation loss of SGD)`)
    expect(out.stdout).toMatch(/λ\s+train loss\s+test loss\s+valid loss\s+‖w‖\s+│\s+opt\. train\s+opt\. test\s+opt\. valid\s+opt\. ‖w‖/)
    expect(out.stdout).toContain('λ (log scale)')
    expect(out.stdout).toContain('* SGD train   o SGD test   + SGD validation   x optimum test')
  })

  it('diverged λ are counted, shown as dashes and the sweep still succeeds', () => {
    const out = cli(['sweep', ...SMALL, '--lambdas', '1,1000', '--seeds', '2'])
    expect(out.code).toBe(0)
    const row = out.stdout.split('\n').find((l) => /^\s*1000\s/.test(l))!
    expect(row).toContain('2/2')
    expect(row).toContain('—')
    expect(out.stdout).not.toMatch(/NaN|Infinity/)
    const json = JSON.parse(cli(['sweep', ...SMALL, '--lambdas', '1,1000', '--seeds', '2', '--format', 'json']).stdout) as SweepResult
    expect(json.rows[1]!.diverged).toBe(2)
    expect(json.rows[1]!.testLoss).toBeNull()
  })

  it('--n-valid 0: no validation column and no best λ', () => {
    const out = cli(['sweep', ...SMALL, '--lambdas', '0,1', '--seeds', '1', '--n-valid', '0'])
    expect(out.code).toBe(0)
    expect(out.stdout).not.toContain('valid loss')
    expect(out.stdout).toContain('no validation set, so no best λ')
    const json = JSON.parse(cli(['sweep', ...SMALL, '--lambdas', '0,1', '--seeds', '1', '--n-valid', '0', '--format', 'json']).stdout) as SweepResult
    expect(json.best).toBeNull()
  })
})
