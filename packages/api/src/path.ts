import { CONFIG_RULES, checkValue } from './config.js'
import type { Core } from './core.js'
import { ConfigError, describeValue } from './errors.js'
import { checkFits } from './limits.js'
import { OptimumSolver, solverBytes } from './optimum.js'
import { readOptions, resolveTrainOptions, type TrainOptions } from './options.js'
import { Problem } from './problem.js'
import { MAX_SWEEP_VALUES } from './sweep.js'

/** The exact optimum's coefficients along a λ grid, in original units. */
export interface CoefPath {
  /** The λ values, in the order given. */
  lambdas: number[]
  /** w at each λ. */
  w: Float64Array[]
  /** b at each λ. */
  b: number[]
}

/** The coefficient path on the config's training data: one solver (one factorization for l2) for the whole grid. */
export function runCoefPath(core: Core, options: Omit<TrainOptions, 'onEval'> & { lambdas: readonly number[] }): CoefPath {
  const input = readOptions(options)
  const spec = resolveTrainOptions(input, ['lambdas'], ['onEval'])
  const lambdas = input.lambdas as unknown
  if (!Array.isArray(lambdas) || lambdas.length === 0 || lambdas.length > MAX_SWEEP_VALUES) {
    throw new ConfigError('lambdas', lambdas, `lambdas must be a non-empty array of at most ${MAX_SWEEP_VALUES} values of λ; got ${describeValue(lambdas)}`)
  }
  // An index loop, so holes in a sparse array are checked too.
  for (let i = 0; i < lambdas.length; i++) checkValue(`lambdas[${i}]`, CONFIG_RULES.lambda, lambdas[i])
  const c = spec.config
  checkFits({ numInputs: c.numInputs, nTrain: c.nTrain, nTest: c.nTest, nValid: 0, bytesPerValue: c.dtype === 'float32' ? 4 : 8 }, (which) => (spec.data ? 'data' : which), solverBytes(c.numInputs, c.nTrain, c.penalty !== 'l2'), 'the coefficient path')
  const problem = new Problem(core, spec)
  let solver: OptimumSolver | undefined
  try {
    solver = new OptimumSolver(problem)
    const path: CoefPath = { lambdas: lambdas.slice(), w: [], b: [] }
    for (const lambda of lambdas as number[]) {
      const o = problem.originalOptimum(solver.solve({ penalty: c.penalty, lambda, l1Ratio: c.l1Ratio }))
      path.w.push(o.w)
      path.b.push(o.b)
    }
    return path
  } finally {
    solver?.dispose()
    problem.dispose()
  }
}
