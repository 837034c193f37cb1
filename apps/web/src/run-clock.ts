// What advances the runs (runs.ts) in time: at a watchable pace by requestAnimationFrame (`pace`
// epochs per second within a frame budget), or skipping to the end in back-to-back tasks of a few
// milliseconds, drawn once per frame, so input is handled between them.

/** Epochs per second while playing (the seed's 100 epochs take two seconds). */
export const DEFAULT_PACE = 50
/** Main-thread time per frame spent training, so the page stays responsive. */
const FRAME_BUDGET_MS = 5
/** Skipping trains in back-to-back tasks of this length (not once per frame), drawing once per frame. */
const SKIP_SLICE_MS = 6

/** What the clock drives. */
export interface ClockHost {
  /** Up to `epochs` epochs of every unfinished run within `budgetMs`: the epochs completed, or undefined if training failed (the host has stopped the clock). */
  advance(epochs: number, budgetMs: number): number | undefined
  /** Whether every run has finished. */
  finished(): boolean
  /** Draws the runs' progress. */
  onUpdate(): void
}

export class RunClock {
  playing = false
  /** Skip to the end: as many epochs per task as the slice allows. */
  skipping = false
  pace = DEFAULT_PACE
  /** Epochs the pace owes (fractions carry over between frames). */
  private owed = 0
  private lastFrame = 0
  private frame = 0
  private renderFrame = 0
  private skipPending = false
  private readonly skipChannel = new MessageChannel()

  constructor(private readonly host: ClockHost) {
    this.skipChannel.port1.onmessage = () => this.skipTick()
  }

  /** Runs on at the pace (or on skipping, if it was). */
  play(): void {
    this.playing = true
    this.schedule()
  }

  /** Runs on to the end as fast as the slices allow. */
  skip(): void {
    this.playing = true
    this.skipping = true
    this.schedule()
  }

  stop(): void {
    this.playing = false
    this.skipping = false
    if (this.frame) cancelAnimationFrame(this.frame)
    if (this.renderFrame) cancelAnimationFrame(this.renderFrame)
    this.frame = this.renderFrame = 0
  }

  /** Forgets what the pace owes (the runs were replaced or rewound). */
  clearDebt(): void {
    this.owed = 0
  }

  private schedule(): void {
    if (this.skipping) {
      if (this.frame) cancelAnimationFrame(this.frame)
      this.frame = 0
      if (!this.skipPending) {
        this.skipPending = true
        this.skipChannel.port2.postMessage(null)
      }
      return
    }
    if (this.frame) return
    this.lastFrame = performance.now()
    this.frame = requestAnimationFrame((t) => this.tick(t))
  }

  /** One slice of skipping to the end; the next slice is a new task, so input is handled between them. */
  private skipTick(): void {
    this.skipPending = false
    if (!this.playing || !this.skipping) return
    this.host.advance(Infinity, SKIP_SLICE_MS)
    if (this.host.finished() || !this.playing) {
      this.stop()
      this.host.onUpdate()
      return
    }
    this.skipPending = true
    this.skipChannel.port2.postMessage(null)
    this.renderFrame ||= requestAnimationFrame(() => {
      this.renderFrame = 0
      this.host.onUpdate()
    })
  }

  private tick(now: number): void {
    this.frame = 0
    if (!this.playing) return
    const dt = Math.min(0.1, Math.max(0, (now - this.lastFrame) / 1000))
    this.lastFrame = now
    this.owed += dt * this.pace
    const epochs = Math.floor(this.owed)
    this.owed -= epochs
    const ran = this.host.advance(epochs, FRAME_BUDGET_MS) ?? 0
    if (ran < epochs) this.owed = 0 // behind the pace: do not pile up debt
    if (this.host.finished()) this.stop()
    else if (this.playing) this.frame = requestAnimationFrame((t) => this.tick(t))
    this.host.onUpdate()
  }
}
