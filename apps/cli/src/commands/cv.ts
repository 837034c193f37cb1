import { InvalidArgumentError, Option, type Command } from 'commander'
import { availableParallelism } from 'node:os'
import { createWorkerPool, type CvOptions, type CvResult } from '@weight-decay/api'
import type { ChartSpec } from '../chart/scales.js'
import { renderTerminalChart } from '../chart/terminal.js'
import { colorsFor } from '../color.js'
import { standardizationNote } from '../coef.js'
import { configForJson } from '../data.js'
import { examples } from '../help.js'
import { addConfigOptions, addDataOptions, addOutputOptions, numberParser, parseLambdas, readCommon } from '../options.js'
import { toCsv, toJson } from '../output.js'
import { Progress } from '../progress.js'
import { interruptSignal, writePlot } from '../runs.js'
import { formatNumber, formatValue, renderTable } from '../table.js'

const DEFAULT_LAMBDAS = '0.0001:10:11:log'

/** `--folds 5` or `--folds loo`. */
function parseFolds(text: string): number | 'loo' {
  if (text.toLowerCase() === 'loo') return 'loo'
  if (!/^\d+$/.test(text.trim()) || Number(text) < 2) throw new InvalidArgumentError('Expected a number of folds of at least 2, or loo (leave one out).')
  return Number(text)
}

/** The CV curve with ±1 SE bands and lambda.min marked (lambda.1se named in the label). */
function cvChart(r: CvResult, dataName?: string): ChartSpec {
  const finite = r.rows.filter((q) => Number.isFinite(q.mean))
  const spec: ChartSpec = {
    title: `${dataName ? `${dataName}: ` : ''}${r.config.folds === 'loo' ? 'leave-one-out' : `${r.config.folds}-fold`} cross-validation (mean ½r² ± 1 SE)`,
    xLabel: 'λ (log scale)',
    yLabel: 'held-out loss (log scale)',
    xLog: true,
    series: [
      {
        label: 'CV loss',
        glyph: 'o',
        color: 1,
        points: finite.map((q) => ({ x: q.lambda, y: q.mean })),
        band: finite.map((q) => ({ x: q.lambda, lo: Math.max(q.mean - q.se, q.mean * 1e-3), hi: q.mean + q.se })),
      },
    ],
  }
  if (r.best) spec.marker = { x: r.best.min, label: `λ.min = ${formatValue(r.best.min)}, λ.1se = ${formatValue(r.best.oneSe)}` }
  return spec
}

/** `weight-decay cv`: K-fold or leave-one-out cross-validation over a λ grid. */
export function registerCv(program: Command): void {
  const command = program
    .command('cv')
    .description('cross-validation over λ on worker threads: mean and standard error of the held-out loss per λ, the λ of lowest mean and the largest within one SE')
    .addOption(new Option('--folds <K|loo>', 'number of folds (rows assigned by --seed), or loo: leave one out (exact from one decomposition for l2)').argParser(parseFolds).default(5))
    .addOption(new Option('--lambdas <list>', 'the λ values: comma-separated numbers and ranges min:max:count[:log]').argParser(parseLambdas).default(parseLambdas(DEFAULT_LAMBDAS), DEFAULT_LAMBDAS))
    .addOption(new Option('--by <how>', 'fit each fold by the exact optimum, or by SGD with the training options').choices(['optimum', 'sgd']).default('optimum'))
    .addOption(new Option('--workers <n>', 'worker threads (folds run side by side)').argParser(numberParser({ kind: 'number', integer: true, min: 1, max: 256 })).default(availableParallelism()))
  addConfigOptions(command, ['lambda'])
  addDataOptions(command)
  // Cross-validation uses every row of --data unless asked to hold some out.
  command.options.find((o) => o.long === '--test-fraction')!.default(0)
  command.setOptionValueWithSource('testFraction', 0, 'default')
  addOutputOptions(command)
  command.addHelpText(
    'after',
    examples([
      ['weight-decay cv --data data/diabetes.csv', `5-fold CV, λ = ${DEFAULT_LAMBDAS}`],
      ['weight-decay cv --data data/diabetes.csv --folds loo', 'exact leave-one-out (l2)'],
      ['weight-decay cv --data data/diabetes.csv --penalty l1 --lambdas 0.01:10:13:log --plot cv.svg', 'the lasso, chart as SVG'],
      ['weight-decay cv --folds 10 --format json', "the seed's synthetic training set"],
    ]),
  )
  command.action(async (_options: unknown, cmd: Command) => {
    const common = await readCommon(cmd)
    const opts = cmd.opts<{ folds: number | 'loo'; lambdas: number[]; by: 'optimum' | 'sgd'; workers: number }>()
    const options: CvOptions = { ...common.config, lambdas: opts.lambdas, folds: opts.folds, by: opts.by }
    if (common.data) options.data = { xTrain: common.data.xTrain, yTrain: common.data.yTrain }
    const pool = await createWorkerPool({ size: opts.workers })
    const progress = new Progress('cross-validation')
    const { signal, release } = interruptSignal()
    let r: CvResult
    try {
      r = await pool.cv(options, { signal, onProgress: (done, total) => progress.update(done, total) })
    } finally {
      progress.stop()
      release()
      await pool.terminate()
    }
    const chart = cvChart(r, common.dataName)
    if (common.format === 'json') process.stdout.write(toJson({ config: configForJson(r.config, common.dataInfo), rows: r.rows, best: r.best }))
    else if (common.format === 'csv') {
      process.stdout.write(toCsv(['lambda', 'mean', 'se', 'min', 'oneSe'], r.rows.map((q) => [q.lambda, q.mean, q.se, r.best?.min === q.lambda, r.best?.oneSe === q.lambda])))
    } else {
      const c = colorsFor(process.stdout)
      const k = r.config.folds === 'loo' ? `leave-one-out over ${r.config.nRows} rows${r.config.method === 'exact-loo' ? ' (exact, from one decomposition)' : ''}` : `${r.config.folds}-fold over ${r.config.nRows} rows, folds from seed ${JSON.stringify(r.config.seed)}`
      const fit = r.config.by === 'optimum' ? 'exact optimum per fold' : `SGD per fold (${r.config.epochs} epochs, lr ${r.config.lr})`
      const rows = r.rows.map((q) => {
        const marks = [r.best?.min === q.lambda ? c.green('◀ min') : '', r.best?.oneSe === q.lambda ? c.green('◀ 1se') : ''].filter(Boolean).join(' ')
        return [formatValue(q.lambda), formatNumber(q.mean), formatNumber(q.se), marks]
      })
      const out = [
        c.dim(`${common.dataName ? `${common.dataName}: ` : ''}${r.config.numInputs} features; ${r.config.penalty.toUpperCase()} penalty; ${k}; ${fit}`),
        renderTable(['λ', 'CV loss (mean ½r²)', 'SE', ''], rows).trimEnd(),
      ]
      if (r.best) out.push(`λ.min = ${formatValue(r.best.min)} (lowest mean); λ.1se = ${formatValue(r.best.oneSe)} (largest λ within one SE of it)`)
      else out.push('no λ with a finite CV loss')
      const note = standardizationNote(r.config, undefined, [], common.data !== undefined)
      if (note) out.push(c.dim(note.replace('on the training rows', 'on each fold’s training rows')))
      const text = renderTerminalChart(chart, c)
      if (text) out.push('', text)
      process.stdout.write(out.join('\n') + '\n')
    }
    if (common.plot) {
      writePlot(common.plot, chart)
      if (common.format === 'table') process.stdout.write(`chart written to ${common.plot}\n`)
    }
  })
}
