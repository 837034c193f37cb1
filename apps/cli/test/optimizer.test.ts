// The optimizer options of the built binary: values reach the API, ranges come from its rules.
import { beforeAll, describe, expect, it } from 'vitest'
import { CONFIG_RULES, createEngine, describeRule, type Engine } from '@weight-decay/api'
import { asData, cli, cliAsync } from './run.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

const SMALL = ['--num-inputs', '40', '--epochs', '30']
const small = { numInputs: 40, epochs: 30 }

describe('optimizer options (built binary)', () => {
  it('train --optimizer adam --decay decoupled --schedule cosine equals engine.train (AdamW, cosine)', () => {
    const out = cli(['train', ...SMALL, '--optimizer', 'adam', '--lr', '0.01', '--lambda', '1', '--beta1', '0.8', '--beta2', '0.99', '--eps', '1e-7', '--decay', 'decoupled', '--schedule', 'cosine', '--format', 'json'])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    const config = { ...small, optimizer: 'adam', lr: 0.01, lambda: 1, beta1: 0.8, beta2: 0.99, eps: 1e-7, decay: 'decoupled', schedule: 'cosine' } as const
    expect(asData(JSON.parse(out.stdout))).toEqual(asData(engine.train(config)))
  })

  it('compare --momentum 0.9 --nesterov --decay independent equals engine.train per λ, and the table names the optimizer', () => {
    const args = ['compare', ...SMALL, '--lambdas', '0,0.01', '--momentum', '0.9', '--nesterov', '--decay', 'independent']
    const json = cli([...args, '--format', 'json'])
    expect(json.code).toBe(0)
    const expected = [0, 0.01].map((lambda) => engine.train({ ...small, lambda, momentum: 0.9, nesterov: true, decay: 'independent' }))
    expect(asData(JSON.parse(json.stdout))).toEqual(asData({ runs: expected }))
    const table = cli(args)
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('lr 0.003, Nesterov momentum 0.9, independent decay; float32')
  })

  it('sweep carries the optimizer keys to the workers (the engine\'s sweep, bit for bit)', () => {
    const out = cli(['sweep', ...SMALL, '--optimizer', 'adam', '--lr', '0.01', '--decay', 'decoupled', '--lambdas', '0,1', '--seeds', '2', '--format', 'json'])
    expect(out.code).toBe(0)
    const expected = engine.sweep({ ...small, optimizer: 'adam', lr: 0.01, decay: 'decoupled', lambdas: [0, 1], seeds: 2 })
    expect(asData(JSON.parse(out.stdout))).toEqual(asData(expected))
  })

  it('help lists every optimizer option with the range from CONFIG_RULES', () => {
    const help = cli(['train', '--help']).stdout.replace(/\s+/g, ' ')
    expect(help).toContain('Optimizer:')
    for (const key of ['momentum', 'beta1', 'beta2', 'eps'] as const) {
      expect(help).toContain(`--${key} <x>`)
      expect(help).toContain(describeRule(CONFIG_RULES[key]))
    }
    expect(help).toContain('--optimizer <name>')
    expect(help).toMatch(/choices: "sgd", "adam", default: "sgd"/)
    expect(help).toMatch(/choices: "coupled", "decoupled", "independent", default: "coupled"/)
    expect(help).toMatch(/choices: "constant", "cosine", default: "constant"/)
    expect(help).toContain('--nesterov')
    // The exact optimum does not depend on the optimizer: solve has none of these options.
    expect(cli(['solve', '--help']).stdout).not.toContain('--optimizer')
  })

  const bad: [string[], RegExp][] = [
    [['--momentum', '1'], /'--momentum <x>' argument '1' is invalid\. Expected a number from 0 to less than 1\./],
    [['--momentum', '-0.5'], /'--momentum <x>' argument '-0.5' is invalid/],
    [['--beta1', '1'], /'--beta1 <x>' argument '1' is invalid\. Expected a number from 0 to less than 1\./],
    [['--beta2', 'x'], /'--beta2 <x>' argument 'x' is invalid/],
    [['--eps', '0'], /'--eps <x>' argument '0' is invalid\. Expected a number greater than 0 up to 1e6\./],
    [['--optimizer', 'adamw'], /'--optimizer <name>' argument 'adamw' is invalid\. Allowed choices are sgd, adam\./],
    [['--decay', 'weight'], /'--decay <name>' argument 'weight' is invalid/],
    [['--schedule', 'step'], /'--schedule <name>' argument 'step' is invalid/],
    [['--nesterov'], /^error: nesterov needs momentum greater than 0 \(as in torch\.optim\.SGD\); got momentum = 0 \(--nesterov\)$/m],
  ]
  for (const [args, message] of bad) {
    it(`train ${args.join(' ')}: exit 2, one line naming the option and its range, and the help hint`, async () => {
      const out = await cliAsync(['train', ...args])
      expect(out.code).toBe(2)
      expect(out.stdout).toBe('')
      expect(out.stderr).toMatch(message)
      expect(out.stderr).toContain("(run 'weight-decay train --help' for usage)")
      expect(out.stderr.trim().split('\n')).toHaveLength(2)
      expect(out.stderr).not.toMatch(/at .*\.js:\d+/)
    })
  }
})
