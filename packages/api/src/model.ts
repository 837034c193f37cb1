import { CONFIG_RULES, type ExperimentConfig, type Penalty, type RunConfig } from './config.js'
import type { Core } from './core.js'
import { toMatrix, type MatrixInput } from './data.js'
import { ConfigError, describeValue } from './errors.js'

/** This package's version, written into every saved model. */
export const VERSION = '0.1.0'
/** The model file format this version writes; it reads this one and older. */
export const MODEL_FORMAT_VERSION = 1
/** The `format` tag of a model file. */
export const MODEL_FORMAT = 'weight-decay-model'

/**
 * A fitted linear model as `--save` writes it (JSON): prediction = x·w + b on the original
 * features, in the order of `featureNames`. `standardization` records how the features were
 * scaled while fitting (already folded into w and b).
 */
export interface Model {
  /** Always {@link MODEL_FORMAT}. */
  format: typeof MODEL_FORMAT
  /** The file format's version ({@link MODEL_FORMAT_VERSION} when written by this version). */
  formatVersion: number
  /** The version of @weight-decay/api that wrote it. */
  packageVersion: string
  /** How it was fitted: the exact optimum or SGD. */
  fittedBy: 'optimum' | 'sgd'
  /** The features, in the order of `w`; `predict` matches columns by these names. */
  featureNames: string[]
  /** The name of the predicted column. */
  target: string
  /** The means and scales the features were standardized with while fitting (already folded into w and b), or null. */
  standardization: { mean: number[]; scale: number[] } | null
  /** Weights in the features' original units. */
  w: number[]
  /** Bias in original units. */
  b: number
  /** The penalty weight λ it was fitted with. */
  lambda: number
  /** The penalty. */
  penalty: Penalty
  /** ρ of the elastic net. */
  l1Ratio: number
  /** The config of the fit (with CSV data, what the CLI used: file, target, features). */
  config: Partial<ExperimentConfig> & Record<string, unknown>
}

/** What a model is made from: a train or solve result. */
export interface FittedResult {
  /** The resolved config. */
  config: RunConfig
  /** Weights in original units. */
  w: ArrayLike<number>
  /** Bias in original units. */
  b: number
  /** The standardization, when the fit used one. */
  standardization?: { mean: ArrayLike<number>; scale: ArrayLike<number> }
}

/** A model of a train or solve result, with feature and target names (default x1 … xd and y). */
export function makeModel(result: FittedResult, fittedBy: Model['fittedBy'], names: { featureNames?: readonly string[]; target?: string; /** The config to record (default the result's). */ config?: Record<string, unknown> } = {}): Model {
  const d = result.w.length
  const featureNames = names.featureNames ? names.featureNames.slice() : Array.from({ length: d }, (_, j) => `x${j + 1}`)
  if (featureNames.length !== d) throw new ConfigError('featureNames', featureNames, `featureNames must have ${d} names, one per weight; got ${featureNames.length}`)
  const s = result.standardization
  return {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    packageVersion: VERSION,
    fittedBy,
    featureNames,
    target: names.target ?? 'y',
    standardization: s ? { mean: Array.from(s.mean), scale: Array.from(s.scale) } : null,
    w: Array.from(result.w),
    b: result.b,
    lambda: result.config.lambda,
    penalty: result.config.penalty,
    l1Ratio: result.config.l1Ratio,
    config: names.config ? { ...names.config } : { ...result.config },
  }
}

const bad = (what: string, value: unknown): never => {
  throw new ConfigError('model', value, `not a valid model file: ${what}`)
}

function finiteArray(key: string, v: unknown, length: number): number[] {
  if (!Array.isArray(v)) return bad(`${key} must be an array of numbers; got ${describeValue(v)}`, v)
  if (v.length !== length) return bad(`${key} has ${v.length} entries but there are ${length} features`, v)
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(`${key}[${i}] must be a finite number; got ${describeValue(x)}`, v)
  })
  return v as number[]
}

/**
 * Reads and validates a model: JSON text or a parsed object. A corrupt, truncated, newer-version
 * or wrong-shape model throws a {@link ConfigError} (key `model`) saying what is wrong.
 */
export function loadModel(input: unknown): Model {
  let m: unknown = input
  if (typeof input === 'string') {
    try {
      m = JSON.parse(input)
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      bad(input.trim() === '' ? 'the file is empty' : `it is not complete JSON (truncated or corrupt: ${detail})`, input.length > 40 ? `${input.slice(0, 40)}…` : input)
    }
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return bad(`expected a JSON object; got ${describeValue(m)}`, m)
  const o = m as Record<string, unknown>
  if (o.format !== MODEL_FORMAT) bad(`"format" must be ${JSON.stringify(MODEL_FORMAT)}; got ${describeValue(o.format)}`, o.format)
  const v = o.formatVersion
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) bad(`"formatVersion" must be a positive integer; got ${describeValue(v)}`, v)
  if ((v as number) > MODEL_FORMAT_VERSION) {
    throw new ConfigError('model', v, `the model has format version ${v}, newer than this version of weight-decay reads (${MODEL_FORMAT_VERSION}; written by ${describeValue(o.packageVersion)}); upgrade weight-decay`)
  }
  const names = o.featureNames
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string' || n === '')) {
    bad(`"featureNames" must be a non-empty array of names; got ${describeValue(names)}`, names)
  }
  const featureNames = names as string[]
  const dup = featureNames.find((n, i) => featureNames.indexOf(n) !== i)
  if (dup !== undefined) bad(`feature ${JSON.stringify(dup)} appears twice in "featureNames"`, names)
  const d = featureNames.length
  const w = finiteArray('w', o.w, d)
  if (typeof o.b !== 'number' || !Number.isFinite(o.b)) bad(`"b" must be a finite number; got ${describeValue(o.b)}`, o.b)
  if (typeof o.target !== 'string') bad(`"target" must be a name; got ${describeValue(o.target)}`, o.target)
  let standardization: Model['standardization'] = null
  if (o.standardization !== null && o.standardization !== undefined) {
    const s = o.standardization as Record<string, unknown>
    if (typeof s !== 'object' || Array.isArray(s)) bad(`"standardization" must be null or { mean, scale }; got ${describeValue(s)}`, s)
    standardization = { mean: finiteArray('standardization.mean', s.mean, d), scale: finiteArray('standardization.scale', s.scale, d) }
  }
  const lambda = o.lambda
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) bad(`"lambda" must be a number ≥ 0; got ${describeValue(lambda)}`, lambda)
  const penalty = o.penalty
  if (!(CONFIG_RULES.penalty as { choices: readonly string[] }).choices.includes(penalty as string)) bad(`"penalty" must be l2, l1 or elastic; got ${describeValue(penalty)}`, penalty)
  const config = o.config
  if (typeof config !== 'object' || config === null || Array.isArray(config)) bad(`"config" must be an object; got ${describeValue(config)}`, config)
  return {
    format: MODEL_FORMAT,
    formatVersion: v as number,
    packageVersion: typeof o.packageVersion === 'string' ? o.packageVersion : 'unknown',
    fittedBy: o.fittedBy === 'sgd' ? 'sgd' : 'optimum',
    featureNames: featureNames.slice(),
    target: o.target as string,
    standardization,
    w: w.slice(),
    b: o.b as number,
    lambda: lambda as number,
    penalty: penalty as Penalty,
    l1Ratio: typeof o.l1Ratio === 'number' ? o.l1Ratio : 0.5,
    config: { ...(config as Record<string, unknown>) },
  }
}

/** Predictions x·w + b of a model for rows (arrays of numbers, or a row-major flat array), computed in the core. */
export function predictRows(core: Core, model: Model, rows: MatrixInput): Float64Array {
  const d = model.w.length
  const m = toMatrix('rows', rows, d)
  if (m.width !== d) throw new ConfigError('rows', rows, `rows must have ${d} values each (the model's features); got ${m.width}`)
  const n = m.rows
  return core.withBlocks((alloc) => {
    const x = alloc(n * d * 8)
    const w = alloc(d * 8)
    const out = alloc(n * 8)
    core.f64(x, n * d).set(m.values)
    core.f64(w, d).set(model.w)
    core.kernels('float64').predict(x, n, d, w, model.b, out)
    return Float64Array.from(core.f64(out, n))
  })
}
