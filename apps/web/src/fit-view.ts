// A picture of the fit for every run: predicted against true y, training points filled, test
// points as rings, the line y = x where a perfect fit would lie; one shared scale (the spread of
// the true y), with points beyond it drawn on the frame's edge.
import { colorOf, themeColor } from './charts/base.js'
import { drawPlot, Panels } from './charts/panels.js'
import { fmt } from './format.js'
import { runName } from './run-cards.js'
import type { Run } from './runs.js'

const outside = (ys: Float64Array, [lo, hi]: [number, number]) => ys.reduce((n, v) => n + (v < lo || v > hi || !Number.isFinite(v) ? 1 : 0), 0)

export class FitView {
  private readonly panels: Panels

  constructor(container: HTMLElement) {
    this.panels = new Panels(container, 'Predicted against true y')
  }

  canvases(): HTMLCanvasElement[] {
    return this.panels.canvases()
  }

  /** The jobs that redraw every run's panel, one job per run (see runInTasks). */
  jobs(runs: Run[], live: (run: Run) => boolean): (() => void)[] {
    const panels = this.panels.sync(runs.map((r) => String(r.id)))
    let range: [number, number] = [0, 1]
    return runs.map((run, i) => () => {
      // A job may run after the run was replaced (Back, a preset): its trainer is gone then.
      if (!live(run)) return
      const { train, test } = run.trainer.predictions()
      // One scale for every run: the spread of the true y (the same data in every run).
      if (i === 0) {
        let lo = Infinity
        let hi = -Infinity
        for (const ys of [train.y, test.y]) for (const y of ys) {
          lo = Math.min(lo, y)
          hi = Math.max(hi, y)
        }
        const pad = (hi - lo) * 0.25 || 1
        range = [lo - pad, hi + pad]
      }
      const off = outside(train.yHat, range) + outside(test.yHat, range)
      const name = runName(run, i)
      const last = run.trainer.history.at(-1)
      const losses = last ? `, at epoch ${last.epoch} training loss ${fmt(last.trainLoss)}, test loss ${fmt(last.testLoss)}` : ''
      drawPlot(
        panels[i]!,
        {
          x: range,
          y: range,
          xLabel: 'true y',
          yLabel: 'predicted y',
          lines: [{ points: [[range[0], range[0]], [range[1], range[1]]], color: themeColor('--muted', '#5b6270'), dash: [4, 3] }],
          dots: [
            { xs: test.y, ys: test.yHat, color: colorOf(run.id), hollow: true, size: 3 },
            { xs: train.y, ys: train.yHat, color: colorOf(run.id), size: 3 },
          ],
        },
        name,
        off > 0 ? `${off} of ${train.y.length + test.y.length} predictions lie beyond the frame (drawn on its edge).` : '',
        `${name}: ${train.y.length} training and ${test.y.length} test points, predicted against true y${losses}${off > 0 ? `; ${off} predictions beyond the frame` : ''}`,
      )
    })
  }
}
