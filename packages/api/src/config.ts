import { ConfigError, describeValue } from './errors.js'

/** Arithmetic precision of a run: every operation in f32 (PyTorch's default) or in f64. */
export type Dtype = 'float32' | 'float64'

/** The penalty P(w) added per example: l2 = ½‖w‖², l1 = ‖w‖₁, elastic = ρ‖w‖₁ + (1−ρ)·½‖w‖². */
export type Penalty = 'l2' | 'l1' | 'elastic'

/** The optimizer of a run: minibatch SGD (with optional momentum / Nesterov) or Adam. */
export type Optimizer = 'sgd' | 'adam'

/**
 * How λ·∇P(w) enters a step: added to the gradient (coupled, torch's `weight_decay` in SGD and
 * Adam), or a shrink of w by lr_t·λ·∇P(w) before the step (decoupled, as AdamW), or by
 * (lr_t/lr)·λ·∇P(w) (independent of the base learning rate).
 */
export type DecayMode = 'coupled' | 'decoupled' | 'independent'

/** The learning-rate schedule: constant, or cosine annealing to 0 over the run's epochs. */
export type Schedule = 'constant' | 'cosine'

/** A seed: any string, or an integer (safe integers; int32 values seed as seedrandom's numbers). */
export type Seed = string | number

/** The experiment's settings; every key has a default (see {@link DEFAULT_CONFIG}). */
export interface ExperimentConfig {
  /** Number of features d. */
  numInputs: number
  /** Training examples. */
  nTrain: number
  /** Test examples. */
  nTest: number
  /** Every component of the true weight vector. */
  trueW: number
  /** The true bias. */
  trueB: number
  /** Standard deviation of the label noise. */
  noiseStd: number
  /** Standard deviation of the initial weights (the bias starts at 0). */
  initStd: number
  /** Minibatch size; the update divides by it even for a short last batch, as the seed does. */
  batchSize: number
  /** Passes over the training set. */
  epochs: number
  /** Learning rate. */
  lr: number
  /** Penalty weight λ ≥ 0. */
  lambda: number
  /** Which penalty λ multiplies. */
  penalty: Penalty
  /** ρ in [0, 1], the L1 share of the elastic-net penalty (ignored by l1 and l2). */
  l1Ratio: number
  /** Record the mean train and test loss at epochs that are multiples of this. */
  evalEvery: number
  /** Draw a new permutation of the training set every epoch. */
  shuffle: boolean
  /** Arithmetic precision. */
  dtype: Dtype
  /** Seed of the one random stream (data, initial weights, shuffling). */
  seed: Seed
  /** The optimizer: 'sgd' or 'adam'. */
  optimizer: Optimizer
  /** SGD momentum μ in [0, 1) (dampening 0; the first step's buffer is the gradient, as torch). */
  momentum: number
  /** Nesterov momentum for SGD (needs momentum > 0). */
  nesterov: boolean
  /** Adam's β1 in [0, 1). */
  beta1: number
  /** Adam's β2 in [0, 1). */
  beta2: number
  /** Adam's ε, added to √v̂. */
  eps: number
  /** How the penalty's gradient enters a step (see {@link DecayMode}). */
  decay: DecayMode
  /** The learning-rate schedule (cosine: torch's CosineAnnealingLR(T_max = epochs, eta_min = 0), per epoch). */
  schedule: Schedule
}

/**
 * A resolved config: the experiment's keys, and the keys of {@link EXTRA_RULES} when they were
 * given (so the seed experiment's config is exactly as before).
 */
export interface RunConfig extends ExperimentConfig {
  /**
   * Centre each feature on the training rows and scale it to unit population standard deviation
   * before training or solving; w and b are reported in the original units. Off when absent.
   */
  standardize?: boolean
}

/** The seed experiment (Dive into Deep Learning, "Weight Decay"), λ = 0. */
export const DEFAULT_CONFIG: Readonly<ExperimentConfig> = Object.freeze({
  numInputs: 200,
  nTrain: 20,
  nTest: 100,
  trueW: 0.01,
  trueB: 0.05,
  noiseStd: 0.01,
  initStd: 1,
  batchSize: 5,
  epochs: 100,
  lr: 0.003,
  lambda: 0,
  penalty: 'l2',
  l1Ratio: 0.5,
  evalEvery: 5,
  shuffle: true,
  dtype: 'float32',
  seed: 'weight-decay',
  optimizer: 'sgd',
  momentum: 0,
  nesterov: false,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  decay: 'coupled',
  schedule: 'constant',
})

/** Largest size accepted for any one count (examples, features, epochs). */
export const MAX_COUNT = 2 ** 30

/** The allowed values of a numeric config key. */
export interface NumberRule {
  /** Marks a numeric key. */
  kind: 'number'
  /** Whether only integers are allowed. */
  integer?: boolean
  /** The smallest allowed value (see `minExclusive`). */
  min: number
  /** The largest allowed value. */
  max: number
  /** Whether `min` itself is excluded. */
  minExclusive?: boolean
  /** Whether `max` itself is excluded. */
  maxExclusive?: boolean
}
/** The allowed values of a choice key. */
export interface ChoiceRule {
  /** Marks a choice key. */
  kind: 'choice'
  /** The allowed values. */
  choices: readonly string[]
}
/** A boolean key. */
export interface BooleanRule {
  /** Marks a boolean key. */
  kind: 'boolean'
}
/** The seed key. */
export interface SeedRule {
  /** Marks the seed key (any string or safe integer). */
  kind: 'seed'
}
/** The allowed values of one config key, as used by {@link checkValue} and {@link describeRule}. */
export type Rule = NumberRule | ChoiceRule | BooleanRule | SeedRule

const count = (min: number): NumberRule => ({ kind: 'number', integer: true, min, max: MAX_COUNT })
const real = (min: number, max = Number.MAX_VALUE): NumberRule => ({ kind: 'number', min, max })

/** The allowed values of every config key. */
export const CONFIG_RULES: { readonly [K in keyof ExperimentConfig]: Rule } = {
  numInputs: count(1),
  nTrain: count(1),
  nTest: count(1),
  trueW: real(-1e6, 1e6),
  trueB: real(-1e6, 1e6),
  noiseStd: real(0, 1e6),
  initStd: real(0, 1e6),
  batchSize: count(1),
  epochs: count(0),
  lr: { kind: 'number', min: 0, max: 1e6, minExclusive: true },
  lambda: real(0, 1e12),
  penalty: { kind: 'choice', choices: ['l2', 'l1', 'elastic'] },
  l1Ratio: real(0, 1),
  evalEvery: count(1),
  shuffle: { kind: 'boolean' },
  dtype: { kind: 'choice', choices: ['float32', 'float64'] },
  seed: { kind: 'seed' },
  optimizer: { kind: 'choice', choices: ['sgd', 'adam'] },
  momentum: { kind: 'number', min: 0, max: 1, maxExclusive: true },
  nesterov: { kind: 'boolean' },
  beta1: { kind: 'number', min: 0, max: 1, maxExclusive: true },
  beta2: { kind: 'number', min: 0, max: 1, maxExclusive: true },
  eps: { kind: 'number', min: 0, max: 1e6, minExclusive: true },
  decay: { kind: 'choice', choices: ['coupled', 'decoupled', 'independent'] },
  schedule: { kind: 'choice', choices: ['constant', 'cosine'] },
}

/** Keys validated like the config's but optional, with no default: they appear in a resolved config only when given. */
export const EXTRA_RULES: { readonly [K in keyof Omit<RunConfig, keyof ExperimentConfig>]-?: Rule } = {
  standardize: { kind: 'boolean' },
}

/** The longest string seed accepted, in UTF-16 units. */
export const MAX_SEED_LENGTH = 10_000

/** A range bound as people read it: 2^30, 1e6, 1e12, else the plain number. */
function formatBound(x: number): string {
  if (x === MAX_COUNT) return '2^30'
  const exponent = Math.log10(Math.abs(x))
  if (Math.abs(x) >= 1e6 && Number.isInteger(exponent)) return `${x < 0 ? '-' : ''}1e${exponent}`
  return String(x)
}

/** Words of the allowed range of a rule, for messages and help. */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'number': {
      const what = rule.integer ? 'an integer' : 'a number'
      const [min, max] = [formatBound(rule.min), formatBound(rule.max)]
      if (rule.maxExclusive) return `${what} ${rule.minExclusive ? 'greater than' : 'from'} ${min} to less than ${max}`
      return rule.minExclusive ? `${what} greater than ${min} up to ${max}` : `${what} from ${min} to ${max}`
    }
    case 'choice':
      return `one of ${rule.choices.map((c) => JSON.stringify(c)).join(', ')}`
    case 'boolean':
      return 'true or false'
    case 'seed':
      return `a string of at most ${MAX_SEED_LENGTH} characters or a safe integer`
  }
}

/** Checks one config value against its rule; throws a {@link ConfigError} naming key, value and range. */
export function checkValue(key: string, rule: Rule, value: unknown): void {
  const fail = (): never => {
    throw new ConfigError(key, value, `${key} must be ${describeRule(rule)}; got ${describeValue(value)}`)
  }
  switch (rule.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail()
      else if (rule.integer && !Number.isInteger(value)) fail()
      else if (rule.minExclusive ? value <= rule.min : value < rule.min) fail()
      else if (rule.maxExclusive ? value >= rule.max : value > rule.max) fail()
      return
    case 'choice':
      if (typeof value !== 'string' || !rule.choices.includes(value)) fail()
      return
    case 'boolean':
      if (typeof value !== 'boolean') fail()
      return
    case 'seed':
      if (typeof value === 'string' ? value.length > MAX_SEED_LENGTH : !Number.isSafeInteger(value)) fail()
      return
  }
}

/** Edit distance, to suggest the key a typo meant. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost))
    }
    prev = row
  }
  return prev[b.length]!
}

/** The known key closest to `key`, when it is close enough to be a typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  // Long input is no typo of a short key (and would cost length² to compare).
  if (key.length > 64) return undefined
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined
}

/** Throws for a key not in `known`, suggesting the nearest known one; `prefix` names the enclosing key (e.g. `init.`). */
export function rejectUnknownKeys(input: object, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(input)) {
    if (known.includes(key)) continue
    const guess = suggestKey(key, known)
    const hint = guess ? `; did you mean ${prefix}${guess}?` : `; known keys: ${known.map((k) => prefix + k).join(', ')}`
    throw new ConfigError(prefix + key, (input as Record<string, unknown>)[key], `unknown config key ${JSON.stringify(prefix + key)}${hint}`)
  }
}

/** Fills defaults into `input` and validates every experiment key it has (and the extra keys it gives). */
export function resolveExperiment(input: Partial<RunConfig>): RunConfig {
  const config = { ...DEFAULT_CONFIG } as RunConfig
  const rules: Record<string, Rule> = { ...CONFIG_RULES, ...EXTRA_RULES }
  for (const key of Object.keys(rules)) {
    const value = (input as Record<string, unknown>)[key]
    if (value === undefined) continue
    checkValue(key, rules[key]!, value)
    ;(config as unknown as Record<string, unknown>)[key] = value
  }
  checkCombination(config)
  return config
}

/** Checks rules that span keys (after each key passed its own rule), as torch.optim.SGD does. */
export function checkCombination(config: Pick<ExperimentConfig, 'optimizer' | 'momentum' | 'nesterov'>): void {
  if (config.optimizer === 'sgd' && config.nesterov && config.momentum === 0) {
    throw new ConfigError('nesterov', true, 'nesterov needs momentum greater than 0 (as in torch.optim.SGD); got momentum = 0')
  }
}

/** The per-example penalty weights (λ1 on ‖w‖₁, λ2 on ½‖w‖²) that `penalty`, λ and ρ mean. */
export function penaltyWeights(config: Pick<ExperimentConfig, 'penalty' | 'lambda' | 'l1Ratio'>): {
  lambda1: number
  lambda2: number
} {
  switch (config.penalty) {
    case 'l2':
      return { lambda1: 0, lambda2: config.lambda }
    case 'l1':
      return { lambda1: config.lambda, lambda2: 0 }
    case 'elastic':
      return { lambda1: config.l1Ratio * config.lambda, lambda2: (1 - config.l1Ratio) * config.lambda }
  }
}
