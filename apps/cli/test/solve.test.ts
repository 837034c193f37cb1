import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine } from '@weight-decay/api'
import { asData, cli, num, parseCsv } from './run.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

describe('weight-decay solve (built binary)', () => {
  it('--format json equals engine.solve', () => {
    for (const [args, options] of [
      [['--lambda', '3'], { lambda: 3 }],
      [['--lambda', '0.01', '--penalty', 'l1', '--num-inputs', '20', '--seed', '5'], { lambda: 0.01, penalty: 'l1', numInputs: 20, seed: 5 }],
    ] as const) {
      const out = cli(['solve', ...args, '--format', 'json'])
      expect(out.stderr).toBe('')
      expect(out.code).toBe(0)
      expect(asData(JSON.parse(out.stdout))).toEqual(asData(engine.solve(options)))
    }
  })

  it('--format csv is one row of the figures', () => {
    const out = cli(['solve', '--lambda', '3', '--format', 'csv'])
    const { header, rows } = parseCsv(out.stdout)
    const r = engine.solve({ lambda: 3 })
    expect(header).toEqual(['lambda', 'penalty', 'l1Ratio', 'method', 'trainLoss', 'testLoss', 'wNorm', 'b', 'objective', 'passes', 'converged'])
    expect(rows).toHaveLength(1)
    const row = rows[0]!
    expect([num(row[0]), row[1], row[3], num(row[4]), num(row[5]), num(row[6]), num(row[7]), num(row[8]), row[10]]).toEqual([
      3, 'l2', 'closed-form', r.trainLoss, r.testLoss, r.wNorm, r.b, r.objective, 'true',
    ])
  })

  it('the table names the objective, the method and the figures; SGD-only options are not offered', () => {
    const out = cli(['solve', '--lambda', '3'])
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('exact optimum of mean(½ r²) + λ·½‖w‖², λ = 3 (closed form)')
    expect(out.stdout).toMatch(/^‖w‖\s+\S+$/m)
    const lr = cli(['solve', '--lr', '0.1'])
    expect(lr.code).toBe(2)
    expect(lr.stderr).toContain("unknown option '--lr'")
  })
})
