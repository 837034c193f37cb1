import { CONFIG_RULES, checkValue, MAX_COUNT, type RunConfig, type Seed } from './config.js'
import type { Core } from './core.js'
import type { Dataset } from './data.js'
import { ConfigError, describeValue } from './errors.js'
import { checkFits } from './limits.js'
import { OptimumSolver, solverBytes } from './optimum.js'
import { RIDGE_PATH_MIN } from './ridge.js'
import { checkSolverMagnitudes } from './magnitude.js'
import { readOptions, resolveTrainOptions, type TrainOptions } from './options.js'
import { Problem, type ProblemSpec } from './problem.js'
import { mean, spread, type Spread } from './stats.js'
import { Trainer } from './trainer.js'

/** How many seeds, or which: a count n means the config's seed and n − 1 seeds derived from it. */
export type SeedsOption = number | readonly Seed[]

/** What `engine.sweep` takes: a config (its `lambda` is ignored), the λ values and the seeds. */
export interface SweepOptions extends Omit<TrainOptions, 'onEval'> {
  /** The λ values, one row each, in this order. */
  lambdas: readonly number[]
  /** Seeds to average over (default 8). */
  seeds?: SeedsOption
  /** Synthetic data: validation examples drawn after everything else (default 100; 0 for none). */
  nValid?: number
  /** Caller data: the share of training rows held out, per seed, to choose λ (default 0.2; 0 for none). */
  validFraction?: number
}

/** One λ of a sweep. Spreads are over the seeds whose run did not diverge (null if none). */
export interface SweepRow {
  /** The penalty weight of this row. */
  lambda: number
  /** Final training loss of SGD over seeds (null if every seed diverged). */
  trainLoss: Spread | null
  /** Final test loss of SGD over seeds (null if every seed diverged). */
  testLoss: Spread | null
  /** Final ‖w‖ of SGD over seeds (null if every seed diverged). */
  wNorm: Spread | null
  /** Present when the sweep has a validation set. */
  validLoss?: Spread | null
  /** Seeds whose SGD run diverged at this λ. */
  diverged: number
  /** The exact optimum of the penalized objective, averaged over seeds. */
  optimum: { trainLoss: number; testLoss: number; wNorm: number; validLoss?: number }
}

/** The regularization path. */
export interface SweepResult {
  /** The resolved config of every run (λ aside). */
  config: RunConfig
  /** The seeds, in order. */
  seeds: Seed[]
  /** One row per λ, in the order given. */
  rows: SweepRow[]
  /** The λ with the lowest mean validation loss of SGD (null without a validation set). */
  best: { lambda: number; by: 'validation' } | null
  /** The λ with the lowest mean validation loss of the exact optimum (null without a validation set). */
  bestOptimum: { lambda: number; by: 'optimum-validation' } | null
}

/** A sweep fully resolved and validated: plain data, safe to post to a worker. */
export interface SweepPlan {
  config: RunConfig
  data?: Dataset
  init?: { w: Float64Array; b: number }
  lambdas: number[]
  seeds: Seed[]
  nValid: number
  validFraction: number
}

/** The finals of one (seed, λ): SGD's and the optimum's. */
export interface SweepUnit {
  seedIndex: number
  lambdaIndex: number
  sgd: { trainLoss: number; testLoss: number; validLoss: number; wNorm: number; diverged: boolean }
  optimum: { trainLoss: number; testLoss: number; validLoss: number; wNorm: number }
}

/** A slice of a sweep: one seed, the λ with indices in [from, to). */
export interface SweepTask {
  seedIndex: number
  from: number
  to: number
}

/** The most seeds or λ values one sweep may have. */
export const MAX_SWEEP_VALUES = 10_000
/** Default number of seeds in sweeps and `trainSeeds`. */
export const DEFAULT_SEEDS = 8
/** Default validation examples for synthetic data. */
export const DEFAULT_N_VALID = 100
/** Default share of caller rows held out for validation. */
export const DEFAULT_VALID_FRACTION = 0.2

/** The seeds a seeds option means: n → [seed, `${seed}#1`, …, `${seed}#${n − 1}`]. */
export function seedList(base: Seed, seeds: unknown, key = 'seeds'): Seed[] {
  if (typeof seeds === 'number') {
    if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SWEEP_VALUES) {
      throw new ConfigError(key, seeds, `${key} must be an integer from 1 to ${MAX_SWEEP_VALUES} or a list of seeds; got ${describeValue(seeds)}`)
    }
    return Array.from({ length: seeds }, (_, i) => (i === 0 ? base : `${base}#${i}`))
  }
  if (!Array.isArray(seeds) || seeds.length === 0 || seeds.length > MAX_SWEEP_VALUES) {
    throw new ConfigError(key, seeds, `${key} must be an integer from 1 to ${MAX_SWEEP_VALUES} or a non-empty list of at most ${MAX_SWEEP_VALUES} seeds; got ${describeValue(seeds)}`)
  }
  // Copied before the checks (what is checked is what runs); an index loop, so a hole is refused, not skipped.
  const list = seeds.slice() as unknown[]
  for (let i = 0; i < list.length; i++) checkValue(`${key}[${i}]`, CONFIG_RULES.seed, list[i])
  return list as Seed[]
}

/** Validates sweep options into a plan; throws ConfigError before any work. */
export function resolveSweep(options: unknown): SweepPlan {
  // One snapshot for every check below (each option read once).
  const input = readOptions(options) as unknown as SweepOptions
  const spec = resolveTrainOptions(input, ['lambdas', 'seeds', 'nValid', 'validFraction'], ['onEval'])
  const given = input.lambdas as unknown
  if (!Array.isArray(given) || given.length === 0 || given.length > MAX_SWEEP_VALUES) {
    throw new ConfigError('lambdas', given, `lambdas must be a non-empty array of at most ${MAX_SWEEP_VALUES} values of λ; got ${describeValue(given)}`)
  }
  // Copied before the checks: what is checked is what runs.
  const lambdas = given.slice() as unknown[]
  for (let i = 0; i < lambdas.length; i++) checkValue(`lambdas[${i}]`, CONFIG_RULES.lambda, lambdas[i])
  const seeds = seedList(spec.config.seed, input.seeds ?? DEFAULT_SEEDS)
  let nValid = 0
  let validFraction = 0
  if (spec.data) {
    if (input.nValid !== undefined) {
      throw new ConfigError('nValid', input.nValid, 'nValid applies to synthetic data; with your own data use validFraction')
    }
    validFraction = input.validFraction ?? DEFAULT_VALID_FRACTION
    checkValue('validFraction', { kind: 'number', min: 0, max: 0.9 }, validFraction)
  } else {
    if (input.validFraction !== undefined) {
      throw new ConfigError('validFraction', input.validFraction, 'validFraction applies to your own data; with synthetic data use nValid')
    }
    nValid = input.nValid ?? DEFAULT_N_VALID
    checkValue('nValid', { kind: 'number', integer: true, min: 0, max: MAX_COUNT }, nValid)
  }
  const { config } = spec
  const bytesPerValue = config.dtype === 'float32' ? 4 : 8
  const shape = { numInputs: config.numInputs, nTrain: config.nTrain, nTest: config.nTest, nValid, bytesPerValue } as const
  checkFits(shape, (which) => (spec.data ? 'data' : which), solverBytes(config.numInputs, config.nTrain, config.penalty !== 'l2'), 'the sweep with its exact optima')
  const plan: SweepPlan = { config, lambdas: lambdas as number[], seeds, nValid, validFraction }
  checkSolverMagnitudes(spec.data, config.dtype)
  if (spec.data) plan.data = spec.data
  if (spec.init) plan.init = spec.init
  return plan
}

/** Splits a sweep into tasks: each seed's λ range cut into `chunksPerSeed` contiguous pieces. */
export function sweepTasks(plan: Pick<SweepPlan, 'seeds' | 'lambdas'>, chunksPerSeed = 1): SweepTask[] {
  const tasks: SweepTask[] = []
  const chunks = Math.max(1, Math.min(chunksPerSeed, plan.lambdas.length))
  for (let seedIndex = 0; seedIndex < plan.seeds.length; seedIndex++) {
    for (let c = 0; c < chunks; c++) {
      const from = Math.floor((c * plan.lambdas.length) / chunks)
      const to = Math.floor(((c + 1) * plan.lambdas.length) / chunks)
      if (to > from) tasks.push({ seedIndex, from, to })
    }
  }
  return tasks
}

/** How many of `nTrain` caller rows a validation share holds out (always leaving one to train on). */
function heldOutRows(nTrain: number, fraction: number): number {
  return Math.max(0, Math.min(nTrain - 1, Math.round(fraction * nTrain)))
}

/** The seed's training and validation rows of caller data: a seeded share held out. */
function splitForValidation(core: Core, data: Dataset, fraction: number, seed: Seed): Dataset {
  const nValid = heldOutRows(data.nTrain, fraction)
  if (nValid === 0) return data
  const n = data.nTrain
  const d = data.numInputs
  // A stream of its own, so the held-out rows do not correlate with the run's initial weights.
  const rng = core.alloc(core.rngStateBytes)
  let perm = 0
  let order: Int32Array
  try {
    perm = core.alloc(n * 4)
    core.seed(rng, `${seed}/validation`)
    core.exports.identity(perm, n)
    core.exports.shuffle(rng, perm, n)
    order = Int32Array.from(core.i32(perm, n))
  } finally {
    if (perm) core.exports.free(perm)
    core.exports.free(rng)
  }
  const held = Int32Array.from(order.subarray(0, nValid)).sort()
  const kept = Int32Array.from(order.subarray(nValid)).sort()
  const rows = (idx: Int32Array) => {
    const x = new Float64Array(idx.length * d)
    const y = new Float64Array(idx.length)
    idx.forEach((r, i) => {
      x.set(data.xTrain.subarray(r * d, (r + 1) * d), i * d)
      y[i] = data.yTrain[r]!
    })
    return { x, y }
  }
  const train = rows(kept)
  const valid = rows(held)
  return { ...data, nTrain: kept.length, xTrain: train.x, yTrain: train.y, nValid, xValid: valid.x, yValid: valid.y }
}

/** @internal Runs one task: per λ, SGD from the seed's common start to the end, and the exact optimum. */
export function runSweepTask(core: Core, plan: SweepPlan, task: SweepTask, onUnit?: () => void): SweepUnit[] {
  const seed = plan.seeds[task.seedIndex]!
  // Finals only: no history points, so the run evaluates once, at the end.
  const config: RunConfig = { ...plan.config, seed, evalEvery: MAX_COUNT }
  const spec: ProblemSpec = { config }
  if (plan.data) {
    spec.data = splitForValidation(core, plan.data, plan.validFraction, seed)
    config.nTrain = spec.data.nTrain
  } else {
    spec.nValid = plan.nValid
  }
  if (plan.init) spec.init = plan.init
  const problem = new Problem(core, spec)
  let solver: OptimumSolver | undefined
  const units: SweepUnit[] = []
  try {
    solver = new OptimumSolver(problem, { path: plan.lambdas.length >= RIDGE_PATH_MIN })
    const trainer = new Trainer(problem, config, 0)
    for (let i = task.from; i < task.to; i++) {
      const lambda = plan.lambdas[i]!
      trainer.reset()
      trainer.update({ lambda })
      trainer.step()
      const losses = trainer.losses()
      const wNorm = trainer.wNorm()
      // Without a test set (nTest = 0) the test loss is NaN by definition.
      const finite = [losses.trainLoss, config.nTest > 0 ? losses.testLoss : 0, losses.validLoss ?? 0, wNorm].every(Number.isFinite)
      const optimum = problem.originalOptimum(solver.solve({ penalty: config.penalty, lambda, l1Ratio: config.l1Ratio }))
      units.push({
        seedIndex: task.seedIndex,
        lambdaIndex: i,
        sgd: { ...losses, validLoss: losses.validLoss ?? NaN, wNorm, diverged: trainer.diverged !== null || !finite },
        optimum: { trainLoss: optimum.trainLoss, testLoss: optimum.testLoss, validLoss: optimum.validLoss ?? NaN, wNorm: optimum.wNorm },
      })
      onUnit?.()
    }
  } finally {
    solver?.dispose()
    problem.dispose()
  }
  return units
}

/** Rows per λ (means and spreads over seeds) and the λ that validation picks. */
export function aggregateSweep(plan: SweepPlan, units: readonly SweepUnit[]): SweepResult {
  const hasValidation = plan.data ? heldOutRows(plan.data.nTrain, plan.validFraction) > 0 : plan.nValid > 0
  const rows: SweepRow[] = plan.lambdas.map((lambda, i) => {
    const all = units.filter((u) => u.lambdaIndex === i)
    const ok = all.filter((u) => !u.sgd.diverged)
    const row: SweepRow = {
      lambda,
      trainLoss: spread(ok.map((u) => u.sgd.trainLoss)),
      testLoss: spread(ok.map((u) => u.sgd.testLoss)),
      wNorm: spread(ok.map((u) => u.sgd.wNorm)),
      diverged: all.length - ok.length,
      optimum: {
        trainLoss: mean(all.map((u) => u.optimum.trainLoss))!,
        testLoss: mean(all.map((u) => u.optimum.testLoss))!,
        wNorm: mean(all.map((u) => u.optimum.wNorm))!,
      },
    }
    if (hasValidation) {
      row.validLoss = spread(ok.map((u) => u.sgd.validLoss))
      row.optimum.validLoss = mean(all.map((u) => u.optimum.validLoss))!
    }
    return row
  })
  let best: SweepResult['best'] = null
  if (hasValidation) {
    let lowest = Infinity
    for (const row of rows) {
      // Only λ at which every seed converged compete: a mean over fewer seeds is not comparable.
      if (row.diverged === 0 && row.validLoss && row.validLoss.mean < lowest) {
        lowest = row.validLoss.mean
        best = { lambda: row.lambda, by: 'validation' }
      }
    }
  }
  let bestOptimum: SweepResult['bestOptimum'] = null
  if (hasValidation) {
    let lowest = Infinity
    for (const row of rows) {
      const v = row.optimum.validLoss
      if (v !== undefined && Number.isFinite(v) && v < lowest) {
        lowest = v
        bestOptimum = { lambda: row.lambda, by: 'optimum-validation' }
      }
    }
  }
  return { config: { ...plan.config }, seeds: plan.seeds.slice(), rows, best, bestOptimum }
}
