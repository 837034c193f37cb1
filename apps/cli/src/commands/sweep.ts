import { availableParallelism } from 'node:os'
import { InvalidArgumentError, Option, type Command } from 'commander'
import {
  DEFAULT_N_VALID,
  DEFAULT_SEEDS,
  DEFAULT_VALID_FRACTION,
  MAX_COUNT,
  createWorkerPool,
  type CoefPath,
  type SweepOptions,
  type SweepResult,
  type SweepRow,
} from '@weight-decay/api'
import type { ChartSpec } from '../chart/scales.js'
import { renderTerminalChart } from '../chart/terminal.js'
import { colorsFor } from '../color.js'
import { RuntimeFailure, UsageError } from '../errors.js'
import { examples } from '../help.js'
import { addConfigOptions, addDataOptions, addOutputOptions, numberParser, parseLambdas, parseSeeds, readCommon } from '../options.js'
import { toCsv, toJson } from '../output.js'
import { Progress } from '../progress.js'
import { featureNames } from '../coef.js'
import { configForJson } from '../data.js'
import { writeFileAtomic } from '../files.js'
import { describeSetting, getEngine, interruptSignal, writePlot } from '../runs.js'
import { formatNumber, formatSpread, formatValue, renderTable } from '../table.js'

const DEFAULT_LAMBDAS = '0,0.01:100:13:log'

/** The chart over λ: SGD's mean losses with p10–p90 bands, the optimum's test loss, the best λ. */
/** Which validation loss picks the best λ. */
type BestBy = 'optimum' | 'sgd'

/** The λ the chosen validation loss picks (null without a validation set). */
function chosen(result: SweepResult, bestBy: BestBy): number | undefined {
  return (bestBy === 'optimum' ? result.bestOptimum : result.best)?.lambda
}

function sweepChart(result: SweepResult, dataName: string | undefined, bestBy: BestBy): ChartSpec {
  const rows = result.rows
  const mean = (pick: (r: SweepRow) => { mean: number } | null | undefined) => rows.flatMap((r) => (pick(r) ? [{ x: r.lambda, y: pick(r)!.mean }] : []))
  const band = (pick: (r: SweepRow) => { p10: number; p90: number } | null | undefined) =>
    rows.flatMap((r) => (pick(r) ? [{ x: r.lambda, lo: pick(r)!.p10, hi: pick(r)!.p90 }] : []))
  const spec: ChartSpec = {
    title: `${dataName ? `${dataName}: ` : ''}loss against λ (${result.seeds.length} seed${result.seeds.length === 1 ? '' : 's'})`,
    xLabel: 'λ (log scale)',
    yLabel: 'loss (log scale)',
    xLog: true,
    series: [
      { label: 'SGD train', glyph: '*', color: 0, points: mean((r) => r.trainLoss), band: band((r) => r.trainLoss) },
      { label: 'SGD test', glyph: 'o', color: 1, dashed: true, points: mean((r) => r.testLoss), band: band((r) => r.testLoss) },
    ],
  }
  if (rows.some((r) => r.validLoss)) {
    spec.series.push({ label: 'SGD validation', glyph: '+', color: 2, dashed: true, points: mean((r) => r.validLoss), band: band((r) => r.validLoss) })
  }
  spec.series.push({ label: 'optimum test', glyph: 'x', color: 3, dashed: true, points: rows.map((r) => ({ x: r.lambda, y: r.optimum.testLoss })) })
  const best = chosen(result, bestBy)
  if (best !== undefined) spec.marker = { x: best, label: `best λ = ${formatValue(best)}` }
  return spec
}

/** glmnet's path plot: each w_j (original units) against λ on a log axis, linear in w. */
function coefChart(path: CoefPath, names: readonly string[], dataName?: string): ChartSpec {
  const glyphs = '*o+x#%@=$&^~'
  return {
    title: `${dataName ? `${dataName}: ` : ''}coefficient path of the exact optimum`,
    xLabel: 'λ (log scale)',
    yLabel: 'w_j (original units)',
    xLog: true,
    yLog: false,
    series: names.map((name, j) => ({ label: name, glyph: glyphs[j % glyphs.length]!, color: j, dashed: j >= 6, points: path.lambdas.map((l, i) => ({ x: l, y: path.w[i]![j]! })) })),
  }
}

const SPREAD_KEYS = ['trainLoss', 'testLoss', 'validLoss', 'wNorm'] as const

function csvOf(result: SweepResult, bestBy: BestBy): string {
  const hasValid = result.rows.some((r) => 'validLoss' in r)
  const keys = SPREAD_KEYS.filter((k) => k !== 'validLoss' || hasValid)
  const columns = ['lambda', ...keys.flatMap((k) => [`${k}.mean`, `${k}.p10`, `${k}.p90`]), 'diverged', ...keys.map((k) => `optimum.${k}`), 'best']
  const rows = result.rows.map((r) => [
    r.lambda,
    ...keys.flatMap((k) => {
      const s = r[k]
      return s ? [s.mean, s.p10, s.p90] : [null, null, null]
    }),
    r.diverged,
    ...keys.map((k) => r.optimum[k]),
    chosen(result, bestBy) === r.lambda,
  ])
  return toCsv(columns, rows)
}

function tableOf(result: SweepResult, dataName: string | undefined, bestBy: BestBy): string {
  const c = colorsFor(process.stdout)
  const hasValid = result.rows.some((r) => 'validLoss' in r)
  const anyDiverged = result.rows.some((r) => r.diverged > 0)
  const n = result.seeds.length
  const header = ['λ', 'train loss', 'test loss', ...(hasValid ? ['valid loss'] : []), '‖w‖']
  if (anyDiverged) header.push('diverged')
  header.push('│', 'opt. train', 'opt. test', ...(hasValid ? ['opt. valid'] : []), 'opt. ‖w‖', '')
  const rows = result.rows.map((r) => {
    const isBest = chosen(result, bestBy) === r.lambda
    const cells = [formatValue(r.lambda), formatSpread(r.trainLoss), formatSpread(r.testLoss), ...(hasValid ? [formatSpread(r.validLoss)] : []), formatSpread(r.wNorm)]
    if (anyDiverged) cells.push(r.diverged > 0 ? c.red(`${r.diverged}/${n}`) : '')
    cells.push('│', formatNumber(r.optimum.trainLoss, 3), formatNumber(r.optimum.testLoss, 3), ...(hasValid ? [formatNumber(r.optimum.validLoss, 3)] : []), formatNumber(r.optimum.wNorm, 3))
    cells.push(isBest ? c.green('◀ best') : '')
    return isBest ? cells.map((cell, i) => (i === 0 ? c.green(cell) : cell)) : cells
  })
  const out = [
    c.dim(describeSetting(result.config, dataName)),
    `losses are mean ½r²; SGD: mean (p10–p90) over ${n} seed${n === 1 ? '' : 's'}; opt.: the exact optimum, mean over seeds`,
    renderTable(header, rows).trimEnd(),
  ]
  const best = chosen(result, bestBy)
  const other = chosen(result, bestBy === 'optimum' ? 'sgd' : 'optimum')
  if (best !== undefined) {
    const how = bestBy === 'optimum' ? 'lowest mean validation loss of the exact optimum' : 'lowest mean validation loss of SGD'
    let line = `best λ = ${formatValue(best)} (${how})`
    if (other !== undefined && other !== best) {
      line += bestBy === 'optimum' ? `; SGD's validation loss picks λ = ${formatValue(other)} (--best-by sgd)` : `; the exact optimum's picks λ = ${formatValue(other)} (--best-by optimum)`
    } else if (other !== undefined) line += bestBy === 'optimum' ? '; SGD picks the same' : '; the exact optimum picks the same'
    out.push(line)
  } else if (!hasValid) out.push('no validation set, so no best λ')
  else out.push(bestBy === 'sgd' ? 'no λ where every seed converged, so no best λ' : 'no finite validation loss, so no best λ')
  if (anyDiverged) out.push(c.yellow('diverged runs are left out of the spreads; lower --lr to keep large λ stable'))
  const chart = renderTerminalChart(sweepChart(result, dataName, bestBy), c)
  if (chart) out.push('', chart)
  return out.join('\n') + '\n'
}

/** `weight-decay sweep`: the regularization path over λ and seeds, on worker threads. */
export function registerSweep(program: Command): void {
  const cores = availableParallelism()
  const command = program
    .command('sweep')
    .description('the regularization path: SGD and the exact optimum for each λ over several seeds, with the λ a validation set picks')
    .addOption(new Option('--lambdas <list>', 'the λ values: comma-separated numbers and ranges min:max:count (linear) or min:max:count:log').argParser(parseLambdas).default(parseLambdas(DEFAULT_LAMBDAS), DEFAULT_LAMBDAS))
    .addOption(new Option('--seeds <n|list>', 'how many seeds (the --seed and seeds derived from it), or a comma-separated list').argParser(parseSeeds).default(DEFAULT_SEEDS))
    .addOption(new Option('--n-valid <n>', 'synthetic validation examples that pick the best λ (0 for none)').argParser(numberParser({ kind: 'number', integer: true, min: 0, max: MAX_COUNT })).default(DEFAULT_N_VALID))
    .addOption(new Option('--valid-fraction <x>', 'with --data: share of the training rows held out, per seed, to pick the best λ (0 for none)').argParser(numberParser({ kind: 'number', min: 0, max: 0.9 })).default(DEFAULT_VALID_FRACTION))
    .addOption(new Option('--best-by <which>', 'whose validation loss picks the best λ: the exact optimum (no SGD noise) or SGD').choices(['optimum', 'sgd']).default('optimum'))
    .addOption(
      new Option('--coef-path <file.csv>', "write the exact optimum's coefficients at each λ (one row per λ, one column per feature) on all the training rows")
        .argParser((t: string) => {
          if (!/\.csv$/i.test(t)) throw new InvalidArgumentError('Expected a file name ending in .csv.')
          return t
        }),
    )
    .addOption(
      new Option('--coef-plot <file.svg>', "draw the exact optimum's coefficient path as an SVG (w_j against log λ, as glmnet's path plot)")
        .argParser((t: string) => {
          if (!/\.svg$/i.test(t)) throw new InvalidArgumentError('Expected a file name ending in .svg.')
          return t
        }),
    )
    .addOption(new Option('--workers <n>', 'worker threads').argParser(numberParser({ kind: 'number', integer: true, min: 1, max: 256 })).default(cores))
  addConfigOptions(command, ['lambda'])
  addDataOptions(command)
  addOutputOptions(command)
  command.addHelpText(
    'after',
    examples([
      ['weight-decay sweep', `λ = ${DEFAULT_LAMBDAS}, ${DEFAULT_SEEDS} seeds`],
      ['weight-decay sweep --lambdas 0,1,3,10,30 --seeds 20', 'a list of λ, more seeds'],
      ['weight-decay sweep --lambdas 0.001:100:31:log --plot path.svg', 'a log grid, chart as SVG'],
      ['weight-decay sweep --format csv > path.csv', 'one row per λ with means and p10/p90'],
    ]),
  )
  command.action(async (_options: unknown, cmd: Command) => {
    const common = await readCommon(cmd)
    const opts = cmd.opts<{ lambdas: number[]; seeds: SweepOptions['seeds']; nValid: number; validFraction: number; workers: number; bestBy: BestBy; coefPath?: string; coefPlot?: string }>()
    const given = (name: string) => !['default', undefined].includes(cmd.getOptionValueSource(name))
    const options: SweepOptions = { ...common.config, lambdas: opts.lambdas, seeds: opts.seeds! }
    if (common.data) {
      if (given('nValid')) throw new UsageError('--n-valid applies to synthetic data; with --data use --valid-fraction')
      options.data = common.data
      options.validFraction = opts.validFraction
    } else {
      if (given('validFraction')) throw new UsageError('--valid-fraction applies with --data; for synthetic data use --n-valid')
      options.nValid = opts.nValid
    }
    const pool = await createWorkerPool({ size: opts.workers })
    const progress = new Progress('sweep')
    const { signal, release } = interruptSignal()
    let result: SweepResult
    try {
      result = await pool.sweep(options, { signal, onProgress: (done, total) => progress.update(done, total) })
    } finally {
      progress.stop()
      release()
      await pool.terminate()
    }
    const chart = sweepChart(result, common.dataName, opts.bestBy)
    if (common.format === 'json') {
      const config = common.dataInfo ? configForJson({ ...result.config, validFraction: opts.validFraction }, common.dataInfo) : result.config
      process.stdout.write(toJson({ ...result, config }))
    }
    else if (common.format === 'csv') process.stdout.write(csvOf(result, opts.bestBy))
    else process.stdout.write(tableOf(result, common.dataName, opts.bestBy))
    if (opts.coefPath || opts.coefPlot) {
      const { lambdas: _l, seeds: _s, nValid: _n, validFraction: _v, ...config } = options
      const path = (await getEngine()).coefPath({ ...config, lambdas: opts.lambdas })
      const names = featureNames(common.dataInfo, path.w[0]!.length)
      if (opts.coefPath) {
        writeFileAtomic(opts.coefPath, toCsv(['lambda', ...names, '(intercept)'], path.lambdas.map((l, i) => [l, ...path.w[i]!, path.b[i]!])))
        if (common.format === 'table') process.stdout.write(`coefficient path written to ${opts.coefPath}\n`)
      }
      if (opts.coefPlot) {
        writePlot(opts.coefPlot, coefChart(path, names, common.dataName))
        if (common.format === 'table') process.stdout.write(`coefficient path chart written to ${opts.coefPlot}\n`)
      }
    }
    if (common.plot) {
      writePlot(common.plot, chart)
      if (common.format === 'table') process.stdout.write(`chart written to ${common.plot}\n`)
    }
    if (result.rows.every((r) => r.trainLoss === null)) {
      const { lr } = result.config
      const smallest = Math.min(...result.rows.map((r) => r.lambda))
      let hint = lr * smallest >= 1 ? `lower --lr (it is ${lr}) or the λ values (lr × λ ≥ 1 makes the decay step overshoot)` : `lower --lr (it is ${lr})`
      if (common.data && !result.config.standardize) hint += ', or drop --no-standardize so features are scaled to unit variance'
      throw new RuntimeFailure(`every run diverged; ${hint}`)
    }
  })
}
