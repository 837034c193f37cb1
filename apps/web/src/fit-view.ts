// A picture of the fit for every run: predicted against true y, training points filled, test
// points as rings, the line y = x where a perfect fit would lie; one shared scale (the spread of
// the true y), with points beyond it drawn on the frame's edge.
import type { Predictions } from '@weight-decay/api'
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

  render(runs: Run[]): void {
    const panels = this.panels.sync(runs.map((r) => String(r.id)))
    const fits: Predictions[] = runs.map((r) => r.trainer.predictions())
    let lo = Infinity
    let hi = -Infinity
    for (const f of fits.slice(0, 1)) for (const y of [...f.train.y, ...f.test.y]) {
      lo = Math.min(lo, y)
      hi = Math.max(hi, y)
    }
    const pad = (hi - lo) * 0.25 || 1
    const range: [number, number] = [lo - pad, hi + pad]
    runs.forEach((run, i) => {
      const { train, test } = fits[i]!
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
          lines: [{ points: [range, range].map((r, k) => [r[k]!, r[k]!]) as [number, number][], color: themeColor('--muted', '#5b6270'), dash: [4, 3] }],
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
