import { CONFIG_RULES, checkCombination, checkValue, penaltyWeights, rejectUnknownKeys, type ExperimentConfig, type RunConfig } from './config.js'
import { ConfigError, describeValue } from './errors.js'
import { checkHistory } from './limits.js'
import { isPlainSgd, writeOptimSettings } from './optimizer.js'
import type { Problem, Standardization } from './problem.js'
import { predictionsOf, type Predictions } from './predictions.js'
import { readSettings } from './settings.js'

/** The mean losses after one epoch (no penalty in either). */
export interface HistoryPoint {
  /** Epochs completed. */
  epoch: number
  /** Mean ½ r² on the training set. */
  trainLoss: number
  /** Mean ½ r² on the test set. */
  testLoss: number
}

/** Milliseconds spent making the data, training, and evaluating. */
export interface Timing {
  /** Making or copying the data and initial parameters. */
  dataMs: number
  /** SGD epochs. */
  trainMs: number
  /** Evaluating losses. */
  evalMs: number
}

/** The outcome of a training run. */
export interface TrainResult {
  /** The resolved configuration; with caller data, the sizes are the data's. */
  config: RunConfig
  /** Mean train and test loss at each epoch that is a multiple of evalEvery (finite points only). */
  history: HistoryPoint[]
  /** Final weights (a copy, as f64). */
  w: Float64Array
  /** Final bias. */
  b: number
  /** ‖w‖₂ of the final weights. */
  wNorm: number
  /** Mean train loss of the final parameters (also when the last epoch is not a history point). */
  trainLoss: number
  /** Mean test loss of the final parameters (NaN when there is no test set: caller data with no test rows). */
  testLoss: number
  /**
   * The penalized objective mean(½ r²) + λ·P(w) of the final parameters on the training set,
   * evaluated in f64 even for float32 runs (so it compares exactly with `solve`'s).
   */
  objective: number
  /**
   * Null, or where training stopped: the first epoch at whose end a parameter was non-finite or an
   * evaluated loss was (losses are evaluated every evalEvery epochs and at the end).
   */
  diverged: null | { epoch: number }
  /** Where the time went, in milliseconds. */
  timing: Timing
  /** With `standardize`: the means and scales used (w and b above are already in original units). */
  standardization?: Standardization
}

/**
 * What may change between epochs of a run, e.g. λ moved on a slider mid-run. Changing the
 * optimizer's settings keeps its state: the momentum buffer, Adam's moments and step count
 * carry on (as editing a torch optimizer's param_groups would).
 */
export type Hyperparameters = Pick<
  ExperimentConfig,
  'lambda' | 'penalty' | 'l1Ratio' | 'lr' | 'epochs' | 'optimizer' | 'momentum' | 'nesterov' | 'beta1' | 'beta2' | 'eps' | 'decay' | 'schedule'
>

const HYPERPARAMETER_KEYS: readonly (keyof Hyperparameters)[] = [
  'lambda', 'penalty', 'l1Ratio', 'lr', 'epochs',
  'optimizer', 'momentum', 'nesterov', 'beta1', 'beta2', 'eps', 'decay', 'schedule',
]

const now = (): number => globalThis.performance.now()

/**
 * A training run that advances on demand: `step` runs epochs, evaluating at multiples of
 * `evalEvery`; hyperparameters can change between steps. `engine.train` is a Trainer run to
 * the end, so both give the same bits.
 */
export class Trainer {
  /** The configuration in force (hyperparameters may have changed since the start). */
  config: RunConfig
  /** Epochs completed. */
  epoch = 0
  /** The history points so far. */
  readonly history: HistoryPoint[] = []
  /** null, or the epoch where a parameter or loss first became non-finite. */
  diverged: null | { epoch: number } = null
  /** Where the time went so far, in milliseconds. */
  readonly timing: Timing
  private readonly problem: Problem
  private readonly onEval: ((point: HistoryPoint) => void) | undefined
  private disposed = false

  /** @internal use {@link Engine.trainer}. */
  constructor(problem: Problem, config: RunConfig, dataMs: number, onEval?: (point: HistoryPoint) => void) {
    this.problem = problem
    this.config = config
    this.timing = { dataMs, trainMs: 0, evalMs: 0 }
    this.onEval = onEval
  }

  /** Whether the run has reached its epochs or diverged. */
  get done(): boolean {
    this.assertLive()
    return this.diverged !== null || this.epoch >= this.config.epochs
  }

  /** Runs up to `epochs` more epochs (all that remain by default) and returns the new history points. */
  step(epochs = Infinity): HistoryPoint[] {
    this.assertLive()
    if (typeof epochs !== 'number' || !(epochs >= 0) || (Number.isFinite(epochs) && !Number.isInteger(epochs))) {
      throw new ConfigError('epochs', epochs, `step(epochs) takes a whole number of epochs ≥ 0 (or nothing, for all that remain); got ${describeValue(epochs)}`)
    }
    const added: HistoryPoint[] = []
    const stop = Math.min(this.config.epochs, this.epoch + epochs)
    const { lambda1, lambda2 } = penaltyWeights(this.config)
    const { kernels: k, ptr: p, d, nTrain } = this.problem
    const every = this.config.evalEvery
    const plain = isPlainSgd(this.config)
    if (!plain) writeOptimSettings(this.problem.core, p.optim, this.config)
    const reshuffle = this.config.shuffle ? 1 : 0
    while (!this.diverged && this.epoch < stop) {
      const chunk = Math.min(stop, (Math.floor(this.epoch / every) + 1) * every) - this.epoch
      const t0 = now()
      const ran = plain
        ? k.sgdEpochs(p.xTrain, p.yTrain, nTrain, d, p.w, p.b, p.grad, p.perm, p.shuffleRng, reshuffle, this.config.batchSize, this.config.lr, lambda1, lambda2, chunk)
        : k.optimEpochs(p.xTrain, p.yTrain, nTrain, d, p.w, p.b, p.grad, p.perm, p.shuffleRng, reshuffle, this.config.batchSize, this.epoch, chunk, p.optim, p.buf, p.m1, p.m2)
      this.timing.trainMs += now() - t0
      this.epoch += ran
      if (ran < chunk) {
        this.diverged = { epoch: this.epoch + 1 }
        this.epoch += 1
        break
      }
      if (this.epoch % every === 0) {
        const { trainLoss, testLoss } = this.losses()
        // Without a test set (nTest = 0) the test loss is NaN by definition, not a divergence.
        if (!Number.isFinite(trainLoss) || (this.problem.nTest > 0 && !Number.isFinite(testLoss))) {
          this.diverged = { epoch: this.epoch }
          break
        }
        const point = { epoch: this.epoch, trainLoss, testLoss }
        this.history.push(point)
        added.push(point)
        this.onEval?.(point)
      }
    }
    return added
  }

  /** Mean train and test loss of the current parameters, and validation loss when the problem has a validation set. */
  losses(): { trainLoss: number; testLoss: number; validLoss?: number } {
    this.assertLive()
    const { kernels: k, ptr: p, d, nTrain, nTest, nValid } = this.problem
    const t0 = now()
    const b = this.problem.b
    const losses: { trainLoss: number; testLoss: number; validLoss?: number } = {
      trainLoss: k.meanLoss(p.xTrain, p.yTrain, nTrain, d, p.w, b),
      testLoss: nTest > 0 ? k.meanLoss(p.xTest, p.yTest, nTest, d, p.w, b) : NaN,
    }
    if (nValid > 0) losses.validLoss = k.meanLoss(p.xValid, p.yValid, nValid, d, p.w, b)
    this.timing.evalMs += now() - t0
    return losses
  }

  /**
   * Changes hyperparameters for the epochs still to run; throws ConfigError like `train`. The
   * optimizer's state (momentum buffer, Adam's moments and step count) carries on.
   */
  update(changes: Partial<Hyperparameters>): void {
    this.assertLive()
    // Each value is read once: what is checked is what is stored.
    changes = readSettings(changes, 'trainer.update takes an object of hyperparameters') as Partial<Hyperparameters>
    rejectUnknownKeys(changes, HYPERPARAMETER_KEYS)
    for (const key of HYPERPARAMETER_KEYS) {
      if (changes[key] !== undefined) checkValue(key, CONFIG_RULES[key], changes[key])
    }
    const next = { ...this.config, ...changes }
    checkCombination(next)
    checkHistory(next, 1, 'epochs')
    this.config = next
  }

  /** Back to epoch 0: initial parameters, empty history, the same shuffles as before. */
  reset(): void {
    this.assertLive()
    this.problem.reset()
    this.epoch = 0
    this.history.length = 0
    this.diverged = null
  }

  /** The current weights (a copy; in original units when standardized). */
  weights(): Float64Array {
    this.assertLive()
    return this.problem.scaling ? this.problem.original(this.problem.ptr.w, this.problem.b).w : this.problem.weights()
  }

  /** The current bias (in original units when standardized). */
  get b(): number {
    this.assertLive()
    return this.problem.scaling ? this.problem.original(this.problem.ptr.w, this.problem.b).b : this.problem.b
  }

  /** ‖w‖₂ of the current weights (in original units when standardized). */
  wNorm(): number {
    this.assertLive()
    if (this.problem.scaling) return this.problem.original(this.problem.ptr.w, this.problem.b).wNorm
    return this.problem.kernels.norm2(this.problem.ptr.w, this.problem.d)
  }

  /** The run's outcome so far (call after `step()` for the finished run). */
  result(): TrainResult {
    this.assertLive()
    const last = this.history.at(-1)
    const final = last && last.epoch === this.epoch ? last : this.losses()
    // Parameters can stay finite while the loss overflows; between evaluations, this is where we see it.
    if (this.diverged === null && !(Number.isFinite(final.trainLoss) && (this.problem.nTest === 0 || Number.isFinite(final.testLoss)))) {
      this.diverged = { epoch: this.epoch }
    }
    const { lambda1, lambda2 } = penaltyWeights(this.config)
    const { kernels: k, ptr: p, d, nTrain } = this.problem
    const result: TrainResult = {
      config: { ...this.config },
      history: this.history.slice(),
      w: this.weights(),
      b: this.b,
      wNorm: this.wNorm(),
      trainLoss: final.trainLoss,
      testLoss: final.testLoss,
      // The value minimized: on the standardized features when standardized.
      objective: k.objectiveOf(p.xTrain, p.yTrain, nTrain, d, p.w, this.problem.b, lambda1, lambda2),
      diverged: this.diverged,
      timing: { ...this.timing },
    }
    const standardization = this.problem.standardization()
    if (standardization) result.standardization = standardization
    return result
  }

  /** Predicted against true y on both sets, and the losses of always predicting the training mean. */
  predictions(): Predictions {
    this.assertLive()
    return predictionsOf(this.problem)
  }

  /** Releases the run's wasm memory; the trainer cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.problem.dispose()
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('this trainer was disposed; create a new one with engine.trainer(config)')
  }
}
