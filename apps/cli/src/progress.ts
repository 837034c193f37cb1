import type { SingleBar } from 'cli-progress'
import { lazy } from './lazy.js'

const cliProgress = lazy<typeof import('cli-progress')>('cli-progress')

/** Wait this long before showing a bar, so quick work prints nothing. */
const SHOW_AFTER_MS = 300

/**
 * A progress bar on stderr, shown only when stderr is a terminal and only once the work has
 * taken a moment; it clears itself when stopped, so stdout and logs never see it.
 */
export class Progress {
  private bar: SingleBar | undefined
  private readonly started = Date.now()
  private readonly enabled: boolean

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    // The bar redraws with escape codes: none for NO_COLOR (the terminal test expects no escape
    // codes at all there) or a dumb terminal.
    this.enabled = stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb'
  }

  update(done: number, total: number): void {
    if (!this.enabled) return
    if (!this.bar) {
      if (Date.now() - this.started < SHOW_AFTER_MS || done >= total) return
      this.bar = new (cliProgress().SingleBar)({
        stream: this.stream,
        format: `${this.label} [{bar}] {percentage}% {value}/{total} ETA {eta_formatted}`,
        barCompleteChar: '#',
        barIncompleteChar: '-',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 20,
      })
      this.bar.start(total, done)
      return
    }
    this.bar.setTotal(total)
    this.bar.update(done)
  }

  stop(): void {
    this.bar?.stop()
    this.bar = undefined
  }
}
