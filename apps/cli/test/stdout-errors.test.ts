// Runtime failures of the output itself and the history bound (issue 15, items 4 and 9): one line,
// the right exit code, never a stack trace.
import { spawnSync } from 'node:child_process'
import { closeSync, openSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BIN, cliAsync, folder } from './run.js'

/** Runs the binary with its standard output going to /dev/full (every write fails with ENOSPC). */
function toFullDevice(args: string[]): { code: number | null; stderr: string } {
  const full = openSync('/dev/full', 'w')
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 })
    return { code: r.status, stderr: r.stderr }
  } finally {
    closeSync(full)
  }
}

describe('standard output that cannot be written', () => {
  for (const args of [
    ['train', '--epochs', '5', '--format', 'json'],
    ['train', '--epochs', '5', '--format', 'csv'],
    ['compare', '--epochs', '5'],
    ['solve', '--lambda', '1'],
    ['sweep', '--lambdas', '0,1', '--seeds', '1', '--epochs', '5', '--workers', '1'],
    ['--help'],
  ]) {
    it(`${args.join(' ')} > /dev/full: exit 1 with one line, no stack trace`, () => {
      const r = toFullDevice(args)
      expect(r.stderr).toBe('error: cannot write to standard output: no space left on device\n')
      expect(r.code).toBe(1)
    })
  }
})

describe('a run whose history would not fit in memory', () => {
  it('is a usage error naming --eval-every, before any training', async () => {
    const r = await cliAsync(['train', '--num-inputs', '1', '--n-train', '1', '--n-test', '1', '--epochs', String(2 ** 30), '--eval-every', '1', '--batch-size', '1'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^error: .*at most 1e6 history points .*raise evalEvery to at least 1074 .*\(--eval-every\)$/)
    expect(lines[1]).toBe("(run 'weight-decay train --help' for usage)")
  })

  it('compare counts the history of all its runs together', async () => {
    // Six runs of 1e6 points each would make a JSON text longer than V8's longest string.
    const r = await cliAsync(['compare', '--lambdas', '0,1,2,3,4,5', '--num-inputs', '1', '--n-train', '1', '--n-test', '1', '--epochs', '1000000', '--eval-every', '1', '--format', 'json'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error: .*over 6 seeds|^error: .*over 6 runs/)
    expect(r.stderr).toMatch(/at most 1e6 history points[\s\S]*\(--eval-every\)/)
  })

  it('compare too', async () => {
    const r = await cliAsync(['compare', '--lambdas', '0,1', '--epochs', '2000000', '--eval-every', '1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/at most 1e6 history points[\s\S]*\(--eval-every\)/)
  })
})

describe('long histories (within the bound) print and plot', () => {
  const long = ['--num-inputs', '1', '--n-train', '1', '--n-test', '1', '--batch-size', '1', '--epochs', '200000', '--eval-every', '1']
  it('a 200,000-point table and chart (no "Maximum call stack size exceeded")', async () => {
    const dir = folder()
    const r = await cliAsync(['train', ...long, '--plot', `${dir}/long.svg`])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').length).toBeGreaterThan(200_000)
    expect(statSync(`${dir}/long.svg`).size).toBeGreaterThan(1000)
  })
})
