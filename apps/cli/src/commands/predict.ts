import { readFileSync } from 'node:fs'
import { Option, type Command } from 'commander'
import { loadModel } from '@weight-decay/api'
import { loadRows } from '../data.js'
import { RuntimeFailure, UsageError, describeFsError } from '../errors.js'
import { examples } from '../help.js'
import { toCsv, toJson } from '../output.js'
import { getEngine } from '../runs.js'
import { formatNumber, renderTable } from '../table.js'

/** `weight-decay predict`: a saved model's predictions for the rows of a CSV file. */
export function registerPredict(program: Command): void {
  const command = program
    .command('predict')
    .description('predictions of a saved model (--save) for each row of a CSV file, matching columns by name')
    .addOption(new Option('--model <model.json>', 'a model written by train or solve --save').makeOptionMandatory())
    .addOption(new Option('--data <file>', 'CSV with the model’s feature columns (any order; others are ignored); - for stdin').makeOptionMandatory())
    .addOption(new Option('--delimiter <char>', 'field delimiter (default: detected)'))
    .addOption(new Option('--format <format>', 'table for people; csv or json for scripts').choices(['table', 'json', 'csv']).default('table'))
  command.addHelpText(
    'after',
    examples([
      ['weight-decay solve --data data/diabetes.csv --lambda 0.01 --save model.json', 'fit and save'],
      ['weight-decay predict --model model.json --data data/diabetes.csv --format csv', 'one prediction per row'],
    ]),
  )
  command.action(async (_options: unknown, cmd: Command) => {
    const opts = cmd.opts<{ model: string; data: string; delimiter?: string; format: 'table' | 'json' | 'csv' }>()
    let text: string
    try {
      text = readFileSync(opts.model, 'utf8')
    } catch (error) {
      throw new RuntimeFailure(`cannot read ${opts.model}: ${describeFsError(error)}`)
    }
    let model
    try {
      model = loadModel(text)
    } catch (error) {
      throw new UsageError(`${opts.model}: ${(error as Error).message}`)
    }
    if (opts.delimiter !== undefined && opts.delimiter.length !== 1) throw new UsageError('--delimiter must be one character')
    const rows = await loadRows(opts.data, model.featureNames, opts.delimiter)
    const yhat = (await getEngine()).predict(model, rows.x)
    if (opts.format === 'json') process.stdout.write(toJson({ target: model.target, predictions: yhat, ignoredColumns: rows.extra }))
    else if (opts.format === 'csv') process.stdout.write(toCsv([model.target], Array.from(yhat, (v) => [v])))
    else {
      process.stdout.write(renderTable(['row', `predicted ${model.target}`], Array.from(yhat, (v, i) => [String(i + 1), formatNumber(v, 6)])))
    }
    if (rows.extra.length > 0) process.stderr.write(`note: columns not in the model, ignored: ${rows.extra.join(', ')}\n`)
  })
}
