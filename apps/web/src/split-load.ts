// Runs of a large load made one per task (runs.ts): each run makes its own data (about 8 ms per
// million values), so making eight at the page's largest size at once would block input for
// ~140 ms. Play or skip asked meanwhile waits for the last run.
import type { Config, RunSpec } from './state.js'

/**
 * A load whose runs hold more data values than this in all makes the first run at once (it
 * checks the config) and each further run in a task of its own.
 */
export const SPLIT_LOAD_CELLS = 1_000_000

/** What the split load needs from the runs controller. */
export interface SplitLoadHost<R> {
  /** Makes one run (throws ConfigError or out of memory). */
  make(config: Config, spec: RunSpec): R
  /** A run was made: add it. */
  add(run: R): void
  /** Making a run failed: the runs made so far stay. */
  onError(error: unknown): void
  /** The last run was made; `intent` is what was asked meanwhile. */
  onDone(intent: 'play' | 'skip' | null): void
  /** Something changed (a run was added). */
  onUpdate(): void
}

export class SplitLoad<R> {
  private pending: { config: Config; specs: RunSpec[] } | null = null
  /** Play or skip asked while runs are still being made. */
  intent: 'play' | 'skip' | null = null
  private readonly channel = new MessageChannel()

  constructor(private readonly host: SplitLoadHost<R>) {
    this.channel.port1.onmessage = () => this.tick()
  }

  /** Whether runs are still to be made. */
  get active(): boolean {
    return this.pending !== null
  }

  /** The specs of the runs not made yet. */
  get specs(): RunSpec[] {
    return this.pending?.specs ?? []
  }

  /** Makes these runs one per task, from the next task on. */
  start(config: Config, specs: RunSpec[]): void {
    this.pending = { config, specs: specs.slice() }
    this.intent = null
    if (specs.length > 0) this.channel.port2.postMessage(null)
  }

  /** Forgets the runs not made yet. */
  clear(): void {
    this.pending = null
    this.intent = null
  }

  /** Makes the rest at once (before any change to the runs). */
  flush(): void {
    const pending = this.pending
    if (!pending) return
    try {
      for (const spec of pending.specs.splice(0)) this.host.add(this.host.make(pending.config, spec))
    } finally {
      this.clear()
    }
  }

  private tick(): void {
    const pending = this.pending
    if (!pending) return
    const spec = pending.specs.shift()
    if (spec) {
      try {
        this.host.add(this.host.make(pending.config, spec))
      } catch (error) {
        // E.g. out of memory: the runs made so far stay.
        pending.specs = []
        this.host.onError(error)
      }
    }
    if (pending.specs.length > 0) this.channel.port2.postMessage(null)
    else {
      const intent = this.intent
      this.clear()
      this.host.onDone(intent)
    }
    this.host.onUpdate()
  }
}
