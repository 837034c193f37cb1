// Play / pause, step one epoch, skip to the end, reset, speed.
import { byId, setText } from './dom.js'
import type { RunsController } from './runs.js'

export class Transport {
  /** Called after Reset (the runs' λ schedules changed: a history entry). */
  onReset: () => void = () => {}
  private readonly play = byId<HTMLButtonElement>('play')
  private readonly step = byId<HTMLButtonElement>('step')
  private readonly skip = byId<HTMLButtonElement>('skip')
  private readonly epoch = byId('epoch')

  constructor(private readonly runs: RunsController) {
    this.play.addEventListener('click', () => (runs.playing ? runs.pause() : runs.play()))
    this.step.addEventListener('click', () => runs.step())
    this.skip.addEventListener('click', () => runs.skip())
    byId('reset').addEventListener('click', () => {
      runs.reset()
      this.onReset()
    })
    const pace = byId<HTMLSelectElement>('pace')
    pace.addEventListener('change', () => (runs.pace = Number(pace.value)))
  }

  render(): void {
    const { runs } = this
    this.play.setAttribute('aria-pressed', String(runs.playing))
    // Play stays enabled at the end: it replays the same schedule from epoch 0.
    setText(this.play, runs.playing ? 'Pause' : runs.finished && runs.runs.length > 0 ? 'Play again' : 'Play')
    this.play.disabled = runs.runs.length === 0
    this.step.disabled = this.skip.disabled = runs.finished && !runs.playing
    const state = runs.runs.length === 0 ? 'no runs' : runs.finished ? 'finished' : runs.playing ? 'playing' : 'paused'
    setText(this.epoch, `epoch ${runs.epoch} of ${runs.end} · ${state}`)
    document.body.dataset.state = runs.finished ? 'finished' : runs.playing ? 'playing' : 'paused'
    // How epochs advance: paced (an animation) or as fast as the frame budget allows (skip).
    document.body.dataset.motion = !runs.playing ? 'still' : runs.skipping ? 'skip' : 'animate'
  }
}
