// Learned w against the true w (trueW in every component): shrinkage, and L1's exact zeros.
import type uPlot from 'uplot'
import { fmt } from '../format.js'
import type { Run } from '../runs.js'
import type { Config } from '../state.js'
import { Chart, colorOf } from './base.js'

export interface WeightsSummary {
  zeros: number
  d: number
  mean: number
  /** Exact zeros of the optimum's w, when it was given. */
  exactZeros?: number
}

const countZeros = (w: ArrayLike<number>) => Array.prototype.filter.call(w, (v: number) => v === 0).length

export class WeightsChart {
  private readonly chart: Chart
  private shape = ''
  private version = ''
  private last: WeightsSummary | undefined
  private exact: Float64Array | undefined

  constructor(container: HTMLElement) {
    this.chart = new Chart(container, 'Weights: learned against true')
  }

  canvas(): HTMLCanvasElement | null {
    return this.chart.toCanvas()
  }

  /** Draws one run's current weights; returns what the summary line says. */
  render(run: Run | undefined, config: Config, exact?: Float64Array): WeightsSummary | undefined {
    if (!run) {
      this.chart.destroy()
      this.shape = this.version = ''
      return undefined
    }
    // Weights change only with the epoch (or a reset); skip frames that moved nothing.
    const version = `${run.id}/${run.trainer.epoch}/${config.trueW}`
    if (version === this.version && exact === this.exact && this.last) return this.last
    this.version = version
    this.exact = exact
    const w = run.trainer.weights()
    const d = w.length
    const x = Array.from({ length: d }, (_, i) => i + 1)
    const truth = new Array<number>(d).fill(config.trueW)
    let sum = 0
    for (const v of w) sum += v
    const data = [x, truth, Array.from(w), exact ? Array.from(exact) : new Array<null>(d).fill(null)] as uPlot.AlignedData
    const shape = `${run.id}/${d}/${config.trueW}/${exact !== undefined}`
    if (shape !== this.shape) {
      this.shape = shape
      this.chart.build(
        {
          series: [
            { label: 'feature j' },
            { label: `true w = ${fmt(config.trueW)}`, stroke: '#222', width: 1.5 },
            { label: 'SGD w', stroke: colorOf(run.id), width: 0, paths: () => null, points: { show: true, size: d > 1000 ? 3 : 5, fill: colorOf(run.id) } },
            { label: 'exact optimum w', stroke: '#111', width: 0, paths: () => null, points: { show: exact !== undefined, size: d > 1000 ? 3 : 5, width: 1, fill: '#fff' } },
          ],
          scales: { x: { time: false } },
          axes: [{ label: 'feature j' }, { label: 'w_j', size: 60 }],
          legend: { live: false },
          cursor: { drag: { x: false, y: false } },
        },
        data,
      )
    } else this.chart.update(data)
    const summary: WeightsSummary = { zeros: countZeros(w), d, mean: sum / d }
    if (exact) summary.exactZeros = countZeros(exact)
    this.last = summary
    return summary
  }
}
