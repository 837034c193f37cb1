import { cloneFailure } from './clone.js'
import { AbortError, ConfigError } from './errors.js'
import type { ProgressCallback, SolveResult } from './engine.js'
import { checkHistory } from './limits.js'
import { compileOr, type DefaultWasm } from './load.js'
import { nodeBuiltin, nodeProcess, type WasmSource, type WorkerSource } from './platform.js'
import { readOptions, resolveTrainOptions, type TrainOptions } from './options.js'
import { threadFactory, type Thread } from './spawn.js'
import type { UnsentRequest, WireError, WorkerRequest, WorkerResponse } from './protocol.js'
import { aggregateSeeds, seedRun, type SeedsResult } from './seeds.js'
import { aggregateCv, foldCount, isExactLoo, resolveCv, type CvOptions, type CvResult } from './cv.js'
import { aggregateSweep, resolveSweep, seedList, sweepTasks, type SeedsOption, type SweepOptions, type SweepResult, type SweepUnit } from './sweep.js'
import type { TrainResult } from './trainer.js'
import { resolveCoefPath, type CoefPath, type CoefPathOptions } from './path.js'

/** Options of {@link createWorkerPool}. */
export interface WorkerPoolOptions {
  /** Number of workers (default: the number of logical cores). */
  size?: number
  /** The core's wasm, as for `createEngine` (compiled once, shared with every worker). */
  wasm?: WasmSource
  /**
   * Where workers come from: a URL (or string, resolved as `wasm` is) of the package's
   * `dist/worker.js` or a bundled copy of it, or a factory `() => new Worker(…)`. By default
   * browsers use `worker.js` beside the package's code (vite, webpack and Parcel bundle it) and
   * fall back to a self-contained copy in a blob: URL when that file is cross-origin or missing;
   * Node always uses the self-contained copy (a data: URL).
   */
  worker?: WorkerSource
}

/** Per-call options of the pool's methods. */
export interface PoolCallOptions {
  /** Called as units finish: (done, total). */
  onProgress?: ProgressCallback
  /** Aborting stops the call's work (its workers are terminated) and rejects with an AbortError. */
  signal?: AbortSignal
}

async function defaultSize(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
  if (nav?.hardwareConcurrency) return nav.hardwareConcurrency
  if (!nodeProcess()) return 2
  try {
    return nodeBuiltin<{ availableParallelism(): number }>('node:os').availableParallelism()
  } catch {
    return 2
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

function fromWire(error: WireError): Error {
  if (error.name === 'ConfigError') return new ConfigError(error.key ?? '', error.value, error.message)
  const e = new Error(error.message)
  e.name = error.name
  return e
}

/** One unit of queued work and the call it belongs to. */
interface Job {
  request: UnsentRequest
  call: Call
  resolve(value: unknown): void
}

/** One pending pool call: its progress, its abort, and its outstanding jobs. */
interface Call {
  aborted: boolean
  fail(error: Error): void
  progress(): void
}

interface Slot {
  thread: Thread
  job?: Job
}

/**
 * Workers that each hold an engine, for long work off the main thread. Results are the same
 * bits as the single-thread engine's: work is split into tasks that do not depend on each other.
 */
export class WorkerPool {
  /** Number of workers. */
  readonly size: number
  private readonly module: WebAssembly.Module
  private readonly spawn: () => Thread
  private slots: Slot[] = []
  private queue: Job[] = []
  private nextId = 1
  private closed = false

  /** @internal use {@link createWorkerPool}. */
  constructor(module: WebAssembly.Module, size: number, spawn: () => Thread) {
    this.module = module
    this.size = size
    this.spawn = spawn
  }

  /** {@link Engine.sweep} spread over the workers. */
  async sweep(options: SweepOptions, call: PoolCallOptions = {}): Promise<SweepResult> {
    const plan = resolveSweep(options)
    // Enough slices per seed to keep every worker busy to the end.
    const tasks = sweepTasks(plan, Math.ceil((3 * this.size) / plan.seeds.length))
    const total = plan.seeds.length * plan.lambdas.length
    const results = await this.run<SweepUnit[]>(tasks.map((task) => ({ kind: 'sweep', plan, task })), total, call, false)
    return aggregateSweep(plan, results.flat())
  }

  /** {@link Engine.cv} spread over the workers, one fold per task (exact leave-one-out is one task). */
  async cv(options: CvOptions, call: PoolCallOptions = {}): Promise<CvResult> {
    // One snapshot (each option read once) for the checks and for every fold.
    options = readOptions(options) as unknown as CvOptions
    const plan = resolveCv(options)
    if (isExactLoo(plan)) return (await this.run<CvResult>([{ kind: 'cv', options, fold: -1 }], 1, call, true))[0]!
    const k = foldCount(plan)
    const losses = await this.run<number[]>(Array.from({ length: k }, (_, fold) => ({ kind: 'cv', options, fold })), k, call, true)
    return aggregateCv(plan, losses)
  }

  /**
   * {@link Engine.coefPath} spread over the workers in contiguous λ chunks, one per worker: each
   * chunk makes the data and its Gram matrix once. The same bits as `engine.coefPath`.
   */
  async coefPath(options: CoefPathOptions, call: PoolCallOptions = {}): Promise<CoefPath> {
    // One snapshot (each option read once) for the checks and for every chunk.
    options = readOptions(options) as unknown as CoefPathOptions
    const { lambdas } = resolveCoefPath(options)
    const chunks = Math.min(this.size, lambdas.length)
    const requests = Array.from({ length: chunks }, (_, i): UnsentRequest => ({
      kind: 'coefPath',
      options,
      start: Math.floor((i * lambdas.length) / chunks),
      end: Math.floor(((i + 1) * lambdas.length) / chunks),
    }))
    const parts = await this.run<CoefPath>(requests, lambdas.length, call, false)
    return { lambdas, w: parts.flatMap((p) => p.w), b: parts.flatMap((p) => p.b), wNorm: parts.flatMap((p) => p.wNorm) }
  }

  /** {@link Engine.train} in a worker. */
  async train(options: Omit<TrainOptions, 'onEval'> = {}, call: PoolCallOptions = {}): Promise<TrainResult> {
    // One snapshot (each option read once) for the checks and for every run.
    options = readOptions(options) as typeof options
    checkHistory(resolveTrainOptions(options, [], ['onEval']).config)
    const [result] = await this.run<TrainResult>([{ kind: 'train', options }], 1, call, true)
    return result!
  }

  /** {@link Engine.solve} in a worker. */
  async solve(options: Omit<TrainOptions, 'onEval'> = {}, call: PoolCallOptions = {}): Promise<SolveResult> {
    // One snapshot (each option read once) for the checks and for every run.
    options = readOptions(options) as typeof options
    resolveTrainOptions(options, [], ['onEval'])
    const [result] = await this.run<SolveResult>([{ kind: 'solve', options }], 1, call, true)
    return result!
  }

  /** {@link Engine.trainSeeds} spread over the workers, one seed per task. */
  async trainSeeds(options: Omit<TrainOptions, 'onEval'>, seeds: SeedsOption, call: PoolCallOptions = {}): Promise<SeedsResult> {
    // One snapshot (each option read once) for the checks and for every run.
    options = readOptions(options) as typeof options
    const spec = resolveTrainOptions(options, [], ['onEval'])
    const list = seedList(spec.config.seed, seeds)
    checkHistory(spec.config, list.length)
    const requests = list.map((seed): UnsentRequest => ({ kind: 'train', options: { ...options, seed } }))
    const results = await this.run(requests, list.length, call, true, (value) => seedRun(value as TrainResult))
    return aggregateSeeds(list, results)
  }

  /** Stops every worker; pending calls reject. The pool cannot be used afterwards. */
  async terminate(): Promise<void> {
    this.closed = true
    const error = new Error('the worker pool was terminated')
    for (const job of this.queue) job.call.fail(error)
    this.queue = []
    for (const slot of this.slots) {
      slot.job?.call.fail(error)
      slot.thread.terminate()
    }
    this.slots = []
  }

  /** Runs requests on the workers; results come back in request order, each as `keep` makes it on arrival. */
  private run<T>(requests: UnsentRequest[], total: number, options: PoolCallOptions, progressPerJob: boolean, keep: (value: unknown) => T = (value) => value as T): Promise<T[]> {
    if (this.closed) return Promise.reject(new Error('the worker pool was terminated'))
    const { signal, onProgress } = options
    if (signal?.aborted) return Promise.reject(new AbortError())
    return new Promise<T[]>((resolve, reject) => {
      const results = new Array<T>(requests.length)
      let remaining = requests.length
      let done = 0
      const call: Call = {
        aborted: false,
        fail: (error) => {
          if (call.aborted) return
          call.aborted = true
          signal?.removeEventListener('abort', onAbort)
          this.cancel(call)
          reject(error)
        },
        // Messages a terminated worker sent before it stopped may still arrive: drop them.
        progress: () => {
          if (call.aborted) return
          // A throwing callback fails its own call, never the process.
          try {
            onProgress?.(++done, total)
          } catch (error) {
            call.fail(toError(error))
          }
        },
      }
      const onAbort = () => call.fail(new AbortError())
      signal?.addEventListener('abort', onAbort, { once: true })
      requests.forEach((request, i) => {
        this.queue.push({
          request,
          call,
          resolve: (value) => {
            results[i] = keep(value)
            if (progressPerJob) call.progress()
            if (--remaining === 0 && !call.aborted) {
              signal?.removeEventListener('abort', onAbort)
              resolve(results)
            }
          },
        })
      })
      try {
        this.pump()
      } catch (error) {
        call.fail(toError(error))
      }
    })
  }

  /** Drops a failed or aborted call's queued jobs and terminates the workers running its jobs. */
  private cancel(call: Call): void {
    this.queue = this.queue.filter((job) => job.call !== call)
    for (const slot of this.slots.filter((s) => s.job?.call === call)) {
      slot.thread.terminate()
      this.slots.splice(this.slots.indexOf(slot), 1)
    }
    this.pump()
  }

  /** Hands queued jobs to idle workers, starting workers up to `size`. */
  private pump(): void {
    while (this.slots.length < this.size && this.queue.length > this.slots.filter((s) => !s.job).length) {
      this.slots.push(this.startSlot())
    }
    for (const slot of this.slots) {
      if (slot.job) continue
      const job = this.queue.shift()
      if (!job) break
      this.assign(slot, job)
    }
  }

  private startSlot(): Slot {
    const thread = this.spawn()
    const slot: Slot = { thread }
    thread.onMessage((message) => this.receive(slot, message))
    const lost = (error: Error) => {
      const job = slot.job
      const index = this.slots.indexOf(slot)
      // Already removed: the pool stopped it, or its error was handled before its exit.
      if (index < 0) return
      this.slots.splice(index, 1)
      thread.terminate()
      job?.call.fail(error)
      this.pump()
    }
    thread.onFailure(lost)
    // A worker can stop without an error event (process.exit in it, killed): its call must not hang.
    thread.onExit((code) => lost(new Error(`a worker stopped unexpectedly (exit code ${code})`)))
    thread.post({ id: 0, kind: 'init', module: this.module })
    thread.hold(false)
    return slot
  }

  private assign(slot: Slot, job: Job): void {
    slot.job = job
    slot.thread.hold(true)
    try {
      slot.thread.post({ ...job.request, id: this.nextId++ } as WorkerRequest)
    } catch (error) {
      // Options that cannot be cloned (a Proxy, a function) fail their own call; failing it after
      // this pump keeps the loop over the slots intact.
      slot.job = undefined
      slot.thread.hold(false)
      const failure = 'options' in job.request ? cloneFailure(job.request.options, toError(error)) : toError(error)
      queueMicrotask(() => {
        job.call.fail(failure)
        this.pump()
      })
    }
  }

  private receive(slot: Slot, message: WorkerResponse): void {
    // The init reply; a failed init also fails every job the worker is then given.
    if (message.id === 0) return
    const job = slot.job
    if (!job) return
    if (message.kind === 'progress') {
      job.call.progress()
      return
    }
    slot.job = undefined
    slot.thread.hold(false)
    if (message.kind === 'error') job.call.fail(fromWire(message.error))
    else if (!job.call.aborted) job.resolve(message.value)
    this.pump()
  }
}

/** @internal Creates a pool from the caller's options and the entry point's default wasm. */
export async function openPool(options: WorkerPoolOptions, fallback: DefaultWasm): Promise<WorkerPool> {
  const size = options.size ?? (await defaultSize())
  if (!Number.isInteger(size) || size < 1 || size > 256) {
    throw new ConfigError('size', size, `size must be an integer from 1 to 256; got ${String(size)}`)
  }
  return new WorkerPool(await compileOr(options.wasm, fallback), size, await threadFactory(options.worker))
}
