import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, type Engine } from '@weight-decay/api'
import { asData, cli, num, parseCsv } from './run.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

describe('weight-decay compare (built binary)', () => {
  it("runs the seed's experiment and prints both runs' tables, final ‖w‖ and a chart with legend", () => {
    const out = cli(['compare'])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    const norms = [...out.stdout.matchAll(/final ‖w‖ = (\S+)/g)].map((m) => Number(m[1]))
    expect(norms).toHaveLength(2)
    const expected = [0, 10].map((lambda) => engine.train({ lambda }))
    // The table shows four significant digits.
    norms.forEach((n, i) => expect(n).toBe(Number(expected[i]!.wNorm.toPrecision(4))))
    expect(out.stdout).toMatch(/^λ = 0$/m)
    expect(out.stdout).toMatch(/^λ = 10$/m)
    // One table row per history point of each run.
    const rows = out.stdout.split('\n').filter((l) => /^\s+\d+\s+\S+\s+\S+$/.test(l))
    expect(rows).toHaveLength(expected[0]!.history.length + expected[1]!.history.length)
    const row100 = rows.filter((l) => /^\s+100\s/.test(l)).map((l) => l.trim().split(/\s+/).map(Number))
    expect(row100[1]![2]).toBe(Number(expected[1]!.history.at(-1)!.testLoss.toPrecision(4)))
    expect(out.stdout).toContain('loss (log scale)')
    expect(out.stdout).toContain('* λ=0 train   o λ=0 test   + λ=10 train   x λ=10 test')
    expect(out.stdout).not.toMatch(/NaN/)
  })

  it('--format json is the API result of each λ, and nothing else', () => {
    const out = cli(['compare', '--lambdas', '0,3', '--epochs', '40', '--seed', 'json-test', '--format', 'json'])
    expect(out.code).toBe(0)
    expect(out.stderr).toBe('')
    const parsed = JSON.parse(out.stdout) as { runs: unknown[] }
    const expected = [0, 3].map((lambda) => asData(engine.train({ lambda, epochs: 40, seed: 'json-test' })))
    expect(asData(parsed)).toEqual({ runs: expected })
  })

  it('--format csv has a header and one row per λ and epoch, equal to the API history', () => {
    const out = cli(['compare', '--lambdas', '0:10:3', '--format', 'csv'])
    expect(out.code).toBe(0)
    const { header, rows } = parseCsv(out.stdout)
    expect(header).toEqual(['lambda', 'epoch', 'trainLoss', 'testLoss'])
    const expected = [0, 5, 10].flatMap((lambda) => engine.train({ lambda }).history.map((p) => [lambda, p.epoch, p.trainLoss, p.testLoss]))
    expect(rows.map((r) => r.map(num))).toEqual(expected)
  })

  it('a range with :log gives the same λ as lambdaGrid', () => {
    const out = cli(['compare', '--lambdas', '0.1:10:3:log', '--epochs', '5', '--format', 'json'])
    expect(out.code).toBe(0)
    const lambdas = (JSON.parse(out.stdout) as { runs: { config: { lambda: number } }[] }).runs.map((r) => r.config.lambda)
    expect(lambdas).toEqual([0.1, 1, 10])
  })
})
