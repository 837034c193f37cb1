// Cross-validation in the page: K-fold CV error against λ (log axis) with ±1 standard error, the
// best λ and the one-standard-error λ marked, computed in the worker pool with progress and
// cancel, a table carrying the numbers, and "use this λ" for a run. The data are the runs' own:
// the experiment's config (with its `data`, when the visitor brought some).
import { AbortError, ConfigError, type CvResult } from '@weight-decay/api'
import type uPlot from 'uplot'
import { Chart, drawMarker, logTicks } from './charts/base.js'
import { renderLegend } from './charts/legend.js'
import { h, setText } from './dom.js'
import { fmt } from './format.js'
import { getPool } from './pool.js'
import type { Config } from './state.js'
import { message } from './notices.js'

/** λ values cross-validated: three per decade, 1e-3 … 1e3 (13 values). */
export const CV_LAMBDAS: readonly number[] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000]
/** Folds (fewer when there are fewer training rows). 5 × 13 exact fits take under about 3 s of one core at the page's largest sizes. */
export const CV_FOLDS = 5
/**
 * SGD cross-validation trains folds × λ × epochs × rows × features multiply-adds; above this it
 * would take more than a few seconds, so the page asks for the exact optimum instead.
 */
export const SGD_CV_BUDGET = 4e9

export type CvBy = 'optimum' | 'sgd'

/** The options of the page's cross-validation for a config. */
export function cvOptions(config: Config, by: CvBy): Config & { lambdas: number[]; folds: number; by: CvBy } {
  return { ...config, lambdas: CV_LAMBDAS.slice(), folds: Math.max(2, Math.min(CV_FOLDS, trainingRows(config))), by }
}

/** Training rows of the config: the caller's data when it has some, else nTrain synthetic ones. */
function trainingRows(config: Config): number {
  const data = (config as { data?: { yTrain?: ArrayLike<number> } }).data
  return data?.yTrain?.length ?? config.nTrain
}

/** Why SGD cross-validation is too much work for the page here, if it is. */
export function sgdCvProblem(config: Config): string | undefined {
  const o = cvOptions(config, 'sgd')
  const work = o.folds * o.lambdas.length * config.epochs * trainingRows(config) * config.numInputs
  if (work <= SGD_CV_BUDGET) return undefined
  return `SGD cross-validation here would train ${o.folds} folds × ${o.lambdas.length} λ values × ${config.epochs.toLocaleString('en')} epochs on ${trainingRows(config).toLocaleString('en')} × ${config.numInputs.toLocaleString('en')} values: too long for this page. Choose the exact optimum, or fewer epochs or examples.`
}

export interface CvElements {
  by: HTMLSelectElement
  run: HTMLButtonElement
  cancel: HTMLButtonElement
  progress: HTMLProgressElement
  status: HTMLElement
  chart: HTMLElement
  legend: HTMLElement
  table: HTMLTableSectionElement
  target: HTMLSelectElement
  choice: HTMLSelectElement
  use: HTMLButtonElement
  useStatus: HTMLElement
}

/** A run as the "use this λ" menu names it. */
export interface CvTarget {
  id: number
  label: string
}

const MEAN = '#0072b2'

export class CvPanel {
  /** The last result, for tests and exports. */
  result: CvResult | null = null
  private readonly chart: Chart
  private controller: AbortController | null = null
  private by: CvBy = 'optimum'
  private targetsKey = ''

  /** `setLambda` sets a run's λ (a history entry) and returns why it was refused, if it was. */
  constructor(
    private readonly el: CvElements,
    private readonly config: () => Config,
    private readonly onBy: (by: CvBy) => void,
    private readonly setLambda: (id: number, lambda: number) => string | undefined,
  ) {
    this.chart = new Chart(el.chart, 'Cross-validation: held-out loss against λ')
    el.run.addEventListener('click', () => void this.start())
    el.cancel.addEventListener('click', () => this.controller?.abort())
    el.by.addEventListener('change', () => {
      this.by = el.by.value === 'sgd' ? 'sgd' : 'optimum'
      this.invalidate()
      this.onBy(this.by)
    })
    el.use.addEventListener('click', () => this.use())
    this.busy(false)
  }

  /** How folds are fitted (after Back or Forward, or a preset). */
  setBy(by: CvBy): void {
    if (by === this.by) return
    this.by = by
    this.el.by.value = by
    this.invalidate()
  }

  canvases(): (HTMLCanvasElement | null)[] {
    return [this.chart.toCanvas()]
  }

  /** The runs "use this λ" may set (call on every render; the menu is rebuilt only when they change). */
  setTargets(targets: CvTarget[]): void {
    const key = JSON.stringify(targets)
    if (key === this.targetsKey) return
    this.targetsKey = key
    const selected = this.el.target.value
    this.el.target.replaceChildren(...targets.map((t) => h('option', { value: t.id }, t.label)))
    if (targets.some((t) => String(t.id) === selected)) this.el.target.value = selected
    this.el.use.disabled = !this.result?.best || targets.length === 0
  }

  /** The experiment changed: an old curve no longer describes it. */
  invalidate(): void {
    this.controller?.abort()
    if (this.result) setText(this.el.status, 'The experiment changed; cross-validate again.')
    this.result = null
    this.chart.destroy()
    this.el.chart.setAttribute('aria-label', 'Cross-validation error against λ (not computed yet)')
    this.el.legend.replaceChildren()
    this.el.table.replaceChildren()
    this.el.choice.replaceChildren()
    this.el.use.disabled = true
    this.el.progress.value = 0
  }

  /** Cross-validates the experiment's config over {@link CV_LAMBDAS} in the worker pool. */
  async start(): Promise<void> {
    if (this.controller) return
    const config = this.config()
    if (this.by === 'sgd') {
      const problem = sgdCvProblem(config)
      if (problem) return setText(this.el.status, problem)
    }
    const options = cvOptions(config, this.by)
    this.invalidate()
    const controller = new AbortController()
    this.controller = controller
    this.busy(true)
    this.el.progress.max = options.folds
    setText(this.el.status, 'Starting workers…')
    try {
      const pool = await getPool()
      const result = await pool.cv(options, {
        signal: controller.signal,
        onProgress: (done, total) => {
          this.el.progress.max = total
          this.el.progress.value = done
          setText(this.el.status, `${done} of ${total} folds`)
        },
      })
      this.result = result
      this.draw(result)
    } catch (error) {
      this.el.progress.value = 0
      if (error instanceof AbortError || controller.signal.aborted) setText(this.el.status, 'Cancelled.')
      else if (error instanceof ConfigError) setText(this.el.status, `Cannot cross-validate this experiment: ${error.message}`)
      else setText(this.el.status, `Cross-validation failed: ${message(error)}`)
    } finally {
      this.controller = null
      this.busy(false)
    }
  }

  private busy(on: boolean): void {
    this.el.run.disabled = on
    this.el.cancel.disabled = !on
    this.el.by.disabled = on
    this.el.use.disabled = on || !this.result?.best || this.el.target.options.length === 0
  }

  private draw(result: CvResult): void {
    const { rows, best } = result
    const finite = (v: number) => (Number.isFinite(v) && v > 0 ? v : null)
    const x = rows.map((r) => r.lambda)
    const data = [x, rows.map((r) => finite(r.mean)), rows.map((r) => finite(r.mean + r.se)), rows.map((r) => finite(r.mean - r.se))]
    this.chart.build(
      {
        series: [
          { label: 'λ' },
          { label: 'mean held-out loss', stroke: MEAN, width: 2.25, points: { show: true, size: 6 } },
          { label: '+1 SE', stroke: MEAN, width: 0, points: { show: false } },
          { label: '−1 SE', stroke: MEAN, width: 0, points: { show: false } },
        ],
        bands: [{ series: [2, 3], fill: `${MEAN}33` }],
        scales: { x: { time: false, distr: 3, log: 10 }, y: { distr: 3, log: 10 } },
        axes: [{ label: 'λ (log)', values: logTicks }, { label: 'held-out loss (log)', values: logTicks, size: 60 }],
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        hooks: { draw: [(u: uPlot) => this.drawChoices(u)] },
      },
      data as uPlot.AlignedData,
      [2, 3],
    )
    renderLegend(this.el.legend, [
      { label: `mean held-out loss over ${result.config.folds} folds`, color: MEAN, style: 'solid' },
      { label: '± 1 standard error', color: MEAN, style: 'band' },
      { label: 'dotted vertical: the best λ and the one-standard-error λ', style: 'dotted' },
    ])
    const how = result.config.by === 'sgd' ? 'SGD with the experiment’s settings' : 'the exact optimum'
    const cell = (v: number) => (Number.isFinite(v) ? fmt(v) : 'diverged')
    this.el.table.replaceChildren(
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-testid': 'cv-row', 'data-lambda': String(r.lambda), 'data-mean': String(r.mean), 'data-se': String(r.se) },
          h('th', { scope: 'row' }, fmt(r.lambda)),
          h('td', {}, cell(r.mean)),
          h('td', {}, Number.isFinite(r.se) ? fmt(r.se) : '—'),
          h('td', {}, best && r.lambda === best.min ? (r.lambda === best.oneSe ? 'best; one SE' : 'best') : best && r.lambda === best.oneSe ? 'one SE' : ''),
        ),
      ),
    )
    const choice = best ? `best λ = ${fmt(best.min)} (lowest mean), one-standard-error λ = ${fmt(best.oneSe)} (the largest within one SE of it)` : 'no λ gave a finite error'
    const text = `${result.config.folds}-fold cross-validation of ${how} on ${result.config.nRows} training rows: ${choice}. ${rows.map((r) => `λ = ${fmt(r.lambda)}: ${cell(r.mean)} ± ${Number.isFinite(r.se) ? fmt(r.se) : '—'}`).join('; ')}.`
    this.el.chart.setAttribute('aria-label', text)
    this.el.chart.dataset.best = best ? String(best.min) : ''
    this.el.chart.dataset.oneSe = best ? String(best.oneSe) : ''
    setText(this.el.status, `Done: ${result.config.folds} folds × ${rows.length} λ values; ${choice}.`)
    this.el.choice.replaceChildren(
      ...(best
        ? [h('option', { value: String(best.min) }, `best λ = ${fmt(best.min)}`), h('option', { value: String(best.oneSe) }, `one-SE λ = ${fmt(best.oneSe)}`)]
        : []),
    )
  }

  /** Dotted lines at the best and the one-SE λ, labelled on two rows so the labels never overlap. */
  private drawChoices(u: uPlot): void {
    const best = this.result?.best
    if (!best) return
    if (best.min === best.oneSe) return drawMarker(u, best.min, `best = 1-SE λ = ${fmt(best.min)}`, 11)
    drawMarker(u, best.min, `best λ = ${fmt(best.min)}`, 11)
    drawMarker(u, best.oneSe, `1-SE λ = ${fmt(best.oneSe)}`, 11, 1)
  }

  private use(): void {
    const lambda = Number(this.el.choice.value)
    const id = Number(this.el.target.value)
    if (!this.el.choice.value || !this.el.target.value || !Number.isFinite(lambda)) return
    const refused = this.setLambda(id, lambda)
    const name = this.el.target.selectedOptions[0]?.textContent?.split(' · ')[0] ?? 'The run'
    setText(this.el.useStatus, refused ? `Not changed: ${refused}` : `${name} now uses λ = ${fmt(lambda)}; Back undoes it.`)
  }
}
