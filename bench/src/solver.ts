// Scenario 7: the exact solver (engine.solve, and the λ path through engine.sweep) against
// scikit-learn / numpy run by Debian's python3 in the same run, on the same data, one thread,
// float64; plus the wasm SIMD peak, the Gram kernel's rate and the solver's memory.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEngine, type Engine } from '@weight-decay/api'
import { summarize, type Summary } from './stats.js'

const SCRIPT = fileURLToPath(new URL('../python/solver_sklearn.py', import.meta.url))
const PYTHON = process.env['BENCH_PYTHON'] ?? '/usr/bin/python3'

/** What main.ts lends a scenario file: its table and notes. */
export interface Reporter {
  record(row: { scenario: string; impl: string; summary?: Summary; ratio?: number; note?: string; skipped?: string }): void
  heading(title: string): void
  note(text: string): void
  reps(full: number, quick?: number): number
}

/** The core's raw exports and allocator (internal: for the kernel rates only). */
interface RawCore {
  exports: { simdPeak(buf: number, it: number): number; panelBytes(r: number, c: number): number; gramPanels(a: number, r: number, c: number, g: number): void; free(p: number): void }
  alloc(bytes: number): number
  f64(ptr: number, n: number): Float64Array
}

/** n × d standard normal X (row-major) and y = X·w + 0.5 + 0.1·noise with w sparse (every `every`-th weight nonzero). */
export function makeData(n: number, d: number, every: number, seed: number): { x: Float64Array; y: Float64Array } {
  let s = seed >>> 0 || 1
  const uniform = (): number => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return ((s >>> 0) + 0.5) / 4294967296
  }
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
  const w = Float64Array.from({ length: d }, (_, j) => (j % every === 0 ? normal() : 0))
  const x = new Float64Array(n * d)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let t = 0.5
    for (let j = 0; j < d; j++) {
      const v = normal()
      x[i * d + j] = v
      t += v * w[j]!
    }
    y[i] = t + 0.1 * normal()
  }
  return { x, y }
}

/** Issue 11's memory budget, 2·(n·d + min(n, d)²)·8 bytes, and the growth measured against it. */
function memoryNote(grown: number, n: number, d: number): string {
  const m = Math.min(n, d)
  const target = 2 * (n * d + m * m) * 8
  const mib = (b: number) => (b / 2 ** 20).toFixed(1)
  return `wasm memory +${mib(grown)} MiB, data included (target ≤ ${mib(target)} MiB: ${grown <= target ? 'within' : 'OVER'}, ${(grown / target).toFixed(2)}×)`
}

function times(fn: () => unknown, runs: number): number[] {
  return Array.from({ length: runs }, () => {
    const t0 = performance.now()
    fn()
    return performance.now() - t0
  })
}

/** Runs the Python peer; its JSON, or why it is skipped. */
function python(args: (string | number)[]): { ms: number[]; tol?: number; kkt?: number; met?: boolean } | { skipped: string } {
  const r = spawnSync(PYTHON, [SCRIPT, ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (r.error) return { skipped: `${PYTHON} not found` }
  if (r.status !== 0) return { skipped: `scikit-learn peer failed: ${r.stderr.trim().split('\n').at(-1)}` }
  return JSON.parse(r.stdout)
}

/** Runs scenario 7; `only` picks the parts (kernel, ridge, path, minnorm, lasso) from BENCH_SOLVER, default all. */
export async function solverScenario(report: Reporter): Promise<void> {
  const parts = new Set((process.env['BENCH_SOLVER'] ?? 'kernel,ridge,path,minnorm,lasso').split(','))
  const versions = python(['versions'])
  const peerNote = 'skipped' in versions ? versions.skipped : `scikit-learn ${(versions as unknown as { sklearn: string }).sklearn}, numpy ${(versions as unknown as { numpy: string }).numpy}, one BLAS thread`
  if ('skipped' in versions) report.note(`!!! scenario 7: the scikit-learn peer is SKIPPED (${versions.skipped}); install python3-sklearn or set BENCH_PYTHON`)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wd-solver-'))
  const peer = (scenario: string, impl: string, ours: Summary, args: (string | number)[], extra = 0, note?: string): void => {
    if ('skipped' in versions) return report.record({ scenario, impl, skipped: versions.skipped })
    const r = python(args)
    if ('skipped' in r) return report.record({ scenario, impl, skipped: r.skipped })
    const summary = summarize(r.ms.map((v) => v + extra))
    const tolNote = r.tol !== undefined ? `tol=${r.tol}, its KKT ${r.kkt!.toExponential(2)}${r.met ? '' : ' (bound NOT met even at 1e-16)'}` : undefined
    report.record({ scenario, impl, summary, ratio: summary.median / ours.median, note: [note, tolNote].filter(Boolean).join('; ') || undefined })
  }
  const files = (n: number, d: number, every: number) => {
    const { x, y } = makeData(n, d, every, n * 31 + d)
    const xf = path.join(dir, `x-${n}-${d}.bin`)
    const yf = path.join(dir, `y-${n}-${d}.bin`)
    writeFileSync(xf, new Uint8Array(x.buffer))
    writeFileSync(yf, new Uint8Array(y.buffer))
    return { x, y, xf, yf, data: { xTrain: x, yTrain: y, xTest: x.subarray(0, d), yTest: y.subarray(0, 1) } }
  }
  try {
    if (parts.has('kernel')) {
      const scenario = '7a. wasm SIMD peak and the Gram (SYRK) kernel, f64x2, one thread'
      report.heading(scenario)
      const engine = await createEngine()
      const core = (engine as unknown as { core: RawCore }).core
      const buf = core.alloc(4096)
      core.f64(buf, 512).fill(1)
      const iterations = 5e7
      const peakMs = summarize(times(() => core.exports.simdPeak(buf, iterations), report.reps(7, 3)))
      const peak = (iterations * 48) / peakMs.min / 1e6
      report.record({ scenario, impl: 'peak: 12 independent f64x2 mul+add chains, registers only', summary: peakMs, note: `${peak.toFixed(2)} GFLOP/s at the fastest run` })
      for (const [rows, cols] of [[2000, 2000], [16384, 1024]] as const) {
        const a = core.alloc(core.exports.panelBytes(rows, cols))
        core.f64(a, core.exports.panelBytes(rows, cols) / 8).fill(0.5)
        const g = core.alloc(cols * cols * 8)
        const s = summarize(times(() => core.exports.gramPanels(a, rows, cols, g), report.reps(5, 2)))
        const rate = (rows * cols * (cols + 4)) / s.median / 1e6
        report.record({ scenario, impl: `Gram AᵀA, A ${rows} × ${cols} (panels)`, summary: s, note: `${rate.toFixed(2)} GFLOP/s median = ${((100 * rate) / peak).toFixed(0)}% of the peak` })
        core.exports.free(a)
        core.exports.free(g)
      }
      report.note(`scenario 7a: the peak is simdPeak in packages/core/assembly/blas.ts (each round 12 mul + 12 add on f64x2 = 48 flops, operands in registers, one L1 load); GFLOP/s = flops / the fastest of ${report.reps(7, 3)} runs`)
    }
    const lambda = 0.01
    if (parts.has('ridge') || parts.has('path')) {
      for (const [d, n] of [[2000, 2000], [4096, 1024], [1024, 16384]] as const) {
        const f = files(n, d, 10)
        if (parts.has('ridge')) {
          const scenario = `7b. ridge, one λ = ${lambda}, d × nTrain = ${d} × ${n}, float64`
          report.heading(scenario)
          const engine: Engine = await createEngine()
          const base = engine.memoryBytes
          const ours = summarize(times(() => engine.solve({ data: f.data, numInputs: d, dtype: 'float64', lambda }), report.reps(3, 1)))
          report.record({ scenario, impl: 'engine.solve (Cholesky of the smaller system)', summary: ours, note: memoryNote(engine.memoryBytes - base, n, d) })
          peer(scenario, `scikit-learn Ridge(alpha = n·λ)`, ours, ['ridge', f.xf, f.yf, n, d, lambda, 0, report.reps(3, 1)], 0, peerNote)
        }
        if (parts.has('path')) {
          const scenario = `7c. ridge path, 64 λ in [1e-4, 1e2], d × nTrain = ${d} × ${n}, float64`
          report.heading(scenario)
          const engine: Engine = await createEngine()
          const base = engine.memoryBytes
          const lambdas = Array.from({ length: 64 }, (_, i) => 10 ** (-4 + (6 * i) / 63))
          const ours = summarize(times(() => engine.sweep({ data: f.data, numInputs: d, dtype: 'float64', lambdas, seeds: 1, epochs: 0, validFraction: 0 }), report.reps(2, 1)))
          report.record({ scenario, impl: 'engine.sweep (one tridiagonalization; SGD with 0 epochs)', summary: ours, note: memoryNote(engine.memoryBytes - base, n, d) })
          if (!('skipped' in versions)) {
            const fit = python(['ridge', f.xf, f.yf, n, d, lambda, 0, report.reps(3, 1)])
            const extra = 'skipped' in fit ? 0 : summarize(fit.ms).median
            peer(scenario, "numpy eigh of the Gram matrix + one scikit-learn Ridge fit", ours, ['eigh', f.xf, f.yf, n, d, lambda, 0, report.reps(3, 1)], extra, peerNote)
          } else report.record({ scenario, impl: 'numpy eigh + Ridge', skipped: versions.skipped })
        }
        rmSync(f.xf)
        rmSync(f.yf)
      }
    }
    if (parts.has('minnorm')) {
      for (const [d, n] of [[2000, 2000], [4096, 1024], [1024, 16384]] as const) {
        const f = files(n, d, 10)
        const scenario = `7e. ridge, λ = 0 (minimum-norm least squares), d × nTrain = ${d} × ${n}, float64`
        report.heading(scenario)
        const engine: Engine = await createEngine()
        const base = engine.memoryBytes
        const ours = summarize(times(() => engine.solve({ data: f.data, numInputs: d, dtype: 'float64', lambda: 0 }), report.reps(3, 1)))
        report.record({ scenario, impl: 'engine.solve (blocked tridiagonalization, divide and conquer; eigenvectors kept factored)', summary: ours, note: memoryNote(engine.memoryBytes - base, n, d) })
        peer(scenario, 'numpy lstsq of the centred data (SVD, min-norm)', ours, ['lstsq', f.xf, f.yf, n, d, 0, 0, report.reps(3, 1)], 0, peerNote)
        peer(scenario, 'numpy eigh of the centred Gram matrix', ours, ['eigh', f.xf, f.yf, n, d, 0, 0, report.reps(3, 1)], 0, peerNote)
        rmSync(f.xf)
        rmSync(f.yf)
      }
    }
    if (parts.has('lasso')) {
      for (const [d, n] of [[2000, 500], [500, 5000]] as const) {
        const f = files(n, d, 10)
        for (const [penalty, rho] of [['l1', 1], ['elastic', 0.5]] as const) {
          const scenario = `7d. ${penalty === 'l1' ? 'lasso' : 'elastic net ρ = 0.5'}, λ = ${lambda}, d × nTrain = ${d} × ${n}, float64, KKT ≤ 1e-10 × λmax`
          report.heading(scenario)
          const engine: Engine = await createEngine()
          let kkt = 0
          let tolerance = 0
          const ours = summarize(times(() => {
            const r = engine.solve({ data: f.data, numInputs: d, dtype: 'float64', lambda, penalty, l1Ratio: rho })
            kkt = r.kkt!
            tolerance = r.kktTolerance!
            if (!r.converged) throw new Error('engine.solve did not converge')
          }, report.reps(3, 1)))
          report.record({ scenario, impl: 'engine.solve (coordinate descent + active-set step)', summary: ours, note: `KKT ${kkt.toExponential(2)} ≤ ${tolerance.toExponential(2)}` })
          peer(scenario, `scikit-learn ${penalty === 'l1' ? 'Lasso' : 'ElasticNet'}, loosest tol meeting the same KKT bound`, ours, ['lasso', f.xf, f.yf, n, d, lambda, rho, report.reps(3, 1), tolerance], 0, peerNote)
        }
        rmSync(f.xf)
        rmSync(f.yf)
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  report.note('scenario 7: medians on a machine shared with other work; run it alone for stable figures (BENCH_SOLVER=kernel,ridge,path,minnorm,lasso picks parts)')
}
