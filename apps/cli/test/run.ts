// Runs the built binary as a user would, capturing its output and exit code.
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const BIN = fileURLToPath(new URL('../dist/main.js', import.meta.url))

export interface Outcome {
  code: number | null
  stdout: string
  stderr: string
}

export function cli(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Outcome {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
    input: options.input ?? '',
    cwd: options.cwd,
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** As `cli`, without blocking, so independent cases can run side by side. */
export function cliAsync(args: string[], options: { env?: Record<string, string>; cwd?: string; timeout?: number } = {}): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...options.env },
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeout ?? 60_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A fresh temporary folder with the given files written into it. */
export function folder(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'weight-decay-cli-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/** A typed-array-free copy of an API result, as the CLI's JSON has it, without the timing. */
export function asData(value: unknown): unknown {
  const data = JSON.parse(JSON.stringify(value, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v))) as Record<string, unknown>
  const strip = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(strip)
    if (x && typeof x === 'object') {
      const o = { ...(x as Record<string, unknown>) }
      delete o.timing
      for (const k of Object.keys(o)) o[k] = strip(o[k])
      return o
    }
    return x
  }
  return strip(data)
}

/** Parses CSV made of numbers, booleans and plain words (what the CLI writes): header and rows. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split('\n')
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((l) => l.split(',')) }
}

/** A CSV cell as a number (empty → NaN). */
export const num = (cell: string | undefined): number => (cell === undefined || cell === '' ? NaN : Number(cell))

/** Synthetic regression rows y = Σ 0.5·x_j + 0.1 + noise, from a small deterministic generator. */
export function regressionRows(n: number, d: number, seed = 1): number[][] {
  let s = seed
  const rand = () => {
    // A linear congruential generator is enough for test data.
    s = (s * 1103515245 + 12345) % 2 ** 31
    return s / 2 ** 31 - 0.5
  }
  return Array.from({ length: n }, () => {
    const x = Array.from({ length: d }, () => rand() * 2)
    const y = x.reduce((a, v) => a + 0.5 * v, 0.1) + rand() * 0.01
    return [...x.map((v) => Number(v.toFixed(6))), Number(y.toFixed(6))]
  })
}

export const toCsvText = (rows: number[][], header?: string[]) => (header ? `${header.join(',')}\n` : '') + rows.map((r) => r.join(',')).join('\n') + '\n'
