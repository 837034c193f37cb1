// The page's whole state and its URL form: query keys are the config keys; `lambda` is a
// comma-separated list, one run per value, each optionally followed by mid-run changes
// "@epoch:λ" (e.g. lambda=0@40:10,10). Anything invalid becomes a notice and a default.
import { CONFIG_RULES, DEFAULT_CONFIG, MAX_SEED_LENGTH, checkValue, suggestKey, type ExperimentConfig, type Seed } from '@weight-decay/api'
import { allowed, LABELS, plain } from './labels.js'
import { MAX_CELLS, MAX_CHANGES, MAX_RUN_EPOCHS, MAX_RUNS, PAGE_CAPS, SWEEP_LIMITS } from './limits.js'

/** The config all runs share (each run has its own λ). */
export type Config = Omit<ExperimentConfig, 'lambda'>
export type ConfigKey = keyof Config

/** λ switched to `lambda` after `epoch` epochs. */
export interface LambdaChange {
  epoch: number
  lambda: number
}
/** One run: its starting λ and its mid-run changes, in epoch order. */
export interface RunSpec {
  lambda: number
  changes: LambdaChange[]
  /** This run's own optimizer and decay mode (otherwise the experiment's): "λ…~adam~decoupled" in the link. */
  optim?: RunOptim
}
/** A run's own optimizer settings. */
export interface RunOptim {
  optimizer?: Config['optimizer']
  decay?: Config['decay']
}
/** The regularization path's grid and seeds. */
export interface SweepSettings {
  min: number
  max: number
  count: number
  seeds: number
}
export interface AppState {
  config: Config
  runs: RunSpec[]
  sweep: SweepSettings
  /** Compute the regularization path as soon as the page opens (`path=1`, used by presets). */
  autoPath?: boolean
  /** Compute the double-descent view as soon as the page opens (`descent=1`). */
  autoDescent?: boolean
  /** Cross-validate as soon as the page opens (`cv=1`). */
  autoCv?: boolean
  /** How cross-validation fits each fold (`cvBy=sgd`; the exact optimum when absent). */
  cvBy?: 'sgd'
}
/** A message for the visitor about input that was not used as given. */
export interface Notice {
  key: string
  text: string
}

export const CONFIG_KEYS = (Object.keys(CONFIG_RULES) as (keyof ExperimentConfig)[]).filter((k): k is ConfigKey => k !== 'lambda')
const { lambda: _defaultLambda, ...defaults } = DEFAULT_CONFIG
export const DEFAULT_SHARED: Readonly<Config> = Object.freeze(defaults)
/** The seed's comparison: no decay against strong decay. */
export const DEFAULT_LAMBDAS: readonly number[] = [0, 10]
export const DEFAULT_SWEEP: Readonly<SweepSettings> = Object.freeze({ min: 1e-3, max: 100, count: 17, seeds: 8 })
const SWEEP_KEYS: Record<string, keyof SweepSettings> = { pathMin: 'min', pathMax: 'max', pathCount: 'count', pathSeeds: 'seeds' }

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** A raw value for messages: quoted, cut short (it is shown as text, never as markup). */
export function shown(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i

/** A decimal number, strictly (no hex, no "Infinity", no empty string); "+" decoded as space is put back. */
export function parseNumber(raw: string): number | undefined {
  const s = raw.trim().replace(/ /g, '+')
  if (s.length > 40 || !NUMBER.test(s)) return undefined
  const x = Number(s)
  return Number.isFinite(x) ? x : undefined
}

/** A seed from text: a canonical safe integer is a number seed, anything else a string seed. */
export function parseSeed(raw: string): Seed {
  const n = Number(raw)
  return Number.isSafeInteger(n) && String(n) === raw ? n : raw
}

/** One config value from text, checked against the API's rule and the page's caps; reasons in plain words. */
export function parseConfigValue<K extends ConfigKey>(key: K, raw: string): Parsed<Config[K]> {
  const rule = CONFIG_RULES[key]
  const bad = (): Parsed<Config[K]> => ({ ok: false, reason: `${LABELS[key]} (${key}) must be ${allowed(key)}; got ${shown(raw)}` })
  switch (rule.kind) {
    case 'number': {
      const x = parseNumber(raw)
      if (x === undefined) return bad()
      try {
        checkValue(key, rule, x)
      } catch {
        return bad()
      }
      const cap = (PAGE_CAPS as Partial<Record<ConfigKey, number>>)[key]
      if (cap !== undefined && x > cap) return bad()
      return { ok: true, value: x as Config[K] }
    }
    case 'choice':
      return rule.choices.includes(raw) ? { ok: true, value: raw as Config[K] } : bad()
    case 'boolean':
      if (raw === 'true' || raw === '1') return { ok: true, value: true as Config[K] }
      if (raw === 'false' || raw === '0') return { ok: true, value: false as Config[K] }
      return bad()
    case 'seed':
      if (raw.length > MAX_SEED_LENGTH) return { ok: false, reason: `The seed may have at most ${plain(MAX_SEED_LENGTH)} characters; got ${plain(raw.length)}` }
      return { ok: true, value: parseSeed(raw) as Config[K] }
  }
}

/** λ from text: a number from 0 to the API's maximum. */
export function parseLambda(raw: string): Parsed<number> {
  const rule = CONFIG_RULES.lambda
  const x = parseNumber(raw)
  if (x === undefined || x < 0 || (rule.kind === 'number' && x > rule.max)) {
    return { ok: false, reason: `λ must be a number from 0 to ${rule.kind === 'number' ? plain(rule.max) : ''}; got ${shown(raw)}` }
  }
  return { ok: true, value: x }
}

/**
 * The epoch a run ends at: the config's epochs, extended by that many again by each change made
 * at the end of the run so far (λ changed on a finished run continues from its weights).
 */
export function runEnd(spec: RunSpec, epochs: number): number {
  let end = epochs
  for (const c of spec.changes) if (c.epoch >= end) end = c.epoch + epochs
  return end
}

/** The λ a run uses now: its last change, or its starting λ. */
export function currentLambda(spec: RunSpec): number {
  return spec.changes.at(-1)?.lambda ?? spec.lambda
}

/** Whether the sizes fit the page; the reason when they do not. */
export function sizeProblem(c: Pick<Config, 'numInputs' | 'nTrain' | 'nTest'>): string | undefined {
  const cells = (c.nTrain + c.nTest) * c.numInputs
  if (cells <= MAX_CELLS) return undefined
  return `(training + test examples) × features = (${plain(c.nTrain)} + ${plain(c.nTest)}) × ${plain(c.numInputs)} = ${plain(cells)} values is more than this page holds (at most ${plain(MAX_CELLS)})`
}

/** Text that looks like markup or control characters: used as plain text, but worth telling. */
const SUSPICIOUS = /[<>\u0000-\u001f\u007f]/

/** One run from "λ" or "λ@epoch:λ@epoch:λ…"; a change at the run's end so far extends it. */
function parseRun(whole: string, epochs: number, notices: Notice[]): RunSpec | undefined {
  const [item = '', ...tags] = whole.split('~')
  const optim: RunOptim = {}
  for (const tag of tags) {
    const optimizers = CONFIG_RULES.optimizer.kind === 'choice' ? CONFIG_RULES.optimizer.choices : []
    const decays = CONFIG_RULES.decay.kind === 'choice' ? CONFIG_RULES.decay.choices : []
    if (optimizers.includes(tag) && !optim.optimizer) optim.optimizer = tag as Config['optimizer']
    else if (decays.includes(tag) && !optim.decay) optim.decay = tag as Config['decay']
    else notices.push({ key: 'lambda', text: `a run's "~${shown(tag).slice(1, -1)}" must be an optimizer (${optimizers.join(', ')}) or a decay mode (${decays.join(', ')}), once each; it was left out.` })
  }
  const run = parseSchedule(item, epochs, notices)
  if (run && (optim.optimizer || optim.decay)) run.optim = optim
  return run
}

/** A run's λ schedule from "λ@epoch:λ…". */
function parseSchedule(item: string, epochs: number, notices: Notice[]): RunSpec | undefined {
  const [first = '', ...rest] = item.split('@')
  const start = parseLambda(first)
  if (!start.ok) {
    notices.push({ key: 'lambda', text: `${start.reason}; that run was left out.` })
    return undefined
  }
  const run: RunSpec = { lambda: start.value, changes: [] }
  for (const part of rest.slice(0, MAX_CHANGES)) {
    const [e = '', l = ''] = part.split(':')
    const epoch = parseNumber(e)
    const lambda = parseLambda(l)
    const after = run.changes.at(-1)?.epoch ?? 0
    const end = runEnd(run, epochs)
    const fits = epoch !== undefined && (epoch < end || end + epochs <= MAX_RUN_EPOCHS)
    if (epoch === undefined || !Number.isInteger(epoch) || epoch <= after || epoch > end || epochs === 0 || !fits || !lambda.ok) {
      notices.push({ key: 'lambda', text: `the λ change ${shown(`@${part}`)} must be "@epoch:λ" with epochs increasing from 1 to the run's end (${plain(end)}; a change at the end continues the run) and λ ≥ 0; it was left out.` })
      continue
    }
    run.changes.push({ epoch, lambda: lambda.value })
  }
  if (rest.length > MAX_CHANGES) notices.push({ key: 'lambda', text: `at most ${MAX_CHANGES} λ changes per run are kept.` })
  return run
}

/** Reads the state from a query string; every problem becomes a notice and a default. */
export function parseQuery(search: string): { state: AppState; notices: Notice[] } {
  const params = new URLSearchParams(search)
  const notices: Notice[] = []
  const config: Config = { ...DEFAULT_SHARED }
  const sweep: SweepSettings = { ...DEFAULT_SWEEP }
  const known = [...CONFIG_KEYS, 'lambda', 'path', 'descent', 'cv', 'cvBy', ...Object.keys(SWEEP_KEYS)]
  const seen = new Set<string>()
  for (const key of params.keys()) {
    if (seen.has(key)) continue
    seen.add(key)
    if (params.getAll(key).length > 1) notices.push({ key, text: `${key} is given more than once; the first value is used.` })
    if (!known.includes(key)) {
      const guess = suggestKey(key, known)
      notices.push({ key, text: `unknown setting ${shown(key)} was ignored${guess ? `; did you mean ${guess}?` : '.'}` })
    }
  }
  for (const key of CONFIG_KEYS) {
    const raw = params.get(key)
    if (raw === null) continue
    const parsed = parseConfigValue(key, raw)
    if (parsed.ok) (config as Record<string, unknown>)[key] = parsed.value
    else notices.push({ key, text: `${parsed.reason}; using ${String(DEFAULT_SHARED[key])}.` })
  }
  const tooBig = sizeProblem(config)
  if (tooBig) {
    notices.push({ key: 'numInputs', text: `${tooBig}; using the default sizes.` })
    config.numInputs = DEFAULT_SHARED.numInputs
    config.nTrain = DEFAULT_SHARED.nTrain
    config.nTest = DEFAULT_SHARED.nTest
  }
  if (typeof config.seed === 'string' && SUSPICIOUS.test(config.seed)) {
    notices.push({ key: 'seed', text: 'the seed contains markup or control characters; it is used as plain text, exactly as given.' })
  }
  for (const [name, field] of Object.entries(SWEEP_KEYS)) {
    const raw = params.get(name)
    if (raw === null) continue
    const parsed = parseSweepValue(field, raw)
    if (parsed.ok) sweep[field] = parsed.value
    else notices.push({ key: name, text: `${parsed.reason}; using ${DEFAULT_SWEEP[field]}.` })
  }
  if (sweep.max < sweep.min) {
    notices.push({ key: 'pathMax', text: `pathMax must not be below pathMin; using ${DEFAULT_SWEEP.min} to ${DEFAULT_SWEEP.max}.` })
    sweep.min = DEFAULT_SWEEP.min
    sweep.max = DEFAULT_SWEEP.max
  }
  let runs: RunSpec[] = DEFAULT_LAMBDAS.map((lambda) => ({ lambda, changes: [] }))
  const rawLambda = params.get('lambda')
  if (rawLambda !== null) {
    const items = rawLambda.split(',')
    if (items.length > MAX_RUNS) notices.push({ key: 'lambda', text: `at most ${MAX_RUNS} runs are compared; the first ${MAX_RUNS} λ values are used.` })
    const parsed = items.slice(0, MAX_RUNS).flatMap((item) => parseRun(item, config.epochs, notices) ?? [])
    if (parsed.length > 0) runs = parsed
    else notices.push({ key: 'lambda', text: `no valid λ was given; using λ = ${DEFAULT_LAMBDAS.join(' and ')}.` })
  }
  const flag = (key: string, what: string) => {
    const raw = params.get(key)
    if (raw !== null && raw !== '0' && raw !== '1') notices.push({ key, text: `${key} must be 1 (${what} on opening) or 0; got ${shown(raw)}.` })
    return raw === '1'
  }
  const state: AppState = { config, runs, sweep }
  if (flag('path', 'compute the path')) state.autoPath = true
  if (flag('descent', 'compute double descent')) state.autoDescent = true
  if (flag('cv', 'cross-validate')) state.autoCv = true
  const cvBy = params.get('cvBy')
  if (cvBy === 'sgd') state.cvBy = 'sgd'
  else if (cvBy !== null && cvBy !== 'optimum') notices.push({ key: 'cvBy', text: `cvBy must be "sgd" or "optimum" (how cross-validation fits each fold); got ${shown(cvBy)}; using the exact optimum.` })
  return { state, notices }
}

/** One path setting from text. */
export function parseSweepValue(field: keyof SweepSettings, raw: string): Parsed<number> {
  const { low, high } = SWEEP_LIMITS[field]
  const x = parseNumber(raw)
  const integer = field === 'count' || field === 'seeds'
  if (x === undefined || x < low || x > high || (integer && !Number.isInteger(x))) {
    const name = Object.keys(SWEEP_KEYS).find((k) => SWEEP_KEYS[k] === field)!
    return { ok: false, reason: `${name} must be ${integer ? 'a whole number' : 'a number'} from ${plain(low)} to ${plain(high)}; got ${shown(raw)}` }
  }
  return { ok: true, value: x }
}

// ',', ':' and '@' are legal in a query; keeping them makes λ lists readable.
const encode = (s: string) => encodeURIComponent(s).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%40/g, '@')

/** The query string of a state: every config key (so links survive a change of defaults). */
export function toQuery(state: AppState): string {
  const runs = state.runs.map((r) => [[String(r.lambda), ...r.changes.map((c) => `${c.epoch}:${c.lambda}`)].join('@'), r.optim?.optimizer, r.optim?.decay].filter(Boolean).join('~')).join(',')
  const parts = [`lambda=${encode(runs)}`]
  for (const key of CONFIG_KEYS) parts.push(`${key}=${encode(String(state.config[key]))}`)
  for (const [name, field] of Object.entries(SWEEP_KEYS)) {
    if (state.sweep[field] !== DEFAULT_SWEEP[field]) parts.push(`${name}=${encode(String(state.sweep[field]))}`)
  }
  if (state.autoPath) parts.push('path=1')
  if (state.autoDescent) parts.push('descent=1')
  if (state.autoCv) parts.push('cv=1')
  if (state.cvBy) parts.push(`cvBy=${state.cvBy}`)
  return `?${parts.join('&')}`
}
