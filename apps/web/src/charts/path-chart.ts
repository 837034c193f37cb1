// The regularization path: losses and ‖w‖ against λ (log axis), SGD's mean with p10–p90 bands
// over seeds beside the exact optimum, the λ that validation picks marked.
import type { SweepResult, Spread } from '@weight-decay/api'
import type uPlot from 'uplot'
import { fmt } from '../format.js'
import { Chart, drawMarker, logTicks, themeColor } from './base.js'
import { renderLegend } from './legend.js'

const TRAIN = '#009e73'
const TEST = '#d55e00'
const VALID = '#0072b2'
const NORM = '#7f3c8d'
const band = (hex: string) => `${hex}33`

const pick = (s: Spread | null | undefined, f: keyof Spread) => (s && s[f] > 0 ? s[f] : null)
const positive = (v: number | undefined) => (v !== undefined && v > 0 ? v : null)

export class PathCharts {
  private readonly losses: Chart
  private readonly norms: Chart
  private best: number | null = null

  constructor(lossContainer: HTMLElement, normContainer: HTMLElement, private readonly legend: HTMLElement) {
    this.losses = new Chart(lossContainer, 'Loss against λ')
    this.norms = new Chart(normContainer, '‖w‖ against λ')
  }

  canvases(): (HTMLCanvasElement | null)[] {
    return [this.losses.toCanvas(), this.norms.toCanvas()]
  }

  /** `baseline`: the test loss of predicting the training mean, drawn as a reference line. */
  render(result: SweepResult, baseline?: number): void {
    // λ = 0 has no place on a log axis.
    const rows = result.rows.filter((r) => r.lambda > 0)
    this.best = result.best?.lambda ?? null
    // Text alternatives that carry the numbers.
    const cell = (v: number | undefined) => (v === undefined ? 'none' : fmt(v))
    const rowText = rows.map((r) => `λ = ${fmt(r.lambda)}: SGD test ${cell(r.testLoss?.mean)}, exact test ${cell(r.optimum.testLoss)}, SGD ‖w‖ ${cell(r.wNorm?.mean)}`).join('; ')
    this.losses.container.setAttribute('aria-label', `Loss against λ, log scales${this.best ? `, best λ by validation ${fmt(this.best)}` : ''}${baseline ? `, predicting the mean gives ${fmt(baseline)}` : ''}. ${rowText}.`)
    this.norms.container.setAttribute('aria-label', `‖w‖ against λ: ${rows.map((r) => `λ = ${fmt(r.lambda)}: SGD ${cell(r.wNorm?.mean)}, exact ${fmt(r.optimum.wNorm)}`).join('; ')}.`)
    const x = rows.map((r) => r.lambda)
    const lossData = [
      x,
      rows.map((r) => pick(r.trainLoss, 'mean')),
      rows.map((r) => pick(r.testLoss, 'mean')),
      rows.map((r) => pick(r.testLoss, 'p90')),
      rows.map((r) => pick(r.testLoss, 'p10')),
      rows.map((r) => pick(r.validLoss, 'mean')),
      rows.map((r) => pick(r.validLoss, 'p90')),
      rows.map((r) => pick(r.validLoss, 'p10')),
      rows.map((r) => positive(r.optimum.testLoss)),
      rows.map((r) => positive(r.optimum.validLoss)),
      rows.map(() => positive(baseline)),
    ]
    const edge = (label: string, color: string): uPlot.Series => ({ label, stroke: color, width: 0, points: { show: false } })
    const hooks = { draw: [(u: uPlot) => this.drawBest(u)] }
    const common = {
      scales: { x: { time: false, distr: 3, log: 10 }, y: { distr: 3, log: 10 } } as uPlot.Scales,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      hooks,
    }
    this.losses.build(
      {
        ...common,
        series: [
          { label: 'λ' },
          { label: 'SGD train', stroke: TRAIN, width: 2 },
          { label: 'SGD test', stroke: TEST, width: 2 },
          edge('test p90', TEST),
          edge('test p10', TEST),
          { label: 'SGD validation', stroke: VALID, width: 2 },
          edge('validation p90', VALID),
          edge('validation p10', VALID),
          { label: 'exact test', stroke: TEST, width: 1.5, dash: [5, 4] },
          { label: 'exact validation', stroke: VALID, width: 1.5, dash: [5, 4] },
          { label: 'predict the mean (test)', stroke: themeColor('--muted', '#5b6270'), width: 1.5, dash: [2, 4], points: { show: false } },
        ],
        bands: [
          { series: [3, 4], fill: band(TEST) },
          { series: [6, 7], fill: band(VALID) },
        ],
        axes: [{ label: 'λ (log)', values: logTicks }, { label: 'mean loss (log)', values: logTicks, size: 60 }],
      },
      lossData as uPlot.AlignedData,
      [3, 4, 6, 7],
    )
    renderLegend(this.legend, [
      { label: 'training', color: TRAIN, style: 'solid' },
      { label: 'test', color: TEST, style: 'solid' },
      { label: 'validation', color: VALID, style: 'solid' },
      { label: '‖w‖ (lower chart)', color: NORM, style: 'solid' },
      { label: 'solid with band: SGD, mean and p10–p90 over seeds', style: 'band' },
      { label: 'dashed: exact optimum', style: 'dashed' },
      ...(positive(baseline) === null ? [] : [{ label: 'dotted: predict the mean', style: 'dotted' as const }]),
    ])
    const normData = [
      x,
      rows.map((r) => pick(r.wNorm, 'mean')),
      rows.map((r) => pick(r.wNorm, 'p90')),
      rows.map((r) => pick(r.wNorm, 'p10')),
      rows.map((r) => positive(r.optimum.wNorm)),
    ]
    this.norms.build(
      {
        ...common,
        series: [
          { label: 'λ' },
          { label: 'SGD ‖w‖', stroke: NORM, width: 2 },
          edge('‖w‖ p90', NORM),
          edge('‖w‖ p10', NORM),
          { label: 'exact ‖w‖', stroke: NORM, width: 1.5, dash: [5, 4] },
        ],
        bands: [{ series: [2, 3], fill: band(NORM) }],
        axes: [{ label: 'λ (log)', values: logTicks }, { label: '‖w‖ (log)', values: logTicks, size: 60 }],
      },
      normData as uPlot.AlignedData,
      [2, 3],
    )
  }

  clear(): void {
    this.legend.replaceChildren()
    this.losses.destroy()
    this.norms.destroy()
  }

  /** A vertical line at the best λ by validation loss. */
  private drawBest(u: uPlot): void {
    if (this.best !== null && this.best > 0) drawMarker(u, this.best, `best λ = ${Number(this.best.toPrecision(3))}`, 11)
  }
}
