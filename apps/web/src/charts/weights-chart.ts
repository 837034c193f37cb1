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
}

export class WeightsChart {
  private readonly chart: Chart
  private shape = ''

  constructor(container: HTMLElement) {
    this.chart = new Chart(container, 'Weights: learned against true')
  }

  canvas(): HTMLCanvasElement | null {
    return this.chart.toCanvas()
  }

  /** Draws one run's current weights; returns what the summary line says. */
  render(run: Run | undefined, config: Config): WeightsSummary | undefined {
    if (!run) {
      this.chart.destroy()
      this.shape = ''
      return undefined
    }
    const w = run.trainer.weights()
    const d = w.length
    const x = Array.from({ length: d }, (_, i) => i + 1)
    const truth = new Array<number>(d).fill(config.trueW)
    let zeros = 0
    let sum = 0
    for (const v of w) {
      if (v === 0) zeros++
      sum += v
    }
    const data = [x, truth, Array.from(w)] as uPlot.AlignedData
    const shape = `${run.id}/${d}/${config.trueW}`
    if (shape !== this.shape) {
      this.shape = shape
      this.chart.build(
        {
          series: [
            { label: 'feature j' },
            { label: `true w = ${fmt(config.trueW)}`, stroke: '#222', width: 1.5 },
            { label: `learned w, run ${run.id + 1}`, stroke: colorOf(run.id), width: 0, paths: () => null, points: { show: true, size: d > 1000 ? 3 : 5, fill: colorOf(run.id) } },
          ],
          scales: { x: { time: false } },
          axes: [{ label: 'feature j' }, { label: 'w_j', size: 60 }],
          legend: { live: false },
          cursor: { drag: { x: false, y: false } },
        },
        data,
      )
    } else this.chart.update(data)
    return { zeros, d, mean: sum / d }
  }
}
