import type { Command } from 'commander'
import type { TrainOptions } from '@weight-decay/api'
import { renderTerminalChart } from '../chart/terminal.js'
import { colorsFor } from '../color.js'
import { RuntimeFailure } from '../errors.js'
import { examples } from '../help.js'
import { addSaveOption, coefficientTable, featureNames, saveModel, standardizationNote } from '../coef.js'
import { configForJson } from '../data.js'
import { addConfigOptions, addDataOptions, addOutputOptions, readCommon } from '../options.js'
import { sgdGapWarning } from '../runs.js'
import { toCsv, toJson } from '../output.js'
import { curveChart, describeSetting, historyTable, divergenceMessage, trainAll, writePlot } from '../runs.js'
import { formatNumber } from '../table.js'

/** `weight-decay train`: one run, its loss history, final figures and chart. */
export function registerTrain(program: Command): void {
  const command = program
    .command('train')
    .description('train one run by minibatch SGD: the loss every --eval-every epochs, the final ‖w‖, and a chart')
  addConfigOptions(command)
  addDataOptions(command)
  addOutputOptions(command)
  addSaveOption(command)
  command.addHelpText(
    'after',
    examples([
      ['weight-decay train --lambda 3', 'one run with λ = 3'],
      ['weight-decay train --lambda 3 --format json | jq .wNorm', 'the API result as JSON'],
      ['weight-decay train --lr 0.01 --epochs 300 --plot curve.svg', 'also write the chart as SVG'],
      ['weight-decay train --data houses.csv --target price --lambda 1', 'your own data'],
      ['weight-decay train --optimizer adam --lr 0.01 --lambda 1 --decay decoupled', 'AdamW (Adam + decoupled decay)'],
    ]),
  )
  command.action(async (_options: unknown, cmd: Command) => {
    const common = await readCommon(cmd)
    const options: TrainOptions = { ...common.config }
    if (common.data) options.data = common.data
    const [result] = await trainAll([options], 'training')
    const r = result!
    const lambda = r.config.lambda
    const chart = curveChart([{ label: '', result: r }], `${common.dataName ? `${common.dataName}: ` : ''}train and test loss, λ = ${lambda}`)
    const info = common.dataInfo
    const names = featureNames(info, r.w.length)
    if (common.format === 'json') process.stdout.write(toJson(info ? { ...r, featureNames: names, config: configForJson(r.config, info) } : r))
    else if (common.format === 'csv') process.stdout.write(toCsv(['epoch', 'trainLoss', 'testLoss'], r.history.map((p) => [p.epoch, p.trainLoss, p.testLoss])))
    else {
      const c = colorsFor(process.stdout)
      const out: string[] = []
      out.push(c.dim(describeSetting(r.config, common.dataName)))
      out.push(c.bold(`λ = ${lambda}`))
      out.push(historyTable(r))
      if (r.diverged) out.push(c.red(`diverged at epoch ${r.diverged.epoch}`))
      else {
        out.push(`final (mean ½r²): train loss ${formatNumber(r.trainLoss)}, test loss ${r.config.nTest > 0 ? formatNumber(r.testLoss) : '— (no test set)'}, ‖w‖ = ${formatNumber(r.wNorm)}, b = ${formatNumber(r.b)}`)
        const t = r.timing
        out.push(c.dim(`time: data ${t.dataMs.toFixed(1)} ms, training ${t.trainMs.toFixed(1)} ms, evaluation ${t.evalMs.toFixed(1)} ms`))
      }
      const note = standardizationNote(r.config, r.standardization, names, info !== undefined)
      if (note) out.push(c.dim(note))
      if (info && !r.diverged) out.push('', coefficientTable(names, r.w, r.b, r.config, c))
      const text = renderTerminalChart(chart, c)
      if (text) out.push('', text)
      process.stdout.write(out.join('\n') + '\n')
    }
    const save = cmd.opts<{ save?: string }>().save
    if (save && !r.diverged) {
      saveModel(save, r, 'sgd', info)
      if (common.format === 'table') process.stdout.write(`model written to ${save}\n`)
    }
    if (info && !r.diverged && r.config.epochs > 0) {
      const warning = await sgdGapWarning(options, r)
      if (warning) process.stderr.write(`warning: ${warning}\n`)
    }
    if (common.plot) {
      writePlot(common.plot, chart)
      if (common.format === 'table') process.stdout.write(`chart written to ${common.plot}\n`)
    }
    if (r.diverged) throw new RuntimeFailure(divergenceMessage(r, '', info !== undefined) + (save ? `; no model was written to ${save}` : ''))
  })
}
