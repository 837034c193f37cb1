import { InvalidArgumentError, Option, type Command } from 'commander'
import type { TrainOptions } from '@weight-decay/api'
import { DEFAULT_CONFIG, checkHistory } from '@weight-decay/api'
import { renderTerminalChart } from '../chart/terminal.js'
import { colorsFor } from '../color.js'
import { RuntimeFailure } from '../errors.js'
import { examples } from '../help.js'
import { configForJson } from '../data.js'
import { addConfigOptions, addDataOptions, addOutputOptions, parseLambdas, readCommon } from '../options.js'
import { toCsv, toJson } from '../output.js'
import { MAX_CURVES, curveChart, historyTable, describeSetting, divergenceMessage, trainAll, writePlot } from '../runs.js'
import { formatNumber } from '../table.js'

function parseCompareLambdas(text: string): number[] {
  const values = parseLambdas(text)
  if (values.length > MAX_CURVES) throw new InvalidArgumentError(`Compare shows at most ${MAX_CURVES} values of λ side by side; got ${values.length} (use 'weight-decay sweep' for more).`)
  return values
}

/** `weight-decay compare`: the seed's experiment, by default λ = 0 against λ = 10. */
export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .description("the seed's experiment: train with each λ (default 0 and 10) and compare the loss tables, final ‖w‖ and curves")
    .addOption(new Option('--lambdas <list>', 'the λ values, comma-separated numbers or ranges min:max:count[:log]').argParser(parseCompareLambdas).default([0, 10], '0,10'))
  addConfigOptions(command, ['lambda'])
  addDataOptions(command)
  addOutputOptions(command)
  command.addHelpText(
    'after',
    examples([
      ['weight-decay compare', 'λ = 0 overfits, λ = 10 generalizes'],
      ['weight-decay compare --lambdas 0,3,10 --plot compare.svg', 'three runs, chart as SVG'],
      ['weight-decay compare --format csv > curves.csv', 'lambda,epoch,trainLoss,testLoss'],
      ['weight-decay compare --dtype float64 --seed 7', 'another seed, in double precision'],
    ]),
  )
  command.action(async (_options: unknown, cmd: Command) => {
    const common = await readCommon(cmd)
    const lambdas = cmd.opts<{ lambdas: number[] }>().lambdas
    const runs = lambdas.map((lambda) => {
      const options: TrainOptions = { ...common.config, lambda }
      if (common.data) options.data = common.data
      return options
    })
    // The runs' histories are kept (and printed) together: bound them together.
    checkHistory({ epochs: common.config.epochs ?? DEFAULT_CONFIG.epochs, evalEvery: common.config.evalEvery ?? DEFAULT_CONFIG.evalEvery }, runs.length)
    const results = await trainAll(runs, 'training')
    const chart = curveChart(
      results.map((result) => ({ label: `λ=${result.config.lambda}`, result })),
      `${common.dataName ? `${common.dataName}: ` : ''}train and test loss, λ = ${lambdas.join(', ')}`,
    )
    if (common.format === 'json') process.stdout.write(toJson({ runs: results.map((r) => ({ ...r, config: configForJson(r.config, common.dataInfo) })) }))
    else if (common.format === 'csv') {
      const rows = results.flatMap((r) => r.history.map((p) => [r.config.lambda, p.epoch, p.trainLoss, p.testLoss]))
      process.stdout.write(toCsv(['lambda', 'epoch', 'trainLoss', 'testLoss'], rows))
    } else {
      const c = colorsFor(process.stdout)
      const out: string[] = [c.dim(describeSetting(results[0]!.config, common.dataName)), '']
      for (const r of results) {
        out.push(c.bold(`λ = ${r.config.lambda}`))
        out.push(historyTable(r))
        out.push(r.diverged ? c.red(`diverged at epoch ${r.diverged.epoch}`) : `final ‖w‖ = ${formatNumber(r.wNorm)}`, '')
      }
      const text = renderTerminalChart(chart, c)
      if (text) out.push(text)
      process.stdout.write(out.join('\n').trimEnd() + '\n')
    }
    if (common.plot) {
      writePlot(common.plot, chart)
      if (common.format === 'table') process.stdout.write(`chart written to ${common.plot}\n`)
    }
    const diverged = results.filter((r) => r.diverged)
    if (diverged.length > 0) {
      const first = diverged[0]!
      const more = diverged.length > 1 ? ` (and ${diverged.length - 1} more λ)` : ''
      throw new RuntimeFailure(divergenceMessage(first, `λ = ${first.config.lambda}${more}: `, common.data !== undefined))
    }
  })
}
