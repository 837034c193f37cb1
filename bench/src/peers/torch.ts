// The seed's own PyTorch code (bench/python/seed_torch.py) run by Debian's python3 with torch.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The script, for whole-process timings too. */
export const TORCH_SCRIPT = fileURLToPath(new URL('../../python/seed_torch.py', import.meta.url))
/** Debian's interpreter (a pyenv python3 on PATH is a different one, without torch). */
export const PYTHON = process.env['BENCH_PYTHON'] ?? '/usr/bin/python3'

/** torch's version, or why PyTorch cannot be used. */
export function torchVersions(): { torch: string; python: string; threads: number } | { skipped: string } {
  const r = spawnSync(PYTHON, [TORCH_SCRIPT, 'versions'], { encoding: 'utf8' })
  if (r.error) return { skipped: `${PYTHON} not found` }
  if (r.status !== 0) {
    const last = r.stderr.trim().split('\n').at(-1) ?? ''
    return { skipped: last.includes('torch') ? `${PYTHON} -c "import torch" fails (apt-get install python3-torch)` : `${PYTHON} failed: ${last}` }
  }
  return JSON.parse(r.stdout) as { torch: string; python: string; threads: number }
}

/** Runs one mode of the script; returns its per-repetition milliseconds. */
export function runTorch(args: (string | number)[]): number[] {
  const r = spawnSync(PYTHON, [TORCH_SCRIPT, ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (r.status !== 0) throw new Error(`seed_torch.py ${args.join(' ')} failed: ${r.stderr.trim().split('\n').at(-1)}`)
  return (JSON.parse(r.stdout) as { ms: number[] }).ms
}
