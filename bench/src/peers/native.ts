// The C peer: bench/c/sgd.c compiled at bench time with the machine's gcc.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const SOURCE = fileURLToPath(new URL('../../c/sgd.c', import.meta.url))
const OUT_DIR = fileURLToPath(new URL('../../results/bin/', import.meta.url))

/** A compiled variant of the C loop, or why it is missing. */
export type NativeBuild = { binary: string; flags: string[]; gcc: string } | { skipped: string }

/** Compiles sgd.c with `gcc -O3 -march=native` plus `extra` flags. */
export function buildNative(name: string, extra: string[] = []): NativeBuild {
  let gcc: string
  try {
    gcc = execFileSync('gcc', ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim()
  } catch {
    return { skipped: 'gcc not found' }
  }
  mkdirSync(OUT_DIR, { recursive: true })
  const binary = `${OUT_DIR}${name}`
  const flags = ['-O3', '-march=native', ...extra]
  const r = spawnSync('gcc', [...flags, '-o', binary, SOURCE, '-lm'], { encoding: 'utf8' })
  if (r.status !== 0) return { skipped: `gcc failed: ${(r.stderr || r.error?.message || '').split('\n')[0]}` }
  return { binary, flags, gcc }
}

/** Runs the binary with `args`; returns its per-repetition milliseconds. */
export function runNative(binary: string, args: (string | number)[]): number[] {
  const r = spawnSync(binary, args.map(String), { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (r.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed: ${r.stderr}`)
  return (JSON.parse(r.stdout) as { ms: number[] }).ms
}
