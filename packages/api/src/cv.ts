import { CONFIG_RULES, checkValue, MAX_COUNT, type RunConfig } from './config.js'
import type { Core } from './core.js'
import type { Dataset } from './data.js'
import { ConfigError, describeValue } from './errors.js'
import { checkFits } from './limits.js'
import { OptimumSolver, solverBytes } from './optimum.js'
import { readOptions, resolveTrainOptions, type TrainOptions } from './options.js'
import { Problem, type ProblemSpec } from './problem.js'
import { MAX_SWEEP_VALUES } from './sweep.js'
import { Trainer } from './trainer.js'

/** What `engine.cv` takes: a config (its `lambda` is ignored), the λ grid and the folds. */
export interface CvOptions extends Omit<TrainOptions, 'onEval'> {
  /** The λ values, one row each, in this order. */
  lambdas: readonly number[]
  /**
   * K folds (2 … rows, assigned by a permutation seeded from `seed`), `'loo'` (one row per
   * fold), or the fold (0 … K − 1) of every training row, as cv.glmnet's `foldid`.
   */
  folds: number | 'loo' | readonly number[]
  /** Fit each fold by the exact optimum (default) or by SGD with the config's settings. */
  by?: 'optimum' | 'sgd'
}

/** One λ of a cross-validation: mean and standard error, over folds, of the held-out mean ½ r². */
export interface CvRow {
  /** The penalty weight. */
  lambda: number
  /** Mean over folds of each fold's held-out mean ½r². */
  mean: number
  /** Standard error of that mean: the folds' sample standard deviation / √folds. */
  se: number
}

/** The cross-validation curve and the two usual choices of λ. */
export interface CvResult {
  /** The resolved config, with the number of folds and how each was fitted. */
  config: RunConfig & { folds: number | 'loo'; by: 'optimum' | 'sgd'; nRows: number; method: 'k-fold' | 'exact-loo' }
  /** One row per λ, in the order given. */
  rows: CvRow[]
  /** `min`: the λ of lowest mean; `oneSe`: the largest λ whose mean is within one SE of that (cv.glmnet's lambda.min and lambda.1se); null if no mean is finite. */
  best: { min: number; oneSe: number } | null
}

/** A cross-validation fully resolved: plain data. */
export interface CvPlan {
  config: RunConfig
  lambdas: number[]
  /** Fold of each training row; K folds. */
  foldOf: Int32Array
  k: number
  loo: boolean
  by: 'optimum' | 'sgd'
  data?: Dataset
  init?: { w: Float64Array; b: number }
}

/** Validates cv options; the fold assignment is made later (it needs the core's generator). */
export function resolveCv(options: unknown): Omit<CvPlan, 'foldOf' | 'k'> & { folds: CvOptions['folds'] } {
  // One snapshot: every option is read once, for the checks and the run.
  const input = readOptions(options) as unknown as CvOptions
  const spec = resolveTrainOptions(input, ['lambdas', 'folds', 'by'], ['onEval'])
  const lambdas = input.lambdas as unknown
  if (!Array.isArray(lambdas) || lambdas.length === 0 || lambdas.length > MAX_SWEEP_VALUES) {
    throw new ConfigError('lambdas', lambdas, `lambdas must be a non-empty array of at most ${MAX_SWEEP_VALUES} values of λ; got ${describeValue(lambdas)}`)
  }
  for (let i = 0; i < lambdas.length; i++) checkValue(`lambdas[${i}]`, CONFIG_RULES.lambda, lambdas[i])
  const by = input.by ?? 'optimum'
  checkValue('by', { kind: 'choice', choices: ['optimum', 'sgd'] }, by)
  const n = spec.config.nTrain
  const folds = input.folds as unknown
  if (folds === 'loo') {
    if (n < 3) throw new ConfigError('folds', folds, `leave-one-out needs at least 3 training rows; got ${n}`)
  } else if (typeof folds === 'number') {
    if (n < 2) throw new ConfigError('folds', folds, `cross-validation needs at least 2 training rows; got ${n}`)
    checkValue('folds', { kind: 'number', integer: true, min: 2, max: n }, folds)
  } else if (Array.isArray(folds)) {
    if (folds.length !== n) throw new ConfigError('folds', folds, `folds as a list must give the fold of each of the ${n} training rows; got ${folds.length} entries`)
    let k = 0
    for (let i = 0; i < n; i++) {
      checkValue(`folds[${i}]`, { kind: 'number', integer: true, min: 0, max: n - 1 }, folds[i])
      k = Math.max(k, (folds[i] as number) + 1)
    }
    const seen = new Set(folds as number[])
    if (k < 2 || seen.size !== k) throw new ConfigError('folds', folds, `folds as a list must use every fold 0 … K − 1 with K ≥ 2; got ${seen.size} distinct of 0 … ${k - 1}`)
  } else {
    throw new ConfigError('folds', folds, `folds must be a number of folds from 2 to ${n}, "loo", or the fold of each training row; got ${describeValue(folds)}`)
  }
  const { config } = spec
  const bytesPerValue = config.dtype === 'float32' ? 4 : 8
  // Each fold is a problem of the training rows (held-out rows as its test set) and a solver.
  // Exact leave-one-out also holds an n × min(n, d) basis.
  const looBytes = folds === 'loo' ? 8 * n * Math.min(n, config.numInputs) : 0
  checkFits({ numInputs: config.numInputs, nTrain: n, nTest: n, nValid: 0, bytesPerValue }, (which) => (spec.data ? 'data' : which), 2 * solverBytes(config.numInputs, n, config.penalty !== 'l2') + looBytes, 'the cross-validation')
  const plan: Omit<CvPlan, 'foldOf' | 'k'> & { folds: CvOptions['folds'] } = { config, lambdas: lambdas.slice(), by, loo: folds === 'loo', folds: folds as CvOptions['folds'] }
  if (spec.data) plan.data = spec.data
  if (spec.init) plan.init = spec.init
  return plan
}

/** The training rows of the plan: the caller's, or the seed's synthetic ones. */
function trainingRows(core: Core, config: RunConfig, data: Dataset | undefined): { x: Float64Array; y: Float64Array } {
  if (data) return { x: data.xTrain, y: data.yTrain }
  const { standardize: _standardize, ...raw } = config
  const problem = new Problem(core, { config: raw })
  try {
    const k = problem.kernels
    return { x: Float64Array.from(k.view(problem.ptr.xTrain, problem.nTrain * problem.d)), y: Float64Array.from(k.view(problem.ptr.yTrain, problem.nTrain)) }
  } finally {
    problem.dispose()
  }
}

/** Fold of each row: a permutation seeded from `${seed}/folds`, cut into K nearly equal parts. */
function assignFolds(core: Core, n: number, k: number, seed: RunConfig['seed']): Int32Array {
  const rng = core.alloc(core.rngStateBytes)
  const perm = core.alloc(n * 4)
  const foldOf = new Int32Array(n)
  try {
    core.seed(rng, `${seed}/folds`)
    core.exports.identity(perm, n)
    core.exports.shuffle(rng, perm, n)
    const order = core.i32(perm, n)
    for (let i = 0; i < n; i++) foldOf[order[i]!] = Math.floor((i * k) / n)
  } finally {
    core.exports.free(perm)
    core.exports.free(rng)
  }
  return foldOf
}

/** Mean and standard error (sample standard deviation / √count) of finite-or-not values. */
function meanSe(values: readonly number[]): { mean: number; se: number } {
  const n = values.length
  const mean = values.reduce((a, v) => a + v, 0) / n
  if (!Number.isFinite(mean) || n < 2) return { mean, se: n < 2 ? 0 : NaN }
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0)
  return { mean, se: Math.sqrt(ss / (n - 1) / n) }
}

/** lambda.min and lambda.1se of the rows (finite means only). */
export function chooseLambda(rows: readonly CvRow[]): CvResult['best'] {
  let min: CvRow | undefined
  for (const r of rows) if (Number.isFinite(r.mean) && (!min || r.mean < min.mean)) min = r
  if (!min) return null
  const limit = min.mean + (Number.isFinite(min.se) ? min.se : 0)
  let oneSe = min.lambda
  for (const r of rows) if (Number.isFinite(r.mean) && r.mean <= limit && r.lambda > oneSe) oneSe = r.lambda
  return { min: min.lambda, oneSe }
}

/** Whether a plan is l2 leave-one-out by the exact optimum: one decomposition for the whole grid. */
export function isExactLoo(plan: ReturnType<typeof resolveCv>): boolean {
  return plan.loo && plan.by === 'optimum' && plan.config.penalty === 'l2'
}

/** The number of folds of a plan. */
export function foldCount(plan: ReturnType<typeof resolveCv>): number {
  if (Array.isArray(plan.folds)) return Math.max(...(plan.folds as number[])) + 1
  return plan.loo ? plan.config.nTrain : (plan.folds as number)
}

/** The plan's rows and the fold of each. */
function prepare(core: Core, plan: ReturnType<typeof resolveCv>): { rows: { x: Float64Array; y: Float64Array }; foldOf: Int32Array } {
  const rows = trainingRows(core, plan.config, plan.data)
  const n = rows.y.length
  const k = foldCount(plan)
  let foldOf: Int32Array
  if (Array.isArray(plan.folds)) foldOf = Int32Array.from(plan.folds as number[])
  else foldOf = plan.loo ? Int32Array.from({ length: n }, (_, i) => i) : assignFolds(core, n, k, plan.config.seed)
  return { rows, foldOf }
}

/** Runs a cross-validation on one core. */
export function runCv(core: Core, options: CvOptions): CvResult {
  const plan = resolveCv(options)
  if (isExactLoo(plan)) return runCvTask(core, options, -1) as CvResult
  const { rows, foldOf } = prepare(core, plan)
  const losses = Array.from({ length: foldCount(plan) }, (_, f) => fitFold(core, plan, rows, foldOf, f))
  return aggregateCv(plan, losses)
}

/**
 * One task of a cross-validation (for the worker pool): fold `fold`'s held-out loss at every λ,
 * or, with fold −1 on an exact leave-one-out plan, the whole result.
 */
export function runCvTask(core: Core, options: CvOptions, fold: number): number[] | CvResult {
  const plan = resolveCv(options)
  if (fold < 0) {
    const rows = trainingRows(core, plan.config, plan.data)
    const result = exactLooRows(core, plan.config, rows, plan.lambdas)
    return finish(plan, plan.lambdas.map((lambda, l) => ({ lambda, mean: result[2 * l]!, se: result[2 * l + 1]! })), rows.y.length, 'exact-loo')
  }
  const { rows, foldOf } = prepare(core, plan)
  return fitFold(core, plan, rows, foldOf, fold)
}

/** Rows of mean and SE over folds from each fold's losses (losses[f][l]). */
export function aggregateCv(plan: ReturnType<typeof resolveCv>, losses: readonly number[][]): CvResult {
  return finish(plan, plan.lambdas.map((lambda, l) => ({ lambda, ...meanSe(losses.map((fold) => fold[l]!)) })), plan.config.nTrain, 'k-fold')
}

/** Fold f held out: its loss at every λ, by the exact optimum or by SGD. */
function fitFold(core: Core, plan: ReturnType<typeof resolveCv>, rows: { x: Float64Array; y: Float64Array }, foldOf: Int32Array, f: number): number[] {
  const { config, lambdas, by } = plan
  const data = foldData(rows, foldOf, f, config.numInputs)
  const foldConfig: RunConfig = { ...config, nTrain: data.nTrain, nTest: data.nTest, evalEvery: MAX_COUNT }
  const spec: ProblemSpec = { config: foldConfig, data }
  if (plan.init) spec.init = plan.init
  const problem = new Problem(core, spec)
  let solver: OptimumSolver | undefined
  try {
    if (by === 'optimum') {
      solver = new OptimumSolver(problem)
      return lambdas.map((lambda) => solver!.solve({ penalty: config.penalty, lambda, l1Ratio: config.l1Ratio }).testLoss)
    }
    const trainer = new Trainer(problem, foldConfig, 0)
    return lambdas.map((lambda) => {
      trainer.reset()
      trainer.update({ lambda })
      trainer.step()
      const loss = trainer.losses().testLoss
      return trainer.diverged === null && Number.isFinite(loss) ? loss : Infinity
    })
  } finally {
    solver?.dispose()
    problem.dispose()
  }
}

function finish(plan: ReturnType<typeof resolveCv>, rows: CvRow[], n: number, method: 'k-fold' | 'exact-loo'): CvResult {
  const folds = plan.loo ? 'loo' : Array.isArray(plan.folds) ? Math.max(...(plan.folds as number[])) + 1 : (plan.folds as number)
  return { config: { ...plan.config, folds, by: plan.by, nRows: n, method }, rows, best: chooseLambda(rows) }
}

/** Fold `f` held out: the other rows to train on, fold f's rows as the test set, each in row order. */
function foldData(rows: { x: Float64Array; y: Float64Array }, foldOf: Int32Array, f: number, d: number): Dataset {
  let nTest = 0
  for (const g of foldOf) if (g === f) nTest++
  const nTrain = foldOf.length - nTest
  const xTrain = new Float64Array(nTrain * d)
  const yTrain = new Float64Array(nTrain)
  const xTest = new Float64Array(nTest * d)
  const yTest = new Float64Array(nTest)
  let a = 0
  let b = 0
  foldOf.forEach((g, i) => {
    const row = rows.x.subarray(i * d, (i + 1) * d)
    if (g === f) {
      xTest.set(row, b * d)
      yTest[b++] = rows.y[i]!
    } else {
      xTrain.set(row, a * d)
      yTrain[a++] = rows.y[i]!
    }
  })
  return { numInputs: d, nTrain, nTest, xTrain, yTrain, xTest, yTest }
}

/**
 * Exact leave-one-out for l2 over the whole grid from one eigendecomposition (as RidgeCV does).
 * With `standardize`, the features are standardized once on all rows (as a scaler fitted before
 * RidgeCV), not again without each row.
 */
function exactLooRows(core: Core, config: RunConfig, rows: { x: Float64Array; y: Float64Array }, lambdas: number[]): Float64Array {
  const n = rows.y.length
  const d = config.numInputs
  const data: Dataset = { numInputs: d, nTrain: n, nTest: 0, xTrain: rows.x, yTrain: rows.y, xTest: new Float64Array(0), yTest: new Float64Array(0) }
  const problem = new Problem(core, { config: { ...config, nTrain: n, nTest: 0 }, data })
  try {
    return core.withBlocks((alloc) => {
      const m = Math.min(n, d)
      const k = problem.kernels
      const xmean = alloc(d * 8)
      const grid = alloc(lambdas.length * 8)
      const gram = alloc(m * m * 8)
      const eig = alloc(m * 8)
      const u = alloc(n * m * 8)
      const s = alloc(m * 8)
      const work = alloc(Math.max(n, d) * 8)
      const out = alloc(lambdas.length * 16)
      core.f64(grid, lambdas.length).set(lambdas)
      k.columnMeans(problem.ptr.xTrain, n, d, xmean)
      const ymean = k.vectorMean(problem.ptr.yTrain, n)
      if (!k.ridgeLoo(problem.ptr.xTrain, problem.ptr.yTrain, n, d, xmean, ymean, grid, lambdas.length, gram, eig, u, s, work, out)) {
        throw new Error('the eigendecomposition for exact leave-one-out did not converge')
      }
      return Float64Array.from(core.f64(out, 2 * lambdas.length))
    })
  } finally {
    problem.dispose()
  }
}
