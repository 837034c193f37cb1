// Train and test loss against epochs (log scale), one colour per run, dash for train, λ changes
// marked, and the loss of always predicting the training mean as a reference line.
import type uPlot from 'uplot'
import { setText } from '../dom.js'
import { fmt, fmtLambda } from '../format.js'
import { runName } from '../run-cards.js'
import type { Run } from '../runs.js'
import { runEnd, type Config } from '../state.js'
import { Chart, colorOf, logTicks, themeColor } from './base.js'
import { renderLegend } from './legend.js'

const TRAIN_DASH = [6, 4]
const BASELINE_DASH = [2, 4]

export class LossChart {
  private readonly chart: Chart
  private shape = ''
  private version = ''
  private runs: Run[] = []

  constructor(
    private readonly container: HTMLElement,
    private readonly legend: HTMLElement,
    private readonly empty: HTMLElement,
  ) {
    this.chart = new Chart(container, 'Loss against epochs')
  }

  /** Rebuilds on the next render (e.g. new theme colours). */
  invalidate(): void {
    this.shape = ''
  }

  canvas(): HTMLCanvasElement | null {
    return this.chart.toCanvas()
  }

  /** `baseline`: the test loss of predicting the training mean of y for every example (a reference line). */
  render(runs: Run[], config: Config, baseline: number | undefined, end: number): void {
    this.runs = runs
    // Redraw only when a point or a marker was added (most frames add neither).
    const names = runs.map((r, i) => runName(r, i))
    const shape = `${end}/${config.evalEvery}/${baseline}/${runs.map((r, i) => `${r.id}:${names[i]}`).join(',')}`
    const version = runs.map((r) => `${r.trainer.history.length}:${r.spec.changes.map((c) => `${c.epoch}=${c.lambda}`).join(';')}`).join(',')
    if (shape === this.shape && version === this.version) return
    this.version = version
    this.explainEmpty(runs, config)
    const every = config.evalEvery
    const points = Math.floor(end / every)
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
    const base = baseline !== undefined && baseline > 0 ? baseline : null
    data.push(x.map(() => base))
    if (shape !== this.shape) {
      this.shape = shape
      this.chart.build(this.options(runs, end, names), data as uPlot.AlignedData)
      renderLegend(this.legend, [
        ...runs.map((run, i) => ({ label: names[i]!, color: colorOf(run.id), style: 'solid' as const })),
        { label: 'solid: test loss', style: 'solid' },
        { label: 'dashed: training loss', style: 'dashed' },
        ...(base === null ? [] : [{ label: `dotted: predict the mean, test loss ${fmt(base)}`, style: 'dotted' as const }]),
      ])
    } else {
      this.chart.update(data as uPlot.AlignedData)
    }
    this.describe(runs, names, base)
  }

  /** The chart's text alternative carries the numbers it shows. */
  private describe(runs: Run[], names: string[], base: number | null): void {
    const parts = runs.map((run, i) => {
      const last = run.trainer.history.at(-1)
      return last ? `${names[i]}: at epoch ${last.epoch}, training loss ${fmt(last.trainLoss)}, test loss ${fmt(last.testLoss)}` : `${names[i]}: no loss recorded yet`
    })
    if (base !== null) parts.push(`predicting the mean gives test loss ${fmt(base)}`)
    this.container.setAttribute('aria-label', `Loss against epochs, log scale. ${parts.join('. ')}.`)
  }

  /** Says why the chart is empty, when it is. */
  private explainEmpty(runs: Run[], config: Config): void {
    let text = ''
    if (runs.length === 0) text = 'No runs: add one below.'
    else if (config.epochs === 0) text = 'Epochs is 0, so nothing is trained and no loss is drawn. Each card shows the losses of the random starting weights. Set Epochs (under Experiment) above 0 to train.'
    else if (config.evalEvery > Math.max(...runs.map((r) => runEnd(r.spec, config.epochs)))) {
      text = `No point is drawn: losses are recorded every ${config.evalEvery} epochs, and the runs stop at ${config.epochs}. Set “Record every” to ${config.epochs} or less.`
    }
    setText(this.empty, text)
    this.empty.hidden = text === ''
  }

  private options(runs: Run[], end: number, names: string[]): Omit<uPlot.Options, 'width' | 'height'> {
    const series: uPlot.Series[] = [{ label: 'epoch' }]
    runs.forEach((run, i) => {
      const color = colorOf(run.id)
      series.push({ label: `${names[i]} train`, stroke: color, width: 1.5, dash: TRAIN_DASH, spanGaps: true })
      series.push({ label: `${names[i]} test`, stroke: color, width: 2.25, spanGaps: true })
    })
    series.push({ label: 'predict the mean (test)', stroke: themeColor('--muted', '#5b6270'), width: 1.5, dash: BASELINE_DASH, points: { show: false } })
    return {
      series,
      scales: { x: { time: false, range: [0, Math.max(1, end)] }, y: { distr: 3, log: 10 } },
      axes: [{ label: 'epoch' }, { label: 'mean loss (log)', values: logTicks, size: 60 }],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(u) => this.drawMarkers(u)] },
    }
  }

  /** A dashed vertical line where a run's λ changed, labelled with the new λ; labels never overlap or leave the plot. */
  private drawMarkers(u: uPlot): void {
    const ctx = u.ctx
    const { left, top, width, height } = u.bbox
    const ratio = devicePixelRatio || 1
    const rowHeight = 14 * ratio
    const rows: [number, number][][] = []
    const placed: number[][] = []
    ctx.save()
    ctx.font = `${12 * ratio}px system-ui, sans-serif`
    ctx.textBaseline = 'top'
    for (const run of this.runs) {
      const color = colorOf(run.id)
      for (const change of run.spec.changes) {
        const x = Math.round(u.valToPos(change.epoch, 'x', true))
        ctx.strokeStyle = color
        ctx.setLineDash([3 * ratio, 3 * ratio])
        ctx.lineWidth = 1.5 * ratio
        ctx.beginPath()
        ctx.moveTo(x, top)
        ctx.lineTo(x, top + height)
        ctx.stroke()
        const text = `λ→${fmtLambda(change.lambda)}`
        const w = ctx.measureText(text).width
        // Right of the line, or left of it near the right edge; in the first row where it fits.
        const from = x + 3 * ratio + w <= left + width ? x + 3 * ratio : Math.max(left, x - 3 * ratio - w)
        const span: [number, number] = [from - 2 * ratio, from + w + 2 * ratio]
        let row = rows.findIndex((placed) => placed.every(([a, b]) => span[1] <= a || span[0] >= b))
        if (row < 0) {
          row = rows.length
          rows.push([])
        }
        // Past the plot's height the labels would pile up: the lines still show, the card lists every λ.
        if ((row + 1) * rowHeight > height) continue
        rows[row]!.push(span)
        placed.push([span[0], span[1], top + row * rowHeight, top + (row + 1) * rowHeight].map((v) => v / ratio))
        ctx.fillStyle = themeColor('--card', '#fff')
        ctx.globalAlpha = 0.8
        ctx.fillRect(span[0], top + row * rowHeight, span[1] - span[0], rowHeight)
        ctx.globalAlpha = 1
        ctx.fillStyle = color
        ctx.fillText(text, from, top + row * rowHeight + 1 * ratio)
      }
    }
    ctx.restore()
    // For the tests: where each label went, and the plot's box, in CSS pixels.
    this.container.dataset.markerLabels = JSON.stringify({ box: [left, left + width, top, top + height].map((v) => v / ratio), placed })
  }
}
