// `pnpm bench`: the scenarios of the performance issue, each against the peers measured in the
// same run. Prints tables as it goes and writes bench/results/latest.{json,md}.
//   node bench/dist/main.js [--quick] [--only 1,3]
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import * as api from '@weight-decay/api'
import { createEngine, type Engine } from '@weight-decay/api'
import { csvLoad } from './csvload.js'
import { LARGE } from './large.js'
import { loading } from './loading.js'
import { optimizers } from './optim.js'
import { buildNative, runNative, type NativeBuild } from './peers/native.js'
import { disposeTfData, loadTf, tfData, tfTrain, type TfLoad } from './peers/tfjs.js'
import { PYTHON, TORCH_SCRIPT, runTorch, torchVersions } from './peers/torch.js'
import { trainPlain } from './plain.js'
import { ms, summarize, timeRuns, type Summary } from './stats.js'
import { solverScenario } from './solver.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url))

const args = process.argv.slice(2)
const QUICK = args.includes('--quick')
const onlyArg = args.indexOf('--only')
const ONLY = onlyArg >= 0 ? new Set(args[onlyArg + 1]!.split(',').map(Number)) : null
const reps = (full: number, quick = Math.max(3, Math.ceil(full / 10))): number => (QUICK ? quick : full)

/** One line of a result table. */
interface Row {
  scenario: string
  impl: string
  summary?: Summary
  /** Peer median / our median for the same work (> 1: we are faster). */
  ratio?: number
  note?: string
  skipped?: string
}

const rows: Row[] = []
const notes: string[] = []

function record(row: Row): void {
  rows.push(row)
  const s = row.summary
  const cells = row.skipped
    ? `skipped (${row.skipped})`
    : `median ${ms(s!.median)} ms  [p10 ${ms(s!.p10)}, p90 ${ms(s!.p90)}]  n=${s!.runs}${row.ratio ? `  ×${row.ratio.toFixed(row.ratio < 10 ? 2 : 0)} vs ours` : ''}${row.note ? `  (${row.note})` : ''}`
  console.log(`  ${row.impl.padEnd(44)} ${cells}`)
}

/** Records a peer against our median, or its reason for being skipped. */
function peer(scenario: string, impl: string, ours: Summary, measure: () => number[] | { skipped: string }, note?: string): void {
  try {
    const result = measure()
    if (!Array.isArray(result)) return record({ scenario, impl, skipped: result.skipped })
    const summary = summarize(result)
    const row: Row = { scenario, impl, summary, ratio: summary.median / ours.median }
    if (note) row.note = note
    record(row)
  } catch (error) {
    record({ scenario, impl, skipped: (error as Error).message.split('\n')[0]! })
  }
}

function heading(title: string): void {
  console.log(`\n${title}`)
}

const want = (n: number): boolean => ONLY === null || ONLY.has(n)

// --- machine and versions ---------------------------------------------------------------------

function machine(): Record<string, string> {
  let model = os.cpus()[0]?.model ?? 'unknown'
  try {
    const lscpu = execFileSync('lscpu', { encoding: 'utf8' })
    model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? model
  } catch {
    // lscpu is optional; os.cpus() has the model too.
  }
  return {
    cpu: model,
    cores: String(os.cpus().length),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    'load average at start (1/5/15 min)': os.loadavg().map((x) => x.toFixed(2)).join(' / '),
  }
}

// --- scenario 1: the seed's pair ----------------------------------------------------------------

async function seedPair(engine: Engine, tf: TfLoad, cPlain: NativeBuild, cFast: NativeBuild): Promise<void> {
  const scenario = "1. seed's pair: train(λ=0) + train(λ=10), default config, data + training + evaluation, float32"
  heading(scenario)
  const parts = { dataMs: [] as number[], trainMs: [] as number[], evalMs: [] as number[] }
  const times = timeRuns(() => {
    for (const lambda of [0, 10]) {
      const r = engine.train({ lambda })
      parts.dataMs.push(r.timing.dataMs)
      parts.trainMs.push(r.timing.trainMs)
      parts.evalMs.push(r.timing.evalMs)
    }
  }, reps(3000, 300), 300)
  const ours = summarize(times)
  const split = `per run: data ${ms(summarize(parts.dataMs).median)}, train ${ms(summarize(parts.trainMs).median)}, eval ${ms(summarize(parts.evalMs).median)} ms`
  record({ scenario, impl: 'weight-decay (wasm SIMD, in-process)', summary: ours, note: split })
  const f64 = summarize(timeRuns(() => [0, 10].map((lambda) => engine.train({ lambda, dtype: 'float64' })), reps(1000, 100), 100))
  record({ scenario, impl: 'weight-decay, float64', summary: f64, ratio: f64.median / ours.median })
  peer(scenario, 'plain TypeScript (same algorithm)', ours, () => timeRuns(() => [0, 10].map((lambda) => trainPlain({ lambda })), reps(200, 20)))
  peer(scenario, 'TF.js 4.22 wasm backend (same loop, tensor ops)', ours, () => {
    if ('skipped' in tf) return tf
    const t = tf.tf
    return timeRuns(() => {
      const data = tfData(t, 200, 20, 100)
      for (const lambda of [0, 10]) tfTrain(t, data, { numInputs: 200, batchSize: 5, epochs: 100, lr: 0.003, lambda, evalEvery: 5 })
      disposeTfData(data)
    }, reps(10, 3), 2)
  }, 'data drawn once per pair, as the seed does')
  peer(scenario, "PyTorch, the seed's code, 1 thread", ours, () => {
    const v = torchVersions()
    if ('skipped' in v) return v
    return runTorch(['pair', reps(30, 5) + 1]).slice(1)
  }, 'data drawn once per pair, as the seed does')
  for (const [label, build] of [['C loop, gcc -O3 -march=native', cPlain], ['C loop, gcc -O3 -march=native -ffast-math', cFast]] as const) {
    peer(scenario, label, ours, () => ('skipped' in build ? build : runNative(build.binary, ['pair', reps(500, 50)]).slice(5)))
  }
  const met = ours.median <= 1
  notes.push(`Target 1 (seed's pair ≤ 1 ms in-process): ${met ? 'met' : 'NOT met'}, median ${ms(ours.median)} ms.`)
}

// --- scenario 2: a 64-λ × 8-seed sweep ----------------------------------------------------------

type SweepFn = (options: object) => unknown
interface PoolLike {
  sweep(options: object): Promise<unknown>
  terminate(): Promise<void> | void
}

async function sweep(engine: Engine): Promise<void> {
  const scenario = '2. sweep: 64 λ × 8 seeds, default config otherwise'
  heading(scenario)
  const lambdas = Array.from({ length: 64 }, (_, i) => (i === 0 ? 0 : 10 ** (-3 + (4 * i) / 63)))
  const options = { lambdas, seeds: 8 }
  const loop = summarize(timeRuns(() => {
    for (let s = 0; s < 8; s++) for (const lambda of lambdas) engine.train({ lambda, seed: s })
  }, reps(10, 3), 1))
  record({ scenario, impl: 'reference: 512 × engine.train in a loop', summary: loop, note: 'training only, no optimum or validation' })
  const sweepFn = (engine as unknown as { sweep?: SweepFn }).sweep
  const createPool = (api as unknown as Record<string, unknown>)['createWorkerPool'] as ((o: { size: number }) => Promise<PoolLike>) | undefined
  if (typeof sweepFn !== 'function') {
    record({ scenario, impl: 'engine.sweep, one thread', skipped: 'API not available yet' })
  } else {
    const one = summarize(timeRuns(() => sweepFn.call(engine, options), reps(10, 3), 1))
    record({ scenario, impl: 'engine.sweep, one thread', summary: one, ratio: one.median / loop.median, note: 'ratio against the plain loop' })
  }
  if (typeof createPool !== 'function') {
    record({ scenario, impl: 'worker pool', skipped: 'API not available yet' })
    return
  }
  const size = os.cpus().length
  const pool = await createPool({ size })
  try {
    await pool.sweep(options)
    const times: number[] = []
    for (let i = 0; i < reps(10, 3); i++) {
      const t0 = performance.now()
      await pool.sweep(options)
      times.push(performance.now() - t0)
    }
    const s = summarize(times)
    record({ scenario, impl: `createWorkerPool({ size: ${size} }).sweep`, summary: s, ratio: s.median / loop.median, note: 'ratio against the plain loop' })
  } finally {
    await pool.terminate()
  }
}

// --- scenario 3: the large problem ---------------------------------------------------------------

async function large(engine: Engine, tf: TfLoad, cPlain: NativeBuild, cFast: NativeBuild): Promise<void> {
  const { numInputs: d, nTrain: n, batchSize, epochs } = LARGE
  for (const dtype of ['float32', 'float64'] as const) {
    const scenario = `3. large: d=${d}, nTrain=${n}, batch ${batchSize}, ${epochs} epochs, ${dtype}, training only`
    heading(scenario)
    const trainer = engine.trainer({ ...LARGE, dtype, evalEvery: 1_000_000 })
    const times: number[] = []
    try {
      for (let i = 0; i < reps(10, 3) + 1; i++) {
        trainer.reset()
        const before = trainer.timing.trainMs
        trainer.step()
        times.push(trainer.timing.trainMs - before)
      }
    } finally {
      trainer.dispose()
    }
    const ours = summarize(times.slice(1))
    record({ scenario, impl: 'weight-decay (result.timing.trainMs)', summary: ours })
    peer(scenario, 'plain TypeScript (same algorithm)', ours, () => {
      const child = fileURLToPath(new URL('./plain-child.js', import.meta.url))
      return (JSON.parse(execFileSync(process.execPath, [child, dtype, String(reps(3, 1))], { encoding: 'utf8' })) as { ms: number[] }).ms
    })
    peer(scenario, 'TF.js 4.22 wasm backend (same loop, tensor ops)', ours, () => {
      if ('skipped' in tf) return tf
      if (dtype === 'float64') return { skipped: 'the TF.js wasm backend has no float64' }
      const t = tf.tf
      const data = tfData(t, d, n, 100)
      try {
        return Array.from({ length: reps(3, 1) }, () => {
          const t0 = performance.now()
          tfTrain(t, data, { numInputs: d, batchSize, epochs, lr: 1e-4, lambda: 0, evalEvery: 0 })
          return performance.now() - t0
        })
      } finally {
        disposeTfData(data)
      }
    })
    peer(scenario, "PyTorch, the seed's code, 1 thread", ours, () => {
      const v = torchVersions()
      if ('skipped' in v) return v
      return runTorch(['large', dtype, reps(5, 2) + 1]).slice(1)
    })
    const tag = dtype === 'float32' ? 'f32' : 'f64'
    for (const [label, build] of [['C loop, gcc -O3 -march=native', cPlain], ['C loop, gcc -O3 -march=native -ffast-math', cFast]] as const) {
      peer(scenario, label, ours, () => ('skipped' in build ? build : runNative(build.binary, ['train', tag, d, n, batchSize, epochs, reps(5, 2) + 1]).slice(1)))
    }
    if (dtype === 'float32') {
      const met = ours.median <= 175
      const c = rows.find((r) => r.scenario === scenario && r.impl === 'C loop, gcc -O3 -march=native' && r.summary)
      const speed = c?.summary ? `; ${(c.summary.median / ours.median).toFixed(2)}× the plain C loop's speed` : ''
      notes.push(`Target 3 (large f32 training ≤ 175 ms, ≥ 0.6× native C): ${met ? 'met' : 'NOT met'}, median ${ms(ours.median)} ms${speed}.`)
    }
  }
  heading('3b. memory: peak RSS of a child process that makes, trains and evaluates the large problem')
  const script = fileURLToPath(new URL('./memory.js', import.meta.url))
  for (const dtype of ['float32', 'float64'] as const) {
    const run = (what: string) => JSON.parse(execFileSync(process.execPath, [script, dtype, what], { encoding: 'utf8' })) as { maxRssBytes: number; dataBytes: number; wasmBytes: number }
    const base = run('baseline')
    const r = run('train')
    const ratio = r.maxRssBytes / r.dataBytes
    const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`
    const line = `${dtype}: peak RSS ${mib(r.maxRssBytes)} for ${mib(r.dataBytes)} of data = ${ratio.toFixed(3)}× (node + engine alone: ${mib(base.maxRssBytes)}; wasm memory reserved ${mib(r.wasmBytes)})`
    console.log(`  ${line}`)
    notes.push(`Memory ${dtype} (peak RSS ≤ 1.3× data): ${ratio <= 1.3 ? 'met' : 'NOT met'}: ${line}.`)
  }
}

// --- scenario 4: scaling --------------------------------------------------------------------------

async function scaling(engine: Engine): Promise<void> {
  const scenario = '4. scaling: one epoch, batch 64, float32, training only'
  heading(scenario)
  console.log('  d      nTrain   ms/epoch (median)   ns per nTrain·d')
  const perUnit: number[] = []
  for (const d of [256, 1024, 4096]) {
    for (const n of [1024, 4096, 16384]) {
      const trainer = engine.trainer({ numInputs: d, nTrain: n, nTest: 1, batchSize: 64, epochs: 1_000, evalEvery: 1_000, lr: 1e-4 })
      const times: number[] = []
      try {
        for (let i = 0; i < reps(15, 3) + 1; i++) {
          const before = trainer.timing.trainMs
          trainer.step(1)
          times.push(trainer.timing.trainMs - before)
        }
      } finally {
        trainer.dispose()
      }
      const s = summarize(times.slice(1))
      const unit = (s.median * 1e6) / (n * d)
      perUnit.push(unit)
      rows.push({ scenario, impl: `d=${d}, nTrain=${n}`, summary: s, note: `${unit.toFixed(3)} ns per nTrain·d` })
      console.log(`  ${String(d).padEnd(6)} ${String(n).padEnd(8)} ${ms(s.median).padStart(10)}          ${unit.toFixed(3)}`)
    }
  }
  const spread = Math.max(...perUnit) / Math.min(...perUnit)
  notes.push(`Scaling: cost per epoch / (nTrain·d) ranges ${Math.min(...perUnit).toFixed(3)}–${Math.max(...perUnit).toFixed(3)} ns over a 64× range of d and 16× of nTrain (max/min ${spread.toFixed(2)}).`)
}

// --- scenario 5: the CLI as a whole process, cold -------------------------------------------------

function spawnTimes(command: string, argv: string[], runs: number): number[] {
  return Array.from({ length: runs }, () => {
    const t0 = performance.now()
    const r = spawnSync(command, argv, { encoding: 'utf8', cwd: ROOT })
    if (r.status !== 0) throw new Error(`${command} ${argv.join(' ')} exited ${r.status}: ${r.stderr.split('\n')[0]}`)
    return performance.now() - t0
  })
}

function cli(): void {
  const scenario = '5. `node apps/cli/dist/main.js compare` as a whole process, cold'
  heading(scenario)
  const ours = summarize(spawnTimes(process.execPath, ['apps/cli/dist/main.js', 'compare'], reps(20, 5)))
  record({ scenario, impl: 'weight-decay compare (node + wasm)', summary: ours })
  const bare = summarize(spawnTimes(process.execPath, ['-e', '0'], reps(20, 5)))
  record({ scenario, impl: 'reference: `node -e 0` (Node start-up alone)', summary: bare, ratio: bare.median / ours.median })
  peer(scenario, "PyTorch, the seed's code as a process (python3 + import torch)", ours, () => {
    const v = torchVersions()
    if ('skipped' in v) return v
    return spawnTimes(PYTHON, [TORCH_SCRIPT, 'pair', '1'], reps(5, 2))
  })
}

// --- report ---------------------------------------------------------------------------------------

function markdown(info: Record<string, string>): string {
  const lines = ['| scenario | implementation | median ms | p10 | p90 | runs | peer ÷ ours | note |', '|---|---|---|---|---|---|---|---|']
  let last = ''
  for (const r of rows) {
    const scen = r.scenario === last ? '' : r.scenario
    last = r.scenario
    if (r.skipped) lines.push(`| ${scen} | ${r.impl} | skipped (${r.skipped}) | | | | | |`)
    else {
      const s = r.summary!
      lines.push(`| ${scen} | ${r.impl} | ${ms(s.median)} | ${ms(s.p10)} | ${ms(s.p90)} | ${s.runs} | ${r.ratio ? r.ratio.toFixed(r.ratio < 10 ? 2 : 0) : ''} | ${r.note ?? ''} |`)
    }
  }
  const machineLines = Object.entries(info).map(([k, v]) => `- ${k}: ${v}`)
  return [...machineLines, '', ...lines, '', ...notes.map((n) => `- ${n}`), ''].join('\n')
}

async function main(): Promise<void> {
  const info = machine()
  const tf = want(1) || want(3) ? await loadTf() : { skipped: 'not run' as string }
  const cPlain = want(1) || want(3) ? buildNative('sgd') : { skipped: 'not run' }
  const cFast = want(1) || want(3) ? buildNative('sgd-fast-math', ['-ffast-math']) : { skipped: 'not run' }
  const torch = torchVersions()
  info['gcc'] = 'gcc' in cPlain ? cPlain.gcc : cPlain.skipped
  info['torch'] = 'torch' in torch ? `${torch.torch} (Python ${torch.python}, ${torch.threads} thread)` : torch.skipped
  info['tfjs'] = 'tf' in tf ? `tfjs-core ${tf.version}, wasm backend (SIMD ${tf.simd ? 'on' : 'off'}, threads ${tf.threads ? 'on' : 'off'})` : tf.skipped
  const wasm = readFileSync(new URL('../../packages/api/wasm/core.wasm', import.meta.url))
  info['core.wasm'] = `${wasm.byteLength} bytes`
  info['mode'] = QUICK ? 'quick (fewer repetitions)' : 'full'
  for (const [k, v] of Object.entries(info)) console.log(`${k}: ${v}`)

  const engine = await createEngine()
  if (want(1)) await seedPair(engine, tf, cPlain, cFast)
  if (want(2)) await sweep(engine)
  if (want(3)) await large(engine, tf, cPlain, cFast)
  if (want(4)) await scaling(engine)
  if (want(5)) cli()
  if (want(6)) await optimizers(engine, { heading, record, notes, reps })
  if (want(7)) await solverScenario({ record, heading, note: (text) => notes.push(text), reps })
  if (want(8)) loading(reps(20, 5), heading, record, (line) => void notes.push(line))
  if (want(9)) csvLoad({ record, heading, notes, reps })

  info['load average at end (1/5/15 min)'] = os.loadavg().map((x) => x.toFixed(2)).join(' / ')
  console.log('')
  for (const n of notes) console.log(n)
  mkdirSync(RESULTS, { recursive: true })
  writeFileSync(`${RESULTS}latest.json`, `${JSON.stringify({ info, rows, notes }, null, 2)}\n`)
  writeFileSync(`${RESULTS}latest.md`, markdown(info))
  console.log(`\nwrote ${RESULTS}latest.md and latest.json`)
}

await main()
