import type { Problem } from './problem.js'

/** True and predicted y of one set of examples. */
export interface FitPoints {
  /** The targets. */
  y: Float64Array
  /** The model's predictions, one per target. */
  yHat: Float64Array
}

/** What {@link Trainer.predictions} returns: the fit on both sets, and the predict-the-mean reference. */
export interface Predictions {
  /** The fit on the training set. */
  train: FitPoints
  /** The fit on the test set. */
  test: FitPoints
  /** Losses of always predicting the training mean of y (w = 0, b = mean y): the floor any useful fit beats. */
  baseline: { yMean: number; trainLoss: number; testLoss: number }
}

/** Predictions of the problem's current parameters, computed in the core. */
export function predictionsOf(problem: Problem): Predictions {
  const { core, kernels: k, ptr: p, d, nTrain, nTest } = problem
  const out = core.alloc(Math.max(nTrain, nTest, d) * 8)
  try {
    const fit = (x: number, y: number, rows: number): FitPoints => {
      k.predict(x, rows, d, p.w, problem.b, out)
      return { y: Float64Array.from(k.view(y, rows)), yHat: Float64Array.from(core.f64(out, rows)) }
    }
    const train = fit(p.xTrain, p.yTrain, nTrain)
    const test = fit(p.xTest, p.yTest, nTest)
    const yMean = k.vectorMean(p.yTrain, nTrain)
    core.f64(out, d).fill(0)
    const baseline = { yMean, trainLoss: k.meanLossAt(p.xTrain, p.yTrain, nTrain, d, out, yMean), testLoss: k.meanLossAt(p.xTest, p.yTest, nTest, d, out, yMean) }
    return { train, test, baseline }
  } finally {
    core.exports.free(out)
  }
}
