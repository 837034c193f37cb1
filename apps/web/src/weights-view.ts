// The weights of every run side by side on one shared scale, so shrinkage is visible: λ = 0's
// weights fill the panel, strong decay's lie flat on zero. Dots: SGD's w now; rings: the exact
// optimum at the run's λ (solved in a worker); the dark line: the true w.
import type { SolveResult } from '@weight-decay/api'
import { colorOf, themeColor } from './charts/base.js'
import { drawPlot, Panels } from './charts/panels.js'
import { setText } from './dom.js'
import type { ExactWeights } from './exact.js'
import { fmt } from './format.js'
import { runName } from './run-cards.js'
import type { Run } from './runs.js'
import { currentLambda, type Config } from './state.js'

const countZeros = (w: ArrayLike<number>) => Array.prototype.filter.call(w, (v: number) => v === 0).length
const maxAbs = (w: ArrayLike<number>) => {
  let m = 0
  for (let i = 0; i < w.length; i++) if (Number.isFinite(w[i]!)) m = Math.max(m, Math.abs(w[i]!))
  return m
}

export class WeightsView {
  private readonly panels: Panels

  constructor(container: HTMLElement, private readonly summary: HTMLElement, private readonly exact: ExactWeights) {
    this.panels = new Panels(container, 'Weights of one run against the true weights')
  }

  canvases(): HTMLCanvasElement[] {
    return this.panels.canvases()
  }

  /** The jobs that redraw every run's panel (one per run) and then the summary (see runInTasks). */
  jobs(runs: Run[], config: Config, truth = true): (() => void)[] {
    const panels = this.panels.sync(runs.map((r) => String(r.id)))
    // Read now: the jobs may run after a run's trainer was replaced.
    const ws = runs.map((r) => r.trainer.weights())
    const norms = runs.map((r) => r.trainer.wNorm())
    const epochs = runs.map((r) => r.trainer.epoch)
    const optima = runs.map((r) => this.exact.get(config, currentLambda(r.spec)))
    const solved = (o: SolveResult | string | undefined): o is SolveResult => typeof o === 'object'
    // One scale for every run: the largest |w| anywhere, and the truth.
    const top = Math.max(truth ? Math.abs(config.trueW) : 0, ...ws.map(maxAbs), ...optima.filter(solved).map((o) => maxAbs(o.w))) * 1.08 || 1
    const d = config.numInputs
    const index = Array.from({ length: d }, (_, j) => j + 1)
    const lines: string[] = []
    const jobs = runs.map((run, i) => () => {
      const w = ws[i]!
      const optimum = optima[i]
      const name = runName(run, i)
      const wNorm = norms[i]!
      const size = d > 1000 ? 1.2 : d > 300 ? 1.8 : 2.6
      drawPlot(
        panels[i]!,
        {
          x: [1, Math.max(2, d)],
          y: [-top, top],
          xLabel: 'feature j',
          yLabel: 'w_j',
          // The visitor's own data has no true w.
          lines: truth ? [{ points: [[1, config.trueW], [Math.max(2, d), config.trueW]], color: themeColor('--fg', '#222'), width: 1.5 }] : [],
          // Rings first, so SGD's dots stay visible where the two coincide.
          dots: [
            ...(solved(optimum) ? [{ xs: index, ys: optimum.w, color: themeColor('--muted', '#5b6270'), hollow: true, size: size + 0.6 }] : []),
            { xs: index, ys: w, color: colorOf(run.id), size },
          ],
        },
        `${name} · ‖w‖ = ${fmt(wNorm)}`,
        '',
        `${name}: weights at epoch ${epochs[i]} on a scale from ${fmt(-top)} to ${fmt(top)}, ‖w‖ = ${fmt(wNorm)}${truth ? `, true w = ${fmt(config.trueW)} each` : ''}`,
      )
      let mean = 0
      for (const v of w) mean += v / d
      const exactText = solved(optimum) ? `exact optimum: ${countZeros(optimum.w)} of ${d} exactly zero, ‖w‖ = ${fmt(optimum.wNorm)}` : optimum === undefined ? 'exact optimum: solving…' : optimum
      lines.push(`${name}, ${config.penalty}: SGD mean w = ${fmt(mean)}${truth ? ` (true ${fmt(config.trueW)})` : ''}, ${countZeros(w)} of ${d} exactly zero; ${exactText}.`)
    })
    return [...jobs, () => setText(this.summary, lines.join('\n'))]
  }
}
