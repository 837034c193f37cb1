// Scenario 8: what loading costs, per entry point: the embedded wasm (`@weight-decay/api`, the
// default) against the wasm file (`@weight-decay/api/url`). Each sample is a fresh Node process
// that times its own `import()` and first `createEngine()`, so module caches never help.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { summarize, type Summary } from './stats.js'

const BENCH = fileURLToPath(new URL('..', import.meta.url))
const API = new URL('../../packages/api/', import.meta.url)

interface Sample {
  importMs: number
  createMs: number
}

function sample(specifier: string): Sample {
  const script = `const t0 = performance.now(); const m = await import(${JSON.stringify(specifier)}); const t1 = performance.now(); await m.createEngine(); const t2 = performance.now(); console.log(JSON.stringify({ importMs: t1 - t0, createMs: t2 - t1 }))`
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: BENCH, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`loading ${specifier} failed: ${r.stderr.split('\n')[0]}`)
  return JSON.parse(r.stdout) as Sample
}

function size(path: string): string {
  const bytes = readFileSync(new URL(path, API))
  return `${bytes.byteLength} B (gzip ${gzipSync(bytes, { level: 9 }).byteLength} B)`
}

/** Times both entries and notes their sizes; `record` and `heading` are main.ts's. */
export function loading(runs: number, heading: (title: string) => void, record: (row: { scenario: string; impl: string; summary: Summary; note?: string }) => void, note: (line: string) => void): void {
  const scenario = '8. loading: import + first createEngine() in a fresh Node process'
  heading(scenario)
  for (const [label, specifier] of [['@weight-decay/api (wasm embedded, base64)', '@weight-decay/api'], ['@weight-decay/api/url (wasm file)', '@weight-decay/api/url']] as const) {
    const samples = Array.from({ length: runs }, () => sample(specifier))
    record({ scenario, impl: `${label}: import`, summary: summarize(samples.map((s) => s.importMs)) })
    record({ scenario, impl: `${label}: createEngine`, summary: summarize(samples.map((s) => s.createMs)) })
  }
  note(`embedded wasm module dist/generated/core-wasm.js: ${size('dist/generated/core-wasm.js')}; the wasm file wasm/core.wasm: ${size('wasm/core.wasm')}`)
  note(`self-contained worker dist/generated/worker-inline.js (loaded only when the pool uses it): ${size('dist/generated/worker-inline.js')}`)
}
