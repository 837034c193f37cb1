// The coefficient path (each w_j of the exact optimum against log λ, as glmnet draws it) and the
// double-descent view (test loss against training examples, minimum-norm against decay tuned by
// cross-validation), both from exact solves in the worker pool, with progress and cancel.
import { AbortError } from '@weight-decay/api'
import type uPlot from 'uplot'
import { Chart, COLORS, drawMarker, logTicks, themeColor } from './charts/base.js'
import { renderLegend } from './charts/legend.js'
import { fmt } from './format.js'
import { DESCENT_MAX_FEATURES, MAX_CELLS } from './limits.js'
import { getPool } from './pool.js'
import type { Config } from './state.js'
import { message } from './notices.js'

// The grids are decimal literals, not computed: `10 ** x` differs in the last bit between
// JavaScript engines (Chromium's and Node 20's give 316.22776601683796 and 316.2277660168379), a λ
// one bit apart gives other bits, and a literal parses to the same double everywhere.
/** λ values of the coefficient path (1, 2, 5 per decade). */
export const COEF_LAMBDAS: readonly number[] = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
/** Most weights drawn as lines (the first ones; all are solved). */
const MAX_LINES = 100
/** Training-set sizes of the double-descent view, as multiples of the number of features. */
const DD_RATIOS = [0.1, 0.25, 0.5, 0.7, 0.85, 0.95, 1, 1.05, 1.15, 1.3, 1.6, 2, 3]
/** λ values the tuned curve chooses from by cross-validation (1, 3 per decade); λ = 0 is the minimum-norm fit. */
export const DD_LAMBDAS: readonly number[] = [0, 1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000]
/** Seeds of the double-descent view (the mean is drawn). */
export const DD_SEEDS = 4
/**
 * How cross-validation tunes λ: for l2, exact leave-one-out (one decomposition for the whole grid,
 * as RidgeCV does); for l1 and elastic net, this many folds (fewer with fewer examples).
 */
export const DD_FOLDS = 5

/** The folds that tune λ on nTrain examples with this penalty. */
export function descentFolds(penalty: Config['penalty'], nTrain: number): number | 'loo' {
  return penalty === 'l2' && nTrain >= 3 ? 'loo' : Math.min(DD_FOLDS, nTrain)
}

/** The seeds of the double-descent view, named as the API's sweeps name them (the config's seed, then "seed#1", …). */
export function descentSeeds(seed: Config['seed']): Config['seed'][] {
  return Array.from({ length: DD_SEEDS }, (_, i) => (i === 0 ? seed : `${seed}#${i}`))
}

export interface BeyondElements {
  coefRun: HTMLButtonElement
  ddRun: HTMLButtonElement
  cancel: HTMLButtonElement
  status: HTMLElement
  coefChart: HTMLElement
  ddChart: HTMLElement
  ddLegend: HTMLElement
}

/** One point of the double-descent view. */
export interface DescentPoint {
  nTrain: number
  minNorm: number
  tuned: number
  /** The λ cross-validation chose, per seed. */
  tunedLambdas: number[]
}

export class BeyondPanel {
  private readonly coef: Chart
  private readonly dd: Chart
  private controller: AbortController | null = null
  private descentLine: number | null = null
  /** The last results, for tests and exports. */
  coefResult: { lambdas: number[]; w: Float64Array[] } | null = null
  descent: DescentPoint[] | null = null

  /**
   * `config`: the runs' config, with the visitor's data when there is some (the coefficient path
   * uses it); `generated`: the same without the data, for double descent, which varies the number
   * of generated training examples.
   */
  constructor(
    private readonly el: BeyondElements,
    private readonly config: () => Config,
    private readonly generated: () => Config = config,
  ) {
    this.coef = new Chart(el.coefChart, 'Coefficient path: w_j of the exact optimum against λ')
    this.dd = new Chart(el.ddChart, 'Double descent: test loss against training examples')
    el.coefRun.addEventListener('click', () => void this.start('coef'))
    el.ddRun.addEventListener('click', () => void this.start('dd'))
    el.cancel.addEventListener('click', () => this.controller?.abort())
  }

  canvases(): (HTMLCanvasElement | null)[] {
    return [this.coef.toCanvas(), this.dd.toCanvas()]
  }

  /** The experiment changed: old pictures no longer describe it. */
  invalidate(): void {
    this.controller?.abort()
    if (this.coefResult || this.descent) this.el.status.textContent = 'The experiment changed; draw again.'
    this.coefResult = null
    this.descent = null
    this.coef.destroy()
    this.dd.destroy()
    this.el.ddLegend.replaceChildren()
    delete this.el.ddChart.dataset.points
    delete this.el.coefChart.dataset.wNorms
  }

  /** Computes and draws the coefficient path or the double-descent view. */
  async start(which: 'coef' | 'dd'): Promise<void> {
    if (this.controller) return
    const controller = new AbortController()
    this.controller = controller
    this.busy(true)
    const progress = (done: number, total: number) => (this.el.status.textContent = `${done} of ${total} exact solves`)
    try {
      if (which === 'coef') await this.coefficientPath(controller.signal, progress)
      else await this.doubleDescent(controller.signal, progress)
    } catch (error) {
      this.el.status.textContent = error instanceof AbortError || controller.signal.aborted ? 'Cancelled.' : `Failed: ${message(error)}`
    } finally {
      this.controller = null
      this.busy(false)
    }
  }

  private busy(on: boolean): void {
    this.el.coefRun.disabled = this.el.ddRun.disabled = on
    this.el.cancel.disabled = !on
  }

  private async coefficientPath(signal: AbortSignal, progress: (done: number, total: number) => void): Promise<void> {
    const config = this.config()
    const pool = await getPool()
    const lambdas = COEF_LAMBDAS.slice()
    // Contiguous λ chunks, one per worker: the data and its Gram matrix are made once per chunk.
    const path = await pool.coefPath({ ...config, lambdas }, { signal, onProgress: progress })
    this.coefResult = { lambdas, w: path.w }
    const d = config.numInputs
    const shown = Math.min(d, MAX_LINES)
    const data: (number | null)[][] = [lambdas]
    const series: uPlot.Series[] = [{ label: 'λ' }]
    for (let j = 0; j < shown; j++) {
      data.push(path.w.map((w) => w[j]!))
      series.push({ label: `w_${j + 1}`, stroke: `${COLORS[j % COLORS.length]}b0`, width: 1, points: { show: false } })
    }
    // Generated data have a true w to compare with; a visitor's file has none.
    const generated = !('data' in config)
    if (generated) {
      data.push(lambdas.map(() => config.trueW))
      series.push({ label: 'true w', stroke: themeColor('--fg', '#111'), width: 1.5, dash: [5, 4], points: { show: false } })
    }
    this.coef.build(
      {
        series,
        scales: { x: { time: false, distr: 3, log: 10 } },
        axes: [{ label: 'λ (log)', values: logTicks }, { label: 'w_j', size: 60 }],
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
      },
      data as uPlot.AlignedData,
    )
    const zeros = (w: Float64Array) => w.filter((v) => v === 0).length
    const text = `Coefficient path of the exact optimum, ${config.penalty}: ${shown === d ? `all ${d}` : `the first ${shown} of ${d}`} weights against λ from ${fmt(lambdas[0]!)} to ${fmt(lambdas.at(-1)!)}. ‖w‖ falls from ${fmt(path.wNorm[0]!)} to ${fmt(path.wNorm.at(-1)!)}; exactly zero: ${zeros(path.w[0]!)} of ${d} at the smallest λ, ${zeros(path.w.at(-1)!)} at the largest.${generated ? ` Dashed: the true w = ${fmt(config.trueW)}.` : ''}`
    this.el.coefChart.setAttribute('aria-label', text)
    // ‖w‖ per λ in full precision, for anyone checking the numbers.
    this.el.coefChart.dataset.wNorms = JSON.stringify(path.wNorm)
    this.el.status.textContent = text
  }

  private async doubleDescent(signal: AbortSignal, progress: (done: number, total: number) => void): Promise<void> {
    const config = this.generated()
    // With the visitor's file loaded, say which data this view shows.
    const onGenerated = 'data' in this.config() ? 'On generated data (this view varies the number of training examples, which a file cannot): ' : ''
    const d = config.numInputs
    if (d > DESCENT_MAX_FEATURES) {
      this.el.status.textContent = `Double descent cross-validates 13 training-set sizes up to ${3 * d} examples, 4 seeds each: with ${d} features that takes too long for this page (it allows up to ${DESCENT_MAX_FEATURES}). Use fewer features: the peak at n = d shows at any number.`
      return
    }
    const sizes = [...new Set(DD_RATIOS.map((r) => Math.max(2, Math.round(r * d))))].filter((n) => (n + config.nTest) * d <= MAX_CELLS)
    if (sizes.length < 3 || sizes.at(-1)! < d) {
      this.el.status.textContent = `Double descent needs training sets past ${d} examples (the number of features); with ${d} features this page holds at most ${sizes.at(-1) ?? 0}. Use fewer features.`
      return
    }
    const pool = await getPool()
    const seeds = descentSeeds(config.seed)
    const folds = (n: number) => descentFolds(config.penalty, n)
    // Per size and seed: the cross-validation's tasks (exact leave-one-out is one), then the two exact solves.
    const tasks = (n: number) => {
      const f = folds(n)
      return f === 'loo' ? 1 : f
    }
    const total = sizes.reduce((sum, n) => sum + seeds.length * (tasks(n) + 2), 0)
    let done = 0
    const tick = () => progress(++done, total)
    const solve = (c: Config & { lambda: number }) => pool.solve(c, { signal }).then((r) => (tick(), r.testLoss))
    // Exact optima only: the minimum-norm fit (λ = 0) and the fit at the λ that cross-validation
    // on the same training examples chooses.
    const perSeed = (nTrain: number, seed: Config['seed']) => {
      const c = { ...config, nTrain, seed }
      return Promise.all([
        solve({ ...c, lambda: 0 }),
        pool.cv({ ...c, lambdas: DD_LAMBDAS, folds: folds(nTrain) }, { signal, onProgress: tick }).then(async (cv) => {
          if (!cv.best) throw new Error(`cross-validation found no finite error at n = ${nTrain}`)
          return { lambda: cv.best.min, testLoss: await solve({ ...c, lambda: cv.best.min }) }
        }),
      ])
    }
    const results = await Promise.all(sizes.map((nTrain) => Promise.all(seeds.map((seed) => perSeed(nTrain, seed)))))
    const mean = (values: number[]) => values.reduce((a, v) => a + v, 0) / values.length
    const points: DescentPoint[] = results.map((r, i) => ({
      nTrain: sizes[i]!,
      minNorm: mean(r.map(([minNorm]) => minNorm)),
      tuned: mean(r.map(([, tuned]) => tuned.testLoss)),
      tunedLambdas: r.map(([, tuned]) => tuned.lambda),
    }))
    this.descent = points
    this.descentLine = d
    const positive = (v: number) => (v > 0 && Number.isFinite(v) ? v : null)
    const MIN_NORM = '#d55e00'
    const TUNED = '#0072b2'
    this.dd.build(
      {
        series: [
          { label: 'training examples' },
          { label: 'minimum-norm fit (λ → 0)', stroke: MIN_NORM, width: 2.25, points: { show: true, size: 6 } },
          { label: 'decay tuned by cross-validation', stroke: TUNED, width: 2.25, dash: [6, 4], points: { show: true, size: 6 } },
        ],
        scales: { x: { time: false }, y: { distr: 3, log: 10 } },
        axes: [{ label: 'training examples n' }, { label: 'test loss (log)', values: logTicks, size: 60 }],
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        hooks: { draw: [(u) => this.drawFeatures(u)] },
      },
      [sizes, points.map((p) => positive(p.minNorm)), points.map((p) => positive(p.tuned))] as uPlot.AlignedData,
    )
    renderLegend(this.el.ddLegend, [
      { label: 'minimum-norm fit (λ → 0)', color: MIN_NORM, style: 'solid' },
      { label: `decay tuned by ${config.penalty === 'l2' ? 'leave-one-out' : `${DD_FOLDS}-fold`} cross-validation`, color: TUNED, style: 'dashed' },
      { label: `dotted vertical: n = d = ${d}`, style: 'dotted' },
    ])
    // The interpolation peak: the worst minimum-norm fit between d/2 and 2d examples.
    const peak = points.filter((p) => p.nTrain >= d / 2 && p.nTrain <= 2 * d).reduce((a, b) => (b.minNorm > a.minNorm ? b : a))
    const text = `${onGenerated}Double descent, mean over ${DD_SEEDS} seeds: the minimum-norm fit's test loss peaks at n = ${peak.nTrain} (${fmt(peak.minNorm)}), where decay tuned by cross-validation gives ${fmt(peak.tuned)} (λ = ${peak.tunedLambdas.map(fmt).join(', ')} for the ${DD_SEEDS} seeds). ${points.map((p) => `n = ${p.nTrain}: ${fmt(p.minNorm)} / ${fmt(p.tuned)}`).join('; ')}.`
    this.el.ddChart.setAttribute('aria-label', text)
    // The exact numbers, for anyone checking them (JSON keeps every bit of a double).
    this.el.ddChart.dataset.points = JSON.stringify(points)
    this.el.status.textContent = text
  }

  /** A dotted vertical line at n = d, where the minimum-norm fit interpolates exactly. */
  private drawFeatures(u: uPlot): void {
    if (this.descentLine !== null) drawMarker(u, this.descentLine, 'n = d', 12)
  }
}
