// The runs controller: one Trainer per run, advanced together at a watchable pace by
// requestAnimationFrame, with play / pause / step / skip / reset and λ changes mid-run.
import { checkCombination, type Engine, type TrainResult, type Trainer } from '@weight-decay/api'
import { planLambdaChange } from './lambda-change.js'
import { currentLambda, runEnd, type Config, type RunSpec } from './state.js'
import type { DataOptions } from './user-data.js'
import { RunClock } from './run-clock.js'
import { SPLIT_LOAD_CELLS, SplitLoad } from './split-load.js'

export interface Run {
  /** Stable across removals, for colours and keys. */
  id: number
  spec: RunSpec
  trainer: Trainer
  /** Filled when the run is finished (all epochs, or diverged). */
  result: TrainResult | null
}

export class RunsController {
  runs: Run[] = []
  config: Config
  private nextId = 0
  /** The next run to advance in the current epoch: a frame may end between runs. */
  private cursor = 0
  private readonly clock = new RunClock({
    advance: (epochs, budgetMs) => this.guard(() => this.advanceAll(epochs, budgetMs)),
    finished: () => this.finished,
    onUpdate: () => this.onUpdate(),
  })
  /** Runs of a large load still to be made, one per task. */
  private readonly split = new SplitLoad<Run>({
    make: (config, spec) => this.make(config, spec),
    add: (run) => this.runs.push(run),
    onError: (error) => this.onError(error),
    onDone: (intent) => (intent === 'play' ? this.play() : intent === 'skip' ? this.skip() : undefined),
    onUpdate: () => this.onUpdate(),
  })
  /** The visitor's own data and the sizes it fixes (csv-panel.ts), or none for generated data. */
  data: DataOptions | null = null

  constructor(
    private readonly engine: Engine,
    config: Config,
    private readonly onUpdate: () => void,
    private readonly onError: (error: unknown) => void,
  ) {
    this.config = config
  }

  /** Whether the runs advance (at the pace, or skipping to the end). */
  get playing(): boolean {
    return this.clock.playing
  }

  /** Whether they skip to the end rather than advance at the pace. */
  get skipping(): boolean {
    return this.clock.skipping
  }

  /** Epochs per second while playing. */
  get pace(): number {
    return this.clock.pace
  }

  set pace(epochsPerSecond: number) {
    this.clock.pace = epochsPerSecond
  }

  /** Every run's spec, including runs of a split load not made yet (for the link and for changes). */
  get specs(): RunSpec[] {
    return [...this.runs.map((r) => r.spec), ...this.split.specs]
  }

  /** The epoch every run has reached (runs advance together; finished ones stay behind). */
  get epoch(): number {
    return Math.max(0, ...this.runs.map((r) => r.trainer.epoch))
  }

  /** The last epoch any run goes to (runs continued after their end go further). */
  get end(): number {
    return Math.max(this.config.epochs, ...this.runs.map((r) => runEnd(r.spec, this.config.epochs)))
  }

  get finished(): boolean {
    return !this.split.active && this.runs.every((r) => r.result !== null)
  }

  /**
   * Replaces every run: a new shared config and run list. Throws ConfigError from the API (then
   * nothing changes). Large loads make the first run now and the others in tasks of their own.
   */
  load(config: Config, specs: RunSpec[]): void {
    // The visitor's file fixes the sizes when there is one (user-data.ts).
    const d = this.data
    const cells = d ? (d.nTrain! + (d.nTest ?? 0)) * d.numInputs! : (config.nTrain + config.nTest) * config.numInputs
    if (specs.length > 1 && cells * specs.length > SPLIT_LOAD_CELLS) return this.splitLoad(config, specs)
    this.split.clear()
    const made: Run[] = []
    try {
      for (const spec of specs) made.push(this.make(config, spec))
    } catch (error) {
      for (const run of made) run.trainer.dispose()
      throw error
    }
    this.stop()
    this.disposeAll()
    this.config = config
    this.runs = made
    this.clock.clearDebt()
    this.cursor = 0
    this.onUpdate()
  }

  /** The first run now (it checks the config), the others one per task. */
  private splitLoad(config: Config, specs: RunSpec[]): void {
    // Per-run settings are checked now, so a refusal leaves everything as it was.
    for (const spec of specs) checkCombination({ ...config, ...spec.optim })
    const first = this.make(config, specs[0]!)
    this.stop()
    this.disposeAll()
    this.config = config
    this.runs = [first]
    this.split.start(config, specs.slice(1))
    this.clock.clearDebt()
    this.cursor = 0
    this.onUpdate()
  }

  add(spec: RunSpec): void {
    this.split.flush()
    this.runs.push(this.make(this.config, spec))
    this.onUpdate()
  }

  remove(id: number): void {
    this.split.flush()
    const run = this.runs.find((r) => r.id === id)
    if (!run) return
    run.trainer.dispose()
    this.runs = this.runs.filter((r) => r !== run)
    this.cursor = 0
    if (this.finished) this.stop()
    this.onUpdate()
  }

  /**
   * λ of one run from now on. A run not yet started takes it as its λ; a running or paused one
   * continues from its current weights (a marker records the epoch); a finished one continues
   * from its weights for another `epochs` epochs; a diverged one starts again. Returns why the
   * change was refused, if it was (nothing changes then).
   */
  setLambda(id: number, lambda: number): string | undefined {
    this.split.flush()
    const run = this.runs.find((r) => r.id === id)
    if (!run) return undefined
    const t = run.trainer
    const epochs = this.config.epochs
    const change = planLambdaChange(run.spec, t.epoch, Boolean(run.result?.diverged), epochs, lambda)
    if ('refused' in change) return change.refused
    if ('restart' in change) {
      if (t.epoch > 0) t.reset()
      run.spec = change.restart
      t.update({ lambda, epochs })
    } else {
      run.spec = change.spec
      t.update({ lambda, epochs: change.end })
    }
    run.result = 'restart' in change && epochs === 0 ? t.result() : null
    this.onUpdate()
    return undefined
  }

  /**
   * A run's own optimizer and decay mode (or the experiment's, for undefined): the run starts
   * again from epoch 0 at its present λ. Throws ConfigError from the API (e.g. Nesterov without momentum).
   */
  setOptim(id: number, optim: RunSpec['optim']): void {
    this.split.flush()
    const index = this.runs.findIndex((r) => r.id === id)
    if (index < 0) return
    const old = this.runs[index]!
    const spec: RunSpec = { lambda: currentLambda(old.spec), changes: [] }
    if (optim && (optim.optimizer || optim.decay)) spec.optim = optim
    const run = this.make(this.config, spec)
    // The same run, restarted: it keeps its id (and colour).
    run.id = old.id
    old.trainer.dispose()
    this.runs = this.runs.map((r) => (r === old ? run : r))
    this.cursor = 0
    this.onUpdate()
  }

  /** Whether a λ change on this run would continue it past its end (it is finished, not diverged). */
  wouldExtend(id: number): boolean {
    this.split.flush()
    const run = this.runs.find((r) => r.id === id)
    return Boolean(run?.result && !run.result.diverged && run.trainer.epoch > 0)
  }

  /** Plays on; when every run has finished, plays the same schedule again from epoch 0. */
  play(): void {
    if (this.split.active) {
      this.split.intent = 'play'
      return
    }
    if (this.runs.length === 0) return
    if (this.finished) this.rewind()
    if (this.finished) return
    this.clock.play()
    this.onUpdate()
  }

  pause(): void {
    this.split.intent = null
    this.stop()
    this.onUpdate()
  }

  /** One epoch of every unfinished run. */
  step(): void {
    this.split.flush()
    this.stop()
    // A frame may have ended between runs: first bring every run to the same epoch.
    const partial = this.cursor > 0
    this.guard(() => this.advanceAll(partial ? 2 : 1, Infinity))
    this.onUpdate()
  }

  /** Runs every run to its end, still a frame at a time so the page keeps answering. */
  skip(): void {
    if (this.split.active) {
      this.split.intent = 'skip'
      return
    }
    if (this.finished) return
    this.clock.skip()
    this.onUpdate()
  }

  /** Back to epoch 0 keeping every run's schedule of λ changes (a replay). */
  rewind(): void {
    this.split.flush()
    this.stop()
    for (const run of this.runs) {
      run.trainer.reset()
      run.trainer.update({ lambda: run.spec.lambda, epochs: runEnd(run.spec, this.config.epochs) })
      run.result = this.config.epochs === 0 ? run.trainer.result() : null
    }
    this.clock.clearDebt()
    this.cursor = 0
  }

  /** Back to epoch 0, each run keeping the λ it has now. */
  reset(): void {
    this.split.flush()
    this.stop()
    for (const run of this.runs) {
      const lambda = currentLambda(run.spec)
      run.trainer.reset()
      run.trainer.update({ lambda, epochs: this.config.epochs })
      run.spec = { ...run.spec, lambda, changes: [] }
      run.result = this.config.epochs === 0 ? run.trainer.result() : null
    }
    this.cursor = 0
    this.onUpdate()
  }

  dispose(): void {
    this.split.clear()
    this.stop()
    this.disposeAll()
    this.runs = []
  }

  private make(config: Config, spec: RunSpec): Run {
    const trainer = this.engine.trainer({ ...config, ...this.data, ...spec.optim, lambda: spec.lambda })
    const end = runEnd(spec, config.epochs)
    if (end !== config.epochs) trainer.update({ epochs: end })
    const copy: RunSpec = { lambda: spec.lambda, changes: spec.changes.map((c) => ({ ...c })) }
    if (spec.optim) copy.optim = { ...spec.optim }
    const run: Run = { id: this.nextId++, spec: copy, trainer, result: null }
    if (config.epochs === 0) run.result = trainer.result()
    return run
  }

  private disposeAll(): void {
    for (const run of this.runs) run.trainer.dispose()
  }

  private stop(): void {
    this.clock.stop()
  }

  /**
   * Up to `epochs` epochs of each unfinished run, one epoch at a time, within `budgetMs`; the
   * budget is checked after each run's epoch (large problems take milliseconds per run), and the
   * next frame resumes with the next run.
   */
  private advanceAll(epochs: number, budgetMs: number): number {
    const start = performance.now()
    let ran = 0
    while (ran < epochs && !this.finished) {
      while (this.cursor < this.runs.length) {
        const run = this.runs[this.cursor++]!
        if (!run.result) this.advance(run)
        if (performance.now() - start > budgetMs && this.cursor < this.runs.length) return ran
      }
      this.cursor = 0
      ran++
      if (performance.now() - start > budgetMs) break
    }
    return ran
  }

  /** One epoch of a run, applying a λ change scheduled at its current epoch first. */
  private advance(run: Run): void {
    const t = run.trainer
    const change = run.spec.changes.find((c) => c.epoch === t.epoch)
    if (change) t.update({ lambda: change.lambda })
    t.step(1)
    if (t.done) run.result = t.result()
  }

  private guard<T>(work: () => T): T | undefined {
    try {
      return work()
    } catch (error) {
      this.stop()
      this.onError(error)
      return undefined
    }
  }
}
