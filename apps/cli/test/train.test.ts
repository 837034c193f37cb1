import { beforeAll, describe, expect, it } from 'vitest'
import { createEngine, DEFAULT_CONFIG, type Engine } from '@weight-decay/api'
import { formatNumber } from '../src/table.js'
import { asData, cli, num, parseCsv } from './run.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

describe('weight-decay train (built binary)', () => {
  it('--format json equals engine.train for the same config, every key set from options', () => {
    const args = [
      'train', '--num-inputs', '30', '--n-train', '12', '--n-test', '40', '--true-w', '0.02', '--true-b', '-0.1', '--noise-std', '0.05',
      '--init-std', '0.5', '--batch-size', '4', '--epochs', '30', '--lr', '0.01', '--lambda', '0.5', '--penalty', 'elastic',
      '--l1-ratio', '0.25', '--eval-every', '3', '--no-shuffle', '--dtype', 'float64', '--seed', 'abc', '--format', 'json',
      '--optimizer', 'adam', '--momentum', '0.5', '--nesterov', '--beta1', '0.8', '--beta2', '0.99', '--eps', '1e-6', '--decay', 'decoupled', '--schedule', 'cosine',
    ]
    const out = cli(args)
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    const config = {
      numInputs: 30, nTrain: 12, nTest: 40, trueW: 0.02, trueB: -0.1, noiseStd: 0.05, initStd: 0.5, batchSize: 4, epochs: 30, lr: 0.01,
      lambda: 0.5, penalty: 'elastic', l1Ratio: 0.25, evalEvery: 3, shuffle: false, dtype: 'float64', seed: 'abc',
      optimizer: 'adam', momentum: 0.5, nesterov: true, beta1: 0.8, beta2: 0.99, eps: 1e-6, decay: 'decoupled', schedule: 'cosine',
    } as const
    const json = JSON.parse(out.stdout) as { config: unknown; timing: { trainMs: number } }
    expect(json.config).toEqual(config)
    expect(typeof json.timing.trainMs).toBe('number')
    expect(asData(json)).toEqual(asData(engine.train(config)))
  })

  it('defaults are the API defaults', () => {
    const json = JSON.parse(cli(['train', '--format', 'json']).stdout) as { config: unknown }
    expect(json.config).toEqual(DEFAULT_CONFIG)
  })

  it('an integer --seed is the integer seed, as in the API', () => {
    const out = cli(['train', '--seed', '42', '--epochs', '10', '--format', 'json'])
    const json = JSON.parse(out.stdout) as { config: { seed: unknown } }
    expect(json.config.seed).toBe(42)
    expect(asData(json)).toEqual(asData(engine.train({ seed: 42, epochs: 10 })))
  })

  it('--format csv is the history with a header', () => {
    const out = cli(['train', '--lambda', '3', '--format', 'csv'])
    expect(out.code).toBe(0)
    expect(out.stderr).toBe('')
    const { header, rows } = parseCsv(out.stdout)
    expect(header).toEqual(['epoch', 'trainLoss', 'testLoss'])
    const expected = engine.train({ lambda: 3 }).history.map((p) => [p.epoch, p.trainLoss, p.testLoss])
    expect(rows.map((r) => r.map(num))).toEqual(expected)
  })

  it('the table shows the setting, the history, the final figures and the chart', () => {
    const out = cli(['train', '--lambda', '3'])
    expect(out.code).toBe(0)
    const r = engine.train({ lambda: 3 })
    expect(out.stdout).toContain('200 features, 20 train / 100 test examples; L2 penalty; 100 epochs, batch 5, lr 0.003; float32; seed "weight-decay"')
    expect(out.stdout).toContain(`final (mean ½r²): train loss ${formatNumber(r.trainLoss)}, test loss ${formatNumber(r.testLoss)}, ‖w‖ = ${formatNumber(r.wNorm)}, b = ${formatNumber(r.b)}`)
    expect(out.stdout).toContain('* train   o test')
    expect(out.stdout).toMatch(/^time: data [\d.]+ ms, training [\d.]+ ms, evaluation [\d.]+ ms$/m)
  })

  it('epochs = 0 prints an empty history and the initial figures', () => {
    const out = cli(['train', '--epochs', '0', '--format', 'json'])
    expect(out.code).toBe(0)
    expect(asData(JSON.parse(out.stdout))).toEqual(asData(engine.train({ epochs: 0 })))
    const table = cli(['train', '--epochs', '0'])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('final (mean ½r²): train loss')
  })
})
