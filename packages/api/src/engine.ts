import type { RunConfig } from './config.js'
import { instantiateCore, type Core } from './core.js'
import { runCv, runCvTask, type CvOptions, type CvResult } from './cv.js'
import type { MatrixInput } from './data.js'
import { checkFits, checkHistory } from './limits.js'
import { runCoefPath, type CoefPath, type CoefPathOptions } from './path.js'
import { loadModel, predictRows, type Model } from './model.js'
import { compileOr, type DefaultWasm } from './load.js'
import { checkSolverMagnitudes } from './magnitude.js'
import type { WasmSource } from './platform.js'
import { OptimumSolver, solverBytes, type Optimum } from './optimum.js'
import { readOptions, resolveTrainOptions, type TrainOptions } from './options.js'
import { Problem, type Standardization } from './problem.js'
import { aggregateSeeds, seedRun, type SeedsResult } from './seeds.js'
import { aggregateSweep, resolveSweep, runSweepTask, seedList, sweepTasks, type SeedsOption, type SweepOptions, type SweepPlan, type SweepResult, type SweepTask, type SweepUnit } from './sweep.js'
import { Trainer, type TrainResult } from './trainer.js'

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /**
   * The core's wasm: a URL, a string, its bytes, or a compiled `WebAssembly.Module`. By default
   * `@weight-decay/api` uses the copy embedded in its JavaScript and `@weight-decay/api/url`
   * loads the `wasm/core.wasm` file shipped beside it. A relative string resolves against the
   * page (`document.baseURI`) in browsers and the working directory in Node, never against
   * this package's folder.
   */
  wasm?: WasmSource
}

/** Progress callback of long work: `done` of `total` units (one unit = one seed at one λ, or one run). */
export type ProgressCallback = (done: number, total: number) => void

/** The result of {@link Engine.solve}: the exact optimum and the config it was solved for. */
export interface SolveResult extends Optimum {
  /** The resolved config the optimum was solved for. */
  config: RunConfig
  /** With `standardize`: the means and scales used (w, b and wNorm are in original units). */
  standardization?: Standardization
}

/**
 * An instance of the core with its own memory. Runs reuse that memory; engines share nothing
 * mutable, so several may live side by side.
 */
export class Engine {
  private readonly core: Core

  /** @internal use {@link createEngine}. */
  constructor(core: Core) {
    this.core = core
  }

  /** Bytes of wasm memory this engine has reserved (it grows to the largest problem, then stays). */
  get memoryBytes(): number {
    return this.core.memoryBytes
  }

  /**
   * Trains one run to the end. Any subset of the config may be given; the rest are
   * {@link DEFAULT_CONFIG}. Throws {@link ConfigError} for invalid input before any work.
   *
   * @example
   * const r = engine.train({ lambda: 3, seed: 'abc' })
   * console.log(r.wNorm, r.history.at(-1))
   */
  train(options: TrainOptions = {}): TrainResult {
    const trainer = this.trainer(options)
    try {
      trainer.step()
      return trainer.result()
    } finally {
      trainer.dispose()
    }
  }

  /**
   * A run that advances on demand (`step`), whose hyperparameters may change between steps
   * (`update`); call `dispose()` when done to release its memory.
   */
  trainer(options: TrainOptions = {}): Trainer {
    const spec = resolveTrainOptions(options)
    checkHistory(spec.config)
    const t0 = globalThis.performance.now()
    const problem = new Problem(this.core, spec)
    const dataMs = globalThis.performance.now() - t0
    return new Trainer(problem, spec.config, dataMs, spec.onEval)
  }

  /**
   * The exact minimizer of mean(½ r²) + λ·P(w) on the config's training data (synthetic from
   * the seed, or `data`), with the bias unpenalized, in f64: closed form for l2, coordinate
   * descent for l1 and elastic net.
   *
   * @example
   * const opt = engine.solve({ lambda: 3 })
   * console.log(opt.wNorm, opt.testLoss, opt.objective)
   */
  solve(options: Omit<TrainOptions, 'onEval'> = {}): SolveResult {
    const spec = resolveTrainOptions(options, [], ['onEval'])
    const c = spec.config
    const shape = { numInputs: c.numInputs, nTrain: c.nTrain, nTest: c.nTest, nValid: 0, bytesPerValue: c.dtype === 'float32' ? 4 : 8 } as const
    checkFits(shape, (which) => (spec.data ? 'data' : which), solverBytes(c.numInputs, c.nTrain, c.penalty !== 'l2'), 'the exact optimum')
    checkSolverMagnitudes(spec.data, c.dtype)
    const problem = new Problem(this.core, spec)
    let solver: OptimumSolver | undefined
    try {
      solver = new OptimumSolver(problem)
      const result: SolveResult = { ...problem.originalOptimum(solver.solve(c)), config: c }
      const standardization = problem.standardization()
      if (standardization) result.standardization = standardization
      return result
    } finally {
      solver?.dispose()
      problem.dispose()
    }
  }

  /**
   * The regularization path: for each λ and each seed, SGD to the end and the exact optimum, on
   * the seed's data from the same initial weights (common random numbers); rows of means and
   * p10–p90 over seeds, and the λ a validation set picks.
   *
   * @example
   * const { rows, best } = engine.sweep({ lambdas: lambdaGrid({ min: 0.01, max: 100, count: 9 }), seeds: 8 })
   */
  sweep(options: SweepOptions, onProgress?: ProgressCallback): SweepResult {
    const plan = resolveSweep(options)
    const tasks = sweepTasks(plan)
    const total = plan.seeds.length * plan.lambdas.length
    let done = 0
    const units = tasks.flatMap((task) => this.sweepTask(plan, task, () => onProgress?.(++done, total)))
    return aggregateSweep(plan, units)
  }

  /**
   * One config over many seeds: per-epoch spreads of train and test loss and the spread of the
   * final ‖w‖, for charts with bands. `seeds` is a count (the config's seed and seeds derived
   * from it) or a list.
   */
  trainSeeds(options: Omit<TrainOptions, 'onEval'>, seeds: SeedsOption, onProgress?: ProgressCallback): SeedsResult {
    // One snapshot (each option read once) for the checks and for every run.
    options = readOptions(options) as typeof options
    const spec = resolveTrainOptions(options, [], ['onEval'])
    const list = seedList(spec.config.seed, seeds)
    checkHistory(spec.config, list.length)
    const results = list.map((seed, i) => {
      const r = seedRun(this.train({ ...options, seed }))
      onProgress?.(i + 1, list.length)
      return r
    })
    return aggregateSeeds(list, results)
  }

  /**
   * K-fold or leave-one-out cross-validation over a λ grid: the mean and standard error of the
   * held-out mean ½ r² per λ, and the λ of lowest mean and the largest within one SE of it.
   * Folds are seeded from `seed`; each fold uses the exact optimum along the whole grid (one
   * factorization per fold for l2), or SGD with `by: 'sgd'`. For l2, `folds: 'loo'` is exact
   * leave-one-out from one decomposition.
   *
   * @example
   * const { best } = engine.cv({ data, lambdas: lambdaGrid({ min: 1e-4, max: 10, count: 21 }), folds: 5 })
   */
  cv(options: CvOptions): CvResult {
    return runCv(this.core, options)
  }

  /**
   * Predictions x·w + b of a model (from {@link makeModel} or {@link loadModel}) for rows in the
   * order of its `featureNames`.
   *
   * @example
   * const yhat = engine.predict(loadModel(readFileSync('model.json', 'utf8')), [[59, 2, 32.1, …]])
   */
  predict(model: Model, rows: MatrixInput): Float64Array {
    return predictRows(this.core, loadModel(model), rows)
  }

  /**
   * The exact optimum's w and b (original units) at each λ of a grid, on the config's training
   * data: glmnet's coefficient path.
   */
  coefPath(options: Omit<TrainOptions, 'onEval'> & { lambdas: readonly number[] }): CoefPath {
    return runCoefPath(this.core, options)
  }

  /** @internal λ[start … end) of a coefficient path (used by the worker pool). */
  coefPathTask(options: CoefPathOptions, start: number, end: number, onLambda?: () => void): CoefPath {
    return runCoefPath(this.core, options, start, end, onLambda)
  }

  /** @internal One fold of a cross-validation (used by the worker pool). */
  cvTask(options: CvOptions, fold: number): number[] | CvResult {
    return runCvTask(this.core, options, fold)
  }

  /** @internal One slice of a sweep (used by {@link Engine.sweep} and the worker pool). */
  sweepTask(plan: SweepPlan, task: SweepTask, onUnit?: () => void): SweepUnit[] {
    return runSweepTask(this.core, plan, task, onUnit)
  }
}

/** @internal Creates an engine from the caller's wasm or the entry point's default. */
export async function openEngine(options: EngineOptions, fallback: DefaultWasm): Promise<Engine> {
  const module = await compileOr(options.wasm, fallback)
  return new Engine(await instantiateCore(module))
}

/** @internal The `predict` of an entry point: on an engine that entry makes on first use. */
export function predictor(make: () => Promise<Engine>): (model: unknown, rows: MatrixInput) => Promise<Float64Array> {
  let engine: Promise<Engine> | undefined
  return async (model, rows) => {
    const m = loadModel(model)
    engine ??= make()
    return (await engine).predict(m, rows)
  }
}
