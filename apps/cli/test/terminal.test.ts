import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BIN, cli } from './run.js'

const ANSI = /\u001b\[/

/** Runs the binary on a pseudo-terminal (util-linux `script`): stdout and stderr are both a TTY. */
function onTerminal(args: string[], env: Record<string, string> = {}): { code: number | null; output: string } {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const result = spawnSync('script', ['-qec', quoted, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', TERM: 'xterm-256color', ...env },
    timeout: 60_000,
  })
  return { code: result.status, output: result.stdout }
}
const hasScript = spawnSync('script', ['--version']).status === 0

describe('terminal behaviour (built binary)', () => {
  it('piped output has no colour codes and no progress on stderr, for every command', () => {
    for (const args of [['compare'], ['train', '--lambda', '3'], ['sweep', '--seeds', '2', '--lambdas', '0,1,10'], ['solve', '--lambda', '3'], ['train', '--lr', '-1']]) {
      const out = cli(args)
      expect(out.stdout).not.toMatch(ANSI)
      expect(out.stderr).not.toMatch(ANSI)
      if (out.code === 0) expect(out.stderr).toBe('')
    }
  })

  it.skipIf(!hasScript)('on a terminal: colours in tables, charts and errors', () => {
    const table = onTerminal(['sweep', '--seeds', '2', '--lambdas', '0,1,10'])
    expect(table.code).toBe(0)
    expect(table.output).toMatch(ANSI)
    const error = onTerminal(['train', '--lr', '-1'])
    expect(error.code).toBe(2)
    expect(error.output).toMatch(/\u001b\[31merror:/)
  })

  it.skipIf(!hasScript)('NO_COLOR turns colours off even on a terminal', () => {
    for (const args of [['compare'], ['sweep', '--seeds', '2', '--lambdas', '0,1,10'], ['train', '--lr', '-1'], ['train', '--lr', '0.5']]) {
      const out = onTerminal(args, { NO_COLOR: '1' })
      expect(out.output).toContain(args[0] === 'compare' ? 'final ‖w‖' : args[0] === 'sweep' ? 'best λ' : 'error:')
      expect(out.output).not.toMatch(ANSI)
    }
  })

  it.skipIf(!hasScript)('machine formats on a terminal print only the data', () => {
    const out = onTerminal(['train', '--epochs', '10', '--format', 'json'])
    expect(out.code).toBe(0)
    expect(() => JSON.parse(out.output)).not.toThrow()
    expect(out.output).not.toMatch(ANSI)
  })

  it('--help: every command has examples and shows the defaults from the API', () => {
    const root = cli(['--help'])
    expect(root.code).toBe(0)
    expect(root.stdout).toMatch(/Commands:[\s\S]*compare[\s\S]*train[\s\S]*sweep[\s\S]*solve/)
    expect(root.stdout).toContain('Examples:')
    expect(root.stdout).toContain('Exit codes: 0 success, 1 runtime failure')
    for (const command of ['compare', 'train', 'sweep', 'solve']) {
      const help = cli([command, '--help'])
      expect(help.code).toBe(0)
      expect(help.stdout).toContain('Examples:')
      expect(help.stdout).toContain(`$ weight-decay ${command}`)
      expect(help.stdout).toMatch(/--seed <seed>[\s\S]*\(default: "weight-decay"\)/)
      expect(help.stdout).toMatch(/--format <format>[\s\S]*default: "table"/)
    }
    const train = cli(['train', '--help']).stdout.replace(/\s+/g, ' ')
    for (const text of ['--lr <x> learning rate: a number greater than 0 up to 1e6 (default: 0.003)', '--lambda <x> penalty weight λ: a number from 0 to 1e12 (default: 0)', '--num-inputs <n> features d: an integer from 1 to 2^30 (default: 200)', '--no-shuffle', '--eval-every <n>', '--l1-ratio <x>', '--penalty <name>', '--true-w <x>', '--true-b <x>', '--noise-std <x>', '--init-std <x>', '--batch-size <n>', '--n-train <n>', '--n-test <n>', '--epochs <n>', '--dtype <name>']) {
      expect(train).toContain(text)
    }
    expect(cli(['sweep', '--help']).stdout.replace(/\s+/g, ' ')).toContain('(default: 0,0.01:100:13:log)')
    expect(cli(['compare', '--help']).stdout.replace(/\s+/g, ' ')).toContain('(default: 0,10)')
  })

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    const out = cli(['--version'])
    expect(out.code).toBe(0)
    expect(out.stdout.trim()).toBe(version)
  })

  it('a closed pipe ends quietly', () => {
    const result = spawnSync('sh', ['-c', `'${process.execPath}' '${BIN}' compare | head -n 1`], { encoding: 'utf8' })
    expect(result.stdout.split('\n')[0]).toContain('200 features')
    expect(result.stderr).toBe('')
  })
})
