// The visitor's own data: a CSV parsed in a worker, its columns chosen, and what the page's runs,
// path and exact solves add to their config to train on it instead of generated data.
import type { TrainOptions } from '@weight-decay/api'
import type { CsvReply, CsvRequest } from './csv-protocol.js'
import { MAX_CSV_CELLS, PAGE_CAPS } from './limits.js'
import type { RunsController } from './runs.js'
import { currentLambda, type Config, type RunSpec } from './state.js'

/** What the runs and workers add to the page's config: the data and the sizes it fixes. */
export type DataOptions = Pick<TrainOptions, 'data' | 'numInputs' | 'nTrain' | 'nTest' | 'standardize'>

/** A loaded, chosen dataset. */
export interface UserData {
  /** Changes whenever the data or a choice changes (for caches and redraws). */
  key: string
  options: DataOptions
  file: string
  targetName: string
  featureNames: string[]
  rows: { train: number; test: number }
}

/** Config fields that describe generated data: a file fixes them instead. */
export const GENERATED_KEYS = ['numInputs', 'nTrain', 'nTest', 'trueW', 'trueB', 'noiseStd'] as const

/** The config as the JSON export shows it while a file is in use: the file's columns and rows instead of the generated-data keys (as the CLI's JSON). */
export function configWithFile(config: Config, data: UserData): Config {
  const out: Record<string, unknown> = { ...config }
  for (const key of GENERATED_KEYS) delete out[key]
  out.standardize = data.options.standardize
  out.data = { file: data.file, target: data.targetName, features: data.featureNames, rows: data.rows }
  return out as unknown as Config
}

/** The parsed file as the worker describes it. */
export type TableInfo = Extract<CsvReply, { type: 'table' }>

const plain = (n: number) => n.toLocaleString('en-US')

/** Test rows the hold-out takes (the API's holdOutRows rule). */
export function testRows(rows: number, fraction: number): number {
  return fraction === 0 || rows < 2 ? 0 : Math.min(rows - 1, Math.max(1, Math.round(fraction * rows)))
}

/** Why this choice is too big for the page, in its own limits and plain words; undefined when it fits. */
export function dataTooBig(rows: number, features: number, fraction: number): string | undefined {
  const test = testRows(rows, fraction)
  const train = rows - test
  const cells = rows * features
  const problems: string[] = []
  if (features > PAGE_CAPS.numInputs) problems.push(`${plain(features)} feature columns (this page takes at most ${plain(PAGE_CAPS.numInputs)})`)
  if (train > PAGE_CAPS.nTrain) problems.push(`${plain(train)} training rows (at most ${plain(PAGE_CAPS.nTrain)})`)
  if (test > PAGE_CAPS.nTest) problems.push(`${plain(test)} test rows (at most ${plain(PAGE_CAPS.nTest)})`)
  if (cells > MAX_CSV_CELLS) problems.push(`${plain(rows)} rows × ${plain(features)} features = ${plain(cells)} numbers (at most ${plain(MAX_CSV_CELLS)})`)
  if (problems.length === 0) return undefined
  return `Too big for this page: ${problems.join('; ')}. Leave columns out, choose a smaller test share, use a sample of the rows, or use the command-line tool, which has no such limits.`
}

/** What {@link dataSwitch} needs from the page. */
export interface DataSwitchDeps {
  runs: RunsController
  /** Loads a config and runs; returns why the API refused them (then nothing changed). */
  load: (config: Config, specs: RunSpec[]) => string | undefined
  /** Then: update the link and play (or show the results at once under reduced motion). */
  ready: () => void
  /** Tells the page's other views which data is in use. */
  set: (data: UserData | null) => void
  /** The data changed and the runs restarted on it: drop what described the old data. */
  changed: () => void
}

/**
 * Switches the runs to the visitor's data (or back to generated data with null), restarting each
 * at its present λ; returns why the page refused. As the CLI does for --data, a file trains in
 * float64 unless the experiment was already set to float64 (float32 is the seed experiment's);
 * back on generated data that switch is undone unless the visitor changed the precision meanwhile.
 */
export function dataSwitch(deps: DataSwitchDeps): (data: UserData | null) => string | undefined {
  let current: UserData | null = null
  let switchedDtype = false
  const apply = (data: UserData | null) => {
    current = data
    deps.runs.data = data?.options ?? null
    deps.set(data)
  }
  return (data) => {
    const before = current
    const { runs } = deps
    let config = runs.config
    let switched = switchedDtype
    if (data && !before && config.dtype === 'float32') [config, switched] = [{ ...config, dtype: 'float64' }, true]
    else if (!data && switchedDtype) [config, switched] = [config.dtype === 'float64' ? { ...config, dtype: 'float32' } : config, false]
    apply(data)
    const specs: RunSpec[] = runs.specs.map((spec) => ({ lambda: currentLambda(spec), changes: [], ...(spec.optim ? { optim: spec.optim } : {}) }))
    // A large file's runs are made one per task by the runs controller (its split load).
    const refused = deps.load(config, specs)
    if (refused) {
      apply(before)
      return refused
    }
    switchedDtype = switched
    deps.changed()
    deps.ready()
    return undefined
  }
}

/** The page's side of the CSV worker: one file at a time; cancel ends the worker. */
export class CsvWorker {
  private worker: Worker | null = null
  private pending: ((reply: CsvReply) => void) | null = null

  /** Parses a file, reporting progress; resolves with the table's description or an error reply. */
  read(file: File, skip: string[], onProgress: (bytes: number, total: number) => void): Promise<TableInfo | Extract<CsvReply, { type: 'error' }>> {
    this.cancel()
    return this.ask({ type: 'read', file, skip }, onProgress) as Promise<TableInfo | Extract<CsvReply, { type: 'error' }>>
  }

  /** The chosen columns and hold-out of the loaded table. */
  split(request: Extract<CsvRequest, { type: 'split' }>): Promise<Extract<CsvReply, { type: 'data' | 'error' }>> {
    return this.ask(request) as Promise<Extract<CsvReply, { type: 'data' | 'error' }>>
  }

  /** Stops any work and frees the worker and its table. */
  cancel(): void {
    this.worker?.terminate()
    this.worker = null
    this.pending?.({ type: 'error', message: 'Cancelled.' })
    this.pending = null
  }

  private ask(request: CsvRequest, onProgress?: (bytes: number, total: number) => void): Promise<CsvReply> {
    this.worker ??= new Worker(new URL('./csv-worker.ts', import.meta.url), { type: 'module' })
    const worker = this.worker
    const settle = (reply: CsvReply) => {
      const resolve = this.pending
      this.pending = null
      resolve?.(reply)
    }
    worker.onmessage = (e: MessageEvent<CsvReply>) => (e.data.type === 'progress' ? onProgress?.(e.data.bytes, e.data.total) : settle(e.data))
    worker.onerror = (e) => {
      e.preventDefault()
      this.worker?.terminate()
      this.worker = null
      settle({ type: 'error', message: `The file reader stopped: ${e.message || 'unknown error'}` })
    }
    return new Promise((resolve) => {
      this.pending = resolve
      worker.postMessage(request)
    })
  }
}
