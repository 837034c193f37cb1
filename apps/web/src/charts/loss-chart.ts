// Train and test loss against epochs (log scale), one colour per run, λ changes marked.
import type uPlot from 'uplot'
import { fmtLambda } from '../format.js'
import type { Run } from '../runs.js'
import type { Config } from '../state.js'
import { Chart, colorOf, logTicks } from './base.js'

/** A run's λ and its changes: "0", or "0→10→3". */
const lambdas = (run: Run) => [run.spec.lambda, ...run.spec.changes.map((c) => c.lambda)].map(fmtLambda).join('→')

export class LossChart {
  private readonly chart: Chart
  private shape = ''
  private version = ''
  private runs: Run[] = []

  constructor(container: HTMLElement) {
    this.chart = new Chart(container, 'Loss against epochs')
  }

  canvas(): HTMLCanvasElement | null {
    return this.chart.toCanvas()
  }

  render(runs: Run[], config: Config): void {
    this.runs = runs
    // Redraw only when a point or a marker was added (most frames add neither).
    const shape = `${config.epochs}/${config.evalEvery}/${runs.map((r) => `${r.id}:${lambdas(r)}`).join(',')}`
    const version = runs.map((r) => `${r.trainer.history.length}:${r.spec.changes.map((c) => `${c.epoch}=${c.lambda}`).join(';')}`).join(',')
    if (shape === this.shape && version === this.version) return
    this.version = version
    const every = config.evalEvery
    const points = Math.floor(config.epochs / every)
    const x = Array.from({ length: points }, (_, i) => (i + 1) * every)
    const data: (number | null)[][] = [x]
    for (const run of runs) {
      const train = new Array<number | null>(points).fill(null)
      const test = new Array<number | null>(points).fill(null)
      for (const p of run.trainer.history) {
        const i = p.epoch / every - 1
        // A log axis cannot show 0; an exact zero loss is left out rather than drawn wrong.
        train[i] = p.trainLoss > 0 ? p.trainLoss : null
        test[i] = p.testLoss > 0 ? p.testLoss : null
      }
      data.push(train, test)
    }
    if (shape !== this.shape) {
      this.shape = shape
      this.chart.build(this.options(runs, config), data as uPlot.AlignedData)
    } else {
      this.chart.update(data as uPlot.AlignedData)
    }
  }

  private options(runs: Run[], config: Config): Omit<uPlot.Options, 'width' | 'height'> {
    const series: uPlot.Series[] = [{ label: 'epoch' }]
    runs.forEach((run, i) => {
      const color = colorOf(run.id)
      const name = `run ${i + 1} (λ = ${lambdas(run)})`
      series.push({ label: `${name} train`, stroke: color, width: 1.5, dash: [6, 4], spanGaps: true })
      series.push({ label: `${name} test`, stroke: color, width: 2, spanGaps: true })
    })
    return {
      series,
      scales: { x: { time: false, range: [0, Math.max(1, config.epochs)] }, y: { distr: 3, log: 10 } },
      axes: [{ label: 'epoch' }, { label: 'mean loss (log)', values: logTicks, size: 60 }],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(u) => this.drawMarkers(u)] },
    }
  }

  /** A dashed vertical line where a run's λ changed mid-run, labelled with the new λ. */
  private drawMarkers(u: uPlot): void {
    const ctx = u.ctx
    const { top, height } = u.bbox
    const ratio = devicePixelRatio || 1
    ctx.save()
    ctx.font = `${11 * ratio}px system-ui, sans-serif`
    this.runs.forEach((run, k) => {
      ctx.strokeStyle = ctx.fillStyle = colorOf(run.id)
      for (const change of run.spec.changes) {
        const x = Math.round(u.valToPos(change.epoch, 'x', true))
        ctx.setLineDash([3 * ratio, 3 * ratio])
        ctx.lineWidth = 1.5 * ratio
        ctx.beginPath()
        ctx.moveTo(x, top)
        ctx.lineTo(x, top + height)
        ctx.stroke()
        ctx.fillText(`λ→${fmtLambda(change.lambda)}`, x + 3 * ratio, top + (12 + 13 * k) * ratio)
      }
    })
    ctx.restore()
  }
}
