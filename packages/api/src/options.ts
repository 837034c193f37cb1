import { CONFIG_RULES, EXTRA_RULES, rejectUnknownKeys, resolveExperiment, type RunConfig } from './config.js'
import { toDataset, toVector, type DataInput, type InitInput } from './data.js'
import { ConfigError, describeValue } from './errors.js'
import { checkFits } from './limits.js'
import type { ProblemSpec } from './problem.js'
import { readSettings } from './settings.js'
import type { HistoryPoint } from './trainer.js'

/** What `engine.train` takes: any subset of the config, optional data and initial weights. */
export interface TrainOptions extends Partial<RunConfig> {
  /** Train on these arrays instead of synthetic data (sizes come from the arrays). */
  data?: DataInput
  /** Start from these parameters instead of random ones. */
  init?: InitInput
  /** Called with each history point as soon as it is made. */
  onEval?: (point: HistoryPoint) => void
}

/** The keys `train` accepts. */
export const TRAIN_KEYS: readonly string[] = [...Object.keys(CONFIG_RULES), ...Object.keys(EXTRA_RULES), 'data', 'init', 'onEval']

/**
 * The options as a snapshot: each own key read exactly once, so a getter cannot give the checks
 * one value and the run another. Refuses what is not a plain object of settings.
 */
export function readOptions(options: unknown): Record<string, unknown> {
  if (options === undefined) options = {}
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError('config', options, `the config must be an object of settings; got ${describeValue(options)}`)
  }
  // A Map or a Date has no settings of its own: it would silently mean all defaults.
  return readSettings(options, 'the config must be a plain object of settings')
}

/** Validates train options into a problem spec; throws ConfigError before any allocation. */
export function resolveTrainOptions(
  options: unknown,
  extraKeys: readonly string[] = [],
  excludedKeys: readonly string[] = [],
): ProblemSpec & { onEval?: (p: HistoryPoint) => void } {
  options = readOptions(options)
  for (const key of excludedKeys) {
    const value = (options as Record<string, unknown>)[key]
    if (value !== undefined) throw new ConfigError(key, value, `${key} does not apply here; only train and trainer take it`)
  }
  rejectUnknownKeys(options as object, [...TRAIN_KEYS, ...extraKeys])
  const input = options as TrainOptions
  const config = resolveExperiment(input)
  const data = input.data === undefined ? undefined : toDataset(input.data, input.numInputs)
  if (data) {
    for (const key of ['numInputs', 'nTrain', 'nTest'] as const) {
      if (input[key] !== undefined && input[key] !== data[key]) {
        throw new ConfigError(key, input[key], `${key} is ${input[key]} but the data has ${data[key]}; leave it out to take it from the data`)
      }
      config[key] = data[key]
    }
  }
  let init: ProblemSpec['init']
  if (input.init !== undefined) {
    const given = input.init as unknown
    if (typeof given !== 'object' || given === null || Array.isArray(given) || ArrayBuffer.isView(given)) {
      throw new ConfigError('init', given, `init must be an object { w, b? }; got ${describeValue(given)}`)
    }
    rejectUnknownKeys(given, ['w', 'b'], 'init.')
    const w = toVector('init.w', (given as InitInput).w, config.numInputs, ' (numInputs)')
    const b = (given as InitInput).b ?? 0
    if (typeof b !== 'number' || !Number.isFinite(b)) {
      throw new ConfigError('init.b', b, `init.b must be a finite number; got ${describeValue(b)}`)
    }
    init = { w, b }
  }
  if (input.onEval !== undefined && typeof input.onEval !== 'function') {
    throw new ConfigError('onEval', input.onEval, `onEval must be a function; got ${describeValue(input.onEval)}`)
  }
  checkFits(
    { numInputs: config.numInputs, nTrain: config.nTrain, nTest: config.nTest, nValid: 0, bytesPerValue: config.dtype === 'float32' ? 4 : 8 },
    (which) => (data ? 'data' : which),
  )
  const spec: ProblemSpec & { onEval?: (p: HistoryPoint) => void } = { config }
  if (data) spec.data = data
  if (init) spec.init = init
  if (input.onEval) spec.onEval = input.onEval
  return spec
}
