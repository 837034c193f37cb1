// Options shared by the commands: one per config key (ranges and defaults from the API's own
// CONFIG_RULES / DEFAULT_CONFIG), data files, output format and plot file.
import { statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { Command, InvalidArgumentError, Option } from 'commander'
import {
  CONFIG_RULES,
  EXTRA_RULES,
  DEFAULT_CONFIG,
  MAX_SEED_LENGTH,
  MAX_SWEEP_VALUES,
  describeRule,
  checkValue,
  lambdaGrid,
  ConfigError,
  type NumberRule,
  type ExperimentConfig,
  type RunConfig,
  type Seed,
  type TrainOptions,
} from '@weight-decay/api'
import { decimal } from './decimal.js'
import { loadData, type DataFiles, type DataInfo } from './data.js'
import { writeFileAtomic } from './files.js'
import { RuntimeFailure, UsageError } from './errors.js'

type Key = keyof ExperimentConfig

/** `numInputs` → `--num-inputs`. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}

/** Parses a decimal number or throws `InvalidArgumentError` saying what was expected. */
export function parseDecimal(text: string, expected: string): number {
  const value = decimal(text.trim())
  if (value === undefined) throw new InvalidArgumentError(`Expected ${expected}.`)
  return value
}

/** A commander parser that checks a number against a config rule, naming the allowed range. */
export function numberParser(rule: NumberRule): (text: string) => number {
  const expected = describeRule(rule)
  return (text) => {
    const value = parseDecimal(text, expected)
    try {
      checkValue('value', rule, value)
    } catch {
      throw new InvalidArgumentError(`Expected ${expected}.`)
    }
    return value
  }
}

/** `--seed 42` is the integer 42 (as `train({ seed: 42 })`); anything else is a string seed. */
export function parseSeed(text: string): Seed {
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text)
  if (text === '' || text.length > MAX_SEED_LENGTH) throw new InvalidArgumentError(`Expected a non-empty string of at most ${MAX_SEED_LENGTH} characters or a safe integer.`)
  return text
}

/** Help text of each config key; ranges are appended from the API's rules. */
const DESCRIPTIONS: Record<Key, string> = {
  numInputs: 'features d',
  nTrain: 'training examples',
  nTest: 'test examples',
  trueW: 'every component of the true weight vector',
  trueB: 'the true bias',
  noiseStd: 'standard deviation of the label noise',
  initStd: 'standard deviation of the initial weights',
  batchSize: 'minibatch size',
  epochs: 'passes over the training set',
  lr: 'learning rate',
  lambda: 'penalty weight λ',
  penalty: 'which penalty λ multiplies',
  l1Ratio: 'L1 share of the elastic-net penalty',
  evalEvery: 'record train/test loss every this many epochs',
  shuffle: '',
  dtype: 'arithmetic precision (with --data the default is float64)',
  seed: 'seed of the random stream (an integer or any string)',
  optimizer: 'the optimizer (sgd: minibatch SGD, with --momentum; adam: torch.optim.Adam)',
  momentum: 'SGD momentum μ (dampening 0, as torch.optim.SGD; ignored by adam)',
  nesterov: 'Nesterov momentum for SGD (needs --momentum > 0)',
  beta1: "Adam's β1",
  beta2: "Adam's β2",
  eps: "Adam's ε",
  decay: 'how λ enters a step: coupled (its gradient joins the data gradient), decoupled (w shrinks by lr_t·λ·∇P, as AdamW), independent (by (lr_t/lr)·λ·∇P)',
  schedule: 'learning-rate schedule (cosine: CosineAnnealingLR(T_max = epochs, eta_min = 0), per epoch)',
}

const GROUPS: Record<Key, string> = {
  numInputs: 'Synthetic data:',
  nTrain: 'Synthetic data:',
  nTest: 'Synthetic data:',
  trueW: 'Synthetic data:',
  trueB: 'Synthetic data:',
  noiseStd: 'Synthetic data:',
  initStd: 'Training:',
  batchSize: 'Training:',
  epochs: 'Training:',
  lr: 'Training:',
  lambda: 'Training:',
  penalty: 'Training:',
  l1Ratio: 'Training:',
  evalEvery: 'Training:',
  shuffle: 'Training:',
  dtype: 'Training:',
  seed: 'Training:',
  optimizer: 'Optimizer:',
  momentum: 'Optimizer:',
  nesterov: 'Optimizer:',
  beta1: 'Optimizer:',
  beta2: 'Optimizer:',
  eps: 'Optimizer:',
  decay: 'Optimizer:',
  schedule: 'Optimizer:',
}

/** Keys that describe synthetic data, meaningless with --data. */
const SYNTHETIC_KEYS: readonly Key[] = ['numInputs', 'nTrain', 'nTest', 'trueW', 'trueB', 'noiseStd']

/** One commander option for a config key. */
function configOption(key: Key): Option {
  const rule = CONFIG_RULES[key]
  const flag = flagOf(key)
  let option: Option
  switch (rule.kind) {
    case 'number': {
      const placeholder = rule.integer ? '<n>' : '<x>'
      option = new Option(`${flag} ${placeholder}`, `${DESCRIPTIONS[key]}: ${describeRule(rule)}`).argParser(numberParser(rule))
      break
    }
    case 'choice':
      option = new Option(`${flag} <name>`, DESCRIPTIONS[key]).choices(rule.choices)
      break
    case 'boolean':
      // shuffle defaults to true (so its flag is --no-shuffle); the others default to false.
      if (key !== 'shuffle') return new Option(flag, DESCRIPTIONS[key]).default(DEFAULT_CONFIG[key]).helpGroup(GROUPS[key])
      option = new Option(`--no-${flag.slice(2)}`, 'keep the training set in one order (default: a new permutation every epoch)')
      return option.helpGroup(GROUPS[key])
    case 'seed':
      option = new Option(`${flag} <seed>`, DESCRIPTIONS[key]).argParser(parseSeed)
      break
  }
  return option.default(DEFAULT_CONFIG[key]).helpGroup(GROUPS[key])
}

/** Adds an option for every config key except `omit` (e.g. `lambda` where `--lambdas` replaces it). */
export function addConfigOptions(command: Command, omit: readonly Key[] = []): Command {
  for (const key of Object.keys(CONFIG_RULES) as Key[]) {
    if (!omit.includes(key)) command.addOption(configOption(key))
  }
  // The API's extra key `standardize`: on by default for --data (readCommon), off otherwise.
  command.addOption(new Option('--standardize', 'centre and scale each feature on the training rows (default: on with --data, off for synthetic data); w and b are reported in original units').helpGroup('Training:'))
  command.addOption(new Option('--no-standardize', 'use the features as they are').helpGroup('Training:'))
  return command
}

const fraction = (text: string): number => {
  const value = parseDecimal(text, 'a number from 0 up to but not including 1')
  if (!(value >= 0 && value < 1)) throw new InvalidArgumentError('Expected a number from 0 up to but not including 1 (0: train on every row).')
  return value
}

/** A delimiter: one character, or the words comma, semicolon, tab. */
const delimiterOf = (text: string): string => {
  const named: Record<string, string> = { comma: ',', semicolon: ';', tab: '\t', '\\t': '\t' }
  const d = named[text.toLowerCase()] ?? text
  if (d.length !== 1 || d === '"' || d === '\n' || d === '\r' || d === '#') throw new InvalidArgumentError('Expected one character (or comma, semicolon, tab), not a quote, # or a line break.')
  return d
}

const csvFile = (text: string): string => {
  if (!/\.csv$/i.test(text)) throw new InvalidArgumentError('Expected a file name ending in .csv.')
  return text
}

/** --data, --test-data, --target, --test-fraction. */
export function addDataOptions(command: Command): Command {
  const group = 'Your own data (CSV, one example per row):'
  return command
    .addOption(new Option('--data <file>', 'train on this CSV file instead of synthetic data (header row optional)').helpGroup(group))
    .addOption(new Option('--test-data <file>', 'test set CSV with the same columns (default: hold out --test-fraction of --data)').helpGroup(group))
    .addOption(new Option('--target <name|number>', 'the column to predict, by header name or number counted from 1 (default: the last)').helpGroup(group))
    .addOption(new Option('--test-fraction <x>', 'share of --data rows held out as the test set, chosen by --seed (0: train on every row)').argParser(fraction).default(0.2).helpGroup(group))
    .addOption(new Option('--delimiter <char>', 'field delimiter (default: detected from the first line: comma, semicolon or tab)').argParser(delimiterOf).helpGroup(group))
    .addOption(new Option('--exclude <list>', 'columns to leave out, comma-separated names or numbers').argParser((t: string) => t.split(',').map((s) => s.trim()).filter((s) => s !== '')).helpGroup(group))
    .addOption(new Option('--split-out <file.csv>', 'write which rows of --data went to the training and the test set').argParser(csvFile).helpGroup(group))
}

/** Output formats. */
export type Format = 'table' | 'json' | 'csv'

/** --format and, unless the command has no chart, --plot. */
export function addOutputOptions(command: Command, plot = true): Command {
  const group = 'Output:'
  command.addOption(
    new Option('--format <format>', 'table for people; json (the API result) or csv (with a header) for scripts').choices(['table', 'json', 'csv']).default('table').helpGroup(group),
  )
  if (plot) {
    command.addOption(
      new Option('--plot <file.svg>', 'also write the chart as a standalone SVG file')
        .argParser((text: string) => {
          if (!/\.svg$/i.test(text)) throw new InvalidArgumentError('Expected a file name ending in .svg.')
          return text
        })
        .helpGroup(group),
    )
  }
  return command
}

/** Parses `min:max:count[:log|:linear]`. */
function parseRange(item: string): number[] {
  const parts = item.split(':')
  const form = 'min:max:count or min:max:count:log'
  if (parts.length < 3 || parts.length > 4) throw new InvalidArgumentError(`"${item}" is not a number or a range ${form}.`)
  const [minText, maxText, countText, scaleText = 'linear'] = parts as [string, string, string, string?]
  const scale = { log: 'log', lin: 'linear', linear: 'linear' }[scaleText.toLowerCase()] as 'log' | 'linear' | undefined
  if (!scale) throw new InvalidArgumentError(`"${item}": the scale after the count must be "log" or "linear", not "${scaleText}".`)
  const min = parseDecimal(minText, `a number as the range's min in "${item}"`)
  const max = parseDecimal(maxText, `a number as the range's max in "${item}"`)
  const count = parseDecimal(countText, `an integer as the range's count in "${item}"`)
  try {
    return lambdaGrid({ min, max, count, scale })
  } catch (error) {
    if (error instanceof ConfigError) throw new InvalidArgumentError(`In the range "${item}", ${error.message}.`)
    throw error
  }
}

/** Parses a λ list: comma-separated numbers and ranges, e.g. `0,0.01:100:13:log`. */
export function parseLambdas(text: string): number[] {
  const items = text.split(',').map((s) => s.trim())
  if (items.some((s) => s === '')) throw new InvalidArgumentError('Expected comma-separated numbers or ranges min:max:count[:log], with no empty item.')
  const parse = numberParser(CONFIG_RULES.lambda as NumberRule)
  const values: number[] = []
  for (const item of items) {
    if (item.includes(':')) values.push(...parseRange(item))
    else {
      try {
        values.push(parse(item))
      } catch {
        throw new InvalidArgumentError(`"${item}" is not a valid λ; each must be ${describeRule(CONFIG_RULES.lambda)}.`)
      }
    }
  }
  if (values.length > MAX_SWEEP_VALUES) throw new InvalidArgumentError(`That is ${values.length} values of λ; at most ${MAX_SWEEP_VALUES} are allowed.`)
  return values
}

/** `--seeds 8` (a count) or `--seeds a,b,c` (a list of seeds). */
export function parseSeeds(text: string): number | Seed[] {
  if (/^\s*\d+\s*$/.test(text)) {
    const n = Number(text)
    if (n < 1 || n > MAX_SWEEP_VALUES) throw new InvalidArgumentError(`Expected a count from 1 to ${MAX_SWEEP_VALUES}, or a comma-separated list of seeds.`)
    return n
  }
  const items = text.split(',').map((s) => s.trim())
  if (items.some((s) => s === '')) throw new InvalidArgumentError('Expected a count, or a comma-separated list of seeds with no empty item.')
  return items.map(parseSeed)
}

/** Fails before any work when the plot file's folder does not exist, rather than after a long run. */
export function checkWritable(file: string): void {
  const folder = dirname(resolve(file))
  let ok: boolean
  try {
    ok = statSync(folder).isDirectory()
  } catch {
    ok = false
  }
  if (!ok) throw new RuntimeFailure(`cannot write ${file}: the folder ${folder} does not exist`)
}

/** What the commands read from their parsed options. */
export interface Common {
  format: Format
  plot?: string
  /** Config keys the user gave (the API fills in the rest from its defaults). */
  config: Partial<RunConfig>
  /** Data from --data (and --test-data), if given. */
  data?: TrainOptions['data']
  /** Where the data came from, for titles. */
  dataName?: string
  /** What the CSV run used (file, target, features, rows), for the JSON config and tables. */
  dataInfo?: DataInfo
}

/** Reads the config keys the user actually typed, checks option combinations, loads data files. */
export async function readCommon(command: Command): Promise<Common> {
  const opts = command.opts<Record<string, unknown>>()
  const given = (name: string) => {
    const source = command.getOptionValueSource(name)
    return source !== undefined && source !== 'default'
  }
  const config: Record<string, unknown> = {}
  for (const key of [...Object.keys(CONFIG_RULES), ...Object.keys(EXTRA_RULES)]) {
    if (given(key)) config[key] = opts[key]
  }
  const result: Common = { format: opts.format as Format, config: config as Partial<RunConfig> }
  if (typeof opts.plot === 'string') result.plot = opts.plot
  const files: DataFiles | undefined = typeof opts.data === 'string' ? { train: opts.data } : undefined
  if (!files) {
    for (const name of ['testData', 'target', 'testFraction', 'delimiter', 'exclude', 'splitOut']) {
      if (given(name)) throw new UsageError(`${flagOf(name)} needs --data`)
    }
    if (result.plot) checkWritable(result.plot)
    return result
  }
  for (const key of SYNTHETIC_KEYS) {
    if (given(key)) throw new UsageError(`${flagOf(key)} describes synthetic data; with --data it comes from the file, so leave it out`)
  }
  if (typeof opts.testData === 'string') {
    files.test = opts.testData
    if (given('testFraction')) throw new UsageError('--test-fraction applies only without --test-data')
    if (given('splitOut')) throw new UsageError('--split-out applies only without --test-data (the split is the two files)')
  }
  if (typeof opts.delimiter === 'string') files.delimiter = opts.delimiter
  if (Array.isArray(opts.exclude)) files.exclude = opts.exclude as string[]
  if (typeof opts.target === 'string') files.target = opts.target
  files.testFraction = opts.testFraction as number
  files.seed = (config.seed as Seed | undefined) ?? DEFAULT_CONFIG.seed
  // Standardization is on for user data unless --no-standardize, and arithmetic in float64
  // (user data has its own units and precision; float32 is the synthetic experiment's).
  if (!given('standardize')) config.standardize = true
  if (!given('dtype')) config.dtype = 'float64'
  const loaded = await loadData(files)
  result.data = loaded.data
  result.dataName = loaded.name
  result.dataInfo = loaded.info
  config.numInputs = loaded.numInputs
  if (typeof opts.splitOut === 'string' && loaded.isTest) {
    const lines = ['row,set']
    loaded.isTest.forEach((t, i) => lines.push(`${i + 1},${t ? 'test' : 'train'}`))
    writeFileAtomic(opts.splitOut, lines.join('\n') + '\n')
  }
  // Usage errors first, then a missing plot folder, before any long work.
  if (result.plot) checkWritable(result.plot)
  return result
}
