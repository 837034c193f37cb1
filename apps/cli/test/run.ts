// Runs the built binary as a user would, capturing its output and exit code.
import { spawnSync } from 'node:child_process'
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
