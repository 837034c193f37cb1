// Coefficients by name (CSV runs), the standardization note, and `--save`.
import { InvalidArgumentError, Option, type Command } from 'commander'
import { makeModel, type ExperimentConfig, type RunConfig, type Standardization } from '@weight-decay/api'
import type { Colors } from './color.js'
import { configForJson, type DataInfo } from './data.js'
import { writeFileAtomic } from './files.js'
import { checkWritable } from './options.js'
import { toJson } from './output.js'
import { formatNumber, renderTable } from './table.js'

/** Feature names of a run: the CSV's, or x1 … xd for synthetic data. */
export function featureNames(info: DataInfo | undefined, d: number): string[] {
  return info ? info.features.slice() : Array.from({ length: d }, (_, j) => `x${j + 1}`)
}

/** Whether the penalty has an L1 part (so exact zeros mean something). */
const sparse = (config: ExperimentConfig) => config.penalty !== 'l2' && config.lambda > 0

/** The coefficient table: name and weight (original units), exact zeros marked for l1/elastic, and the count of non-zeros. */
export function coefficientTable(names: readonly string[], w: ArrayLike<number>, b: number, config: ExperimentConfig, c: Colors): string {
  const rows = Array.from(names, (name, j) => {
    const v = w[j]!
    const cells = [name, formatNumber(v)]
    if (sparse(config)) cells.push(v === 0 ? c.dim('zero') : '')
    return cells
  })
  rows.push(['(intercept)', formatNumber(b), ...(sparse(config) ? [''] : [])])
  const header = ['feature', 'weight', ...(sparse(config) ? [''] : [])]
  const out = [renderTable(header, rows, ['left', 'right', 'left']).trimEnd()]
  if (sparse(config)) {
    const nonZero = Array.from(w).filter((v) => v !== 0).length
    out.push(`${nonZero} of ${names.length} coefficients are non-zero`)
  }
  return out.join('\n')
}

/** The line that says whether features were standardized, and which were constant. */
export function standardizationNote(config: RunConfig, s: Standardization | undefined, names: readonly string[], userData: boolean): string {
  if (!config.standardize) return userData ? 'features used as they are (--no-standardize); w and b in the data’s units' : ''
  const constant = s && s.constant.length > 0 ? `; constant on the training rows, weight 0: ${s.constant.map((j) => names[j]).join(', ')}` : ''
  return `features standardized on the training rows (mean 0, standard deviation 1; --no-standardize to turn off); w and b in the data’s units${constant}`
}

/** The per-coefficient CSV rows of a fit: feature, weight (the intercept last). */
export function coefficientRows(names: readonly string[], w: ArrayLike<number>, b: number): (string | number)[][] {
  return [...Array.from(names, (name, j) => [name, w[j]!]), ['(intercept)', b]]
}

/** Adds `--save <model.json>`. */
export function addSaveOption(command: Command): Command {
  return command.addOption(
    new Option('--save <model.json>', 'write the fitted model (versioned JSON: feature names, standardization, w, b, λ, config) for `weight-decay predict`')
      .argParser((text: string) => {
        if (!/\.json$/i.test(text)) throw new InvalidArgumentError('Expected a file name ending in .json.')
        return text
      })
      .helpGroup('Output:'),
  )
}

/** Writes the model of a fit to `file` atomically. */
export function saveModel(file: string, result: { config: RunConfig; w: ArrayLike<number>; b: number; standardization?: Standardization }, fittedBy: 'optimum' | 'sgd', info: DataInfo | undefined): void {
  checkWritable(file)
  const names = featureNames(info, result.w.length)
  const config = configForJson(result.config, info) as unknown as Record<string, unknown>
  const model = makeModel(result, fittedBy, { featureNames: names, target: info?.target ?? 'y', config })
  writeFileAtomic(file, toJson(model))
}
