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
  /** ‖w‖₂ at each λ. */
  wNorm: number[]
}

/** What `engine.coefPath` takes: a config (its `lambda` is ignored) and the λ grid. */
export type CoefPathOptions = Omit<TrainOptions, 'onEval'> & { lambdas: readonly number[] }

/** Checks the options (each read once) and returns the resolved spec and the λ grid; throws ConfigError. */
export function resolveCoefPath(options: CoefPathOptions): { spec: ReturnType<typeof resolveTrainOptions>; lambdas: number[] } {
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
  return { spec, lambdas: (lambdas as number[]).slice() }
}

/**
 * The coefficient path on the config's training data: one problem and one solver (the packed data
 * and its Gram matrix made once) for the whole grid, or for λ[start … end) of it (a worker's
 * chunk). Each λ's answer depends only on the data and λ, so chunks give the same bits.
 */
export function runCoefPath(core: Core, options: CoefPathOptions, start = 0, end?: number, onLambda?: () => void): CoefPath {
  const { spec, lambdas } = resolveCoefPath(options)
  const chunk = lambdas.slice(start, end ?? lambdas.length)
  const c = spec.config
  const problem = new Problem(core, spec)
  let solver: OptimumSolver | undefined
  try {
    solver = new OptimumSolver(problem)
    const path: CoefPath = { lambdas: chunk, w: [], b: [], wNorm: [] }
    for (const lambda of chunk) {
      const o = problem.originalOptimum(solver.solve({ penalty: c.penalty, lambda, l1Ratio: c.l1Ratio }))
      path.w.push(o.w)
      path.b.push(o.b)
      path.wNorm.push(o.wNorm)
      onLambda?.()
    }
    return path
  } finally {
    solver?.dispose()
    problem.dispose()
  }
}
