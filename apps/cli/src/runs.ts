// Helpers the commands share: running the API with progress and Ctrl-C, divergence messages,
// chart specs of training curves, and writing the SVG.
import { AbortError, DEFAULT_CONFIG, createEngine, type Engine, type ExperimentConfig, type TrainOptions, type TrainResult } from '@weight-decay/api'
import type { ChartSpec, Series } from './chart/scales.js'
import { renderSvg } from './chart/svg.js'
import { writeFileAtomic } from './files.js'
import { Progress } from './progress.js'
import { formatNumber, renderTable } from './table.js'

let engine: Promise<Engine> | undefined

/** One engine per process. */
export function getEngine(): Promise<Engine> {
  engine ??= createEngine()
  return engine
}

/** An AbortSignal that fires on Ctrl-C (SIGINT), and a function to stop listening. */
export function interruptSignal(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController()
  const onSigint = () => controller.abort()
  process.once('SIGINT', onSigint)
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Trains runs to the end as `engine.train` does (a Trainer stepped to its end gives the same
 * bits), in slices so a progress bar can draw and Ctrl-C can stop it.
 */
export async function trainAll(runs: TrainOptions[], label: string): Promise<TrainResult[]> {
  const e = await getEngine()
  const total = runs.reduce((sum, r) => sum + (r.epochs ?? DEFAULT_CONFIG.epochs), 0)
  const progress = new Progress(label)
  const { signal, release } = interruptSignal()
  const results: TrainResult[] = []
  try {
    let done = 0
    for (const options of runs) {
      const t = e.trainer(options)
      try {
        const slice = Math.max(1, Math.ceil(t.config.epochs / 200))
        while (!t.done) {
          const before = t.epoch
          t.step(slice)
          done += t.epoch - before
          progress.update(done, total)
          await tick()
          if (signal.aborted) throw new AbortError()
        }
        results.push(t.result())
      } finally {
        t.dispose()
      }
    }
    return results
  } finally {
    progress.stop()
    release()
  }
}

/** "diverged at epoch 7: loss became infinite; lower --lr (it is 0.5)"; with unscaled user data, --standardize too. */
export function divergenceMessage(result: Pick<TrainResult, 'diverged' | 'config'>, prefix = '', userData = false): string {
  const { lr, lambda } = result.config
  // Finite data can only give a non-finite loss through overflow (NaN comes from ∞ − ∞ after it).
  // A step shrinks w by lr·λ: from 1 on, the penalty alone overshoots.
  let hint = lr * lambda >= 1 ? `lower --lr (it is ${lr}) or --lambda (lr × λ = ${formatNumber(lr * lambda)})` : `lower --lr (it is ${lr})`
  // Features of large or unequal scale make the stable step tiny; standardized ones allow lr near 0.1.
  if (userData && !result.config.standardize) hint += ', or drop --no-standardize so features are scaled to unit variance'
  return `${prefix}diverged at epoch ${result.diverged!.epoch}: loss became infinite; ${hint}`
}

/** How far above the exact optimum SGD may stop before the CLI says so. */
export const SGD_GAP = 0.01

/**
 * After SGD on user data: a warning when its objective is more than 1% above the exact
 * optimum's, with what to change; undefined when it is close (or there is no optimum to compare).
 */
export async function sgdGapWarning(options: TrainOptions, r: TrainResult): Promise<string | undefined> {
  const { onEval: _onEval, init: _init, ...rest } = options
  const opt = (await getEngine()).solve(rest)
  const gap = (r.objective - opt.objective) / Math.abs(opt.objective)
  if (!(gap > SGD_GAP)) return undefined
  const { epochs, lr, standardize } = r.config
  const tips = [`more --epochs (it is ${epochs})`, `a larger --lr if it stays stable (it is ${lr})`]
  if (!standardize) tips.push('drop --no-standardize')
  const who = r.config.optimizer === 'adam' ? 'Adam' : 'SGD'
  return `${who} stopped at objective ${formatNumber(r.objective)}, ${(gap * 100).toPrecision(3)}% above the exact optimum's ${formatNumber(opt.objective)} ('weight-decay solve' gives it); try ${tips.join(', ')}`
}

/** Glyphs of the train and test curves of each run, distinct without colour. */
const GLYPHS: [string, string][] = [
  ['*', 'o'],
  ['+', 'x'],
  ['#', '%'],
  ['@', '='],
  ['$', '&'],
  ['^', '~'],
  ['!', '?'],
  ['<', '>'],
]

/** The most runs a curve chart distinguishes. */
export const MAX_CURVES = GLYPHS.length

/** The book's chart: train and test loss against epochs on a log scale, for each run. */
export function curveChart(runs: { label: string; result: TrainResult }[], title: string): ChartSpec {
  const series: Series[] = runs.flatMap(({ label, result }, i) => {
    const [trainGlyph, testGlyph] = GLYPHS[i % GLYPHS.length]!
    const prefix = label ? `${label} ` : ''
    return [
      { label: `${prefix}train`, glyph: trainGlyph, color: i, points: result.history.map((p) => ({ x: p.epoch, y: p.trainLoss })) },
      { label: `${prefix}test`, glyph: testGlyph, color: i, dashed: true, points: result.history.map((p) => ({ x: p.epoch, y: p.testLoss })) },
    ]
  })
  return { title, xLabel: 'epoch', yLabel: 'loss (log scale)', xLog: false, series }
}

/** Writes the chart to `file`; a failure to write is a runtime failure. */
export function writePlot(file: string, spec: ChartSpec): void {
  writeFileAtomic(file, renderSvg(spec))
}

/** A short description of a run's setting, for headings and chart titles. */
export function describeSetting(config: ExperimentConfig, dataName?: string): string {
  const data = dataName ? `${dataName}: ${config.numInputs} features, ${config.nTrain} train / ${config.nTest} test rows` : `${config.numInputs} features, ${config.nTrain} train / ${config.nTest} test examples`
  const penalty = config.penalty === 'elastic' ? `elastic net (L1 share ${config.l1Ratio})` : config.penalty.toUpperCase()
  return `${data}; ${penalty} penalty; ${config.epochs} epochs, batch ${config.batchSize}, lr ${config.lr}${describeOptimizer(config)}; ${config.dtype}; seed ${JSON.stringify(config.seed)}`
}

/** The optimizer part of the setting line; empty for the seed's plain SGD. */
export function describeOptimizer(c: ExperimentConfig): string {
  const parts: string[] = []
  if (c.optimizer === 'adam') parts.push(`Adam (β1 ${c.beta1}, β2 ${c.beta2}, ε ${c.eps})`)
  else if (c.momentum > 0) parts.push(`${c.nesterov ? 'Nesterov momentum' : 'momentum'} ${c.momentum}`)
  if (c.decay !== 'coupled') parts.push(`${c.decay} decay`)
  if (c.schedule === 'cosine') parts.push('cosine schedule')
  return parts.length > 0 ? `, ${parts.join(', ')}` : ''
}

/** The loss table of a run, or a note when no epoch was a multiple of evalEvery. */
export function historyTable(r: TrainResult): string {
  if (r.history.length === 0) {
    const { epochs, evalEvery } = r.config
    if (r.diverged) return 'no loss recorded before the run diverged'
    return epochs === 0 ? 'no loss recorded: --epochs is 0' : `no loss recorded: no epoch up to ${epochs} is a multiple of --eval-every ${evalEvery}`
  }
  return renderTable(['epoch', 'train loss', 'test loss'], r.history.map((p) => [String(p.epoch), formatNumber(p.trainLoss), formatNumber(p.testLoss)])).trimEnd() + '\n(losses: mean ½r² over the set)'
}
