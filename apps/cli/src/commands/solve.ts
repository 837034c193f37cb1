import type { Command } from 'commander'
import type { TrainOptions } from '@weight-decay/api'
import { colorsFor } from '../color.js'
import { examples } from '../help.js'
import { addSaveOption, coefficientRows, coefficientTable, featureNames, saveModel, standardizationNote } from '../coef.js'
import { configForJson } from '../data.js'
import { addConfigOptions, addDataOptions, addOutputOptions, readCommon } from '../options.js'
import { toCsv, toJson } from '../output.js'
import { getEngine } from '../runs.js'
import { formatNumber, renderTable } from '../table.js'

/** Keys that only SGD uses; the exact optimum does not depend on them. */
const SGD_ONLY = ['initStd', 'batchSize', 'epochs', 'lr', 'evalEvery', 'shuffle', 'optimizer', 'momentum', 'nesterov', 'beta1', 'beta2', 'eps', 'decay', 'schedule'] as const

const OBJECTIVES = {
  l2: 'mean(½ r²) + λ·½‖w‖²',
  l1: 'mean(½ r²) + λ·‖w‖₁',
  elastic: 'mean(½ r²) + λ·(ρ‖w‖₁ + (1 − ρ)·½‖w‖²)',
} as const

/** `weight-decay solve`: the exact minimizer of the penalized objective. */
export function registerSolve(program: Command): void {
  const command = program
    .command('solve')
    .description('the exact optimum of the penalized objective on the training data (no SGD): losses, ‖w‖ and b')
  addConfigOptions(command, SGD_ONLY)
  addDataOptions(command)
  addOutputOptions(command, false)
  addSaveOption(command)
  command.addHelpText(
    'after',
    examples([
      ['weight-decay solve --lambda 3', 'the ridge optimum at λ = 3'],
      ['weight-decay solve --lambda 0.01 --penalty l1', 'the lasso optimum (coordinate descent)'],
      ['weight-decay solve --lambda 3 --format json | jq .w', 'the optimal weights'],
      ['weight-decay solve --data data/diabetes.csv --lambda 0.01 --save model.json', 'named coefficients; save the model'],
    ]),
  )
  command.action(async (_options: unknown, cmd: Command) => {
    const common = await readCommon(cmd)
    const options: Omit<TrainOptions, 'onEval'> = { ...common.config }
    if (common.data) options.data = common.data
    const r = (await getEngine()).solve(options)
    const { config } = r
    const info = common.dataInfo
    const names = featureNames(info, r.w.length)
    if (common.format === 'json') process.stdout.write(toJson(info ? { ...r, featureNames: names, config: configForJson(config, info) } : r))
    else if (common.format === 'csv') {
      if (info) process.stdout.write(toCsv(['feature', 'weight'], coefficientRows(names, r.w, r.b)))
      else {
        const columns = ['lambda', 'penalty', 'l1Ratio', 'method', 'trainLoss', 'testLoss', 'wNorm', 'b', 'objective', 'passes', 'converged']
        process.stdout.write(toCsv(columns, [[config.lambda, config.penalty, config.l1Ratio, r.method, r.trainLoss, r.testLoss, r.wNorm, r.b, r.objective, r.passes, r.converged]]))
      }
    } else {
      const c = colorsFor(process.stdout)
      const data = common.dataName ? `${common.dataName}: ${config.numInputs} features, ${config.nTrain} train / ${config.nTest} test rows` : `${config.numInputs} features, ${config.nTrain} train / ${config.nTest} test examples, seed ${JSON.stringify(config.seed)}`
      const method = r.method === 'closed-form' ? 'closed form' : `coordinate descent, ${r.passes} passes`
      const rows = [
        ['train loss (mean ½r²)', formatNumber(r.trainLoss)],
        ['test loss (mean ½r²)', config.nTest > 0 ? formatNumber(r.testLoss) : '— (no test set)'],
        ['‖w‖', formatNumber(r.wNorm)],
        ['b', formatNumber(r.b)],
        ['objective', formatNumber(r.objective)],
      ]
      const out = [
        c.dim(data),
        c.bold(`exact optimum of ${OBJECTIVES[config.penalty]}, λ = ${config.lambda}${config.penalty === 'elastic' ? `, ρ = ${config.l1Ratio}` : ''} (${method})`),
        renderTable(['', ''], rows, ['left', 'right']).split('\n').slice(1).join('\n').trimEnd(),
      ]
      const note = standardizationNote(config, r.standardization, names, info !== undefined)
      if (note) out.push(c.dim(note))
      if (info) out.push('', coefficientTable(names, r.w, r.b, config, c))
      process.stdout.write(out.join('\n') + '\n')
    }
    const save = cmd.opts<{ save?: string }>().save
    if (save) {
      saveModel(save, r, 'optimum', info)
      if (common.format === 'table') process.stdout.write(`model written to ${save}\n`)
    }
    if (!r.converged) process.stderr.write(`warning: coordinate descent stopped after ${r.passes} passes before meeting its tolerance; the figures are approximate\n`)
  })
}
