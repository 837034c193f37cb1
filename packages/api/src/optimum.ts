import { penaltyWeights, type ExperimentConfig } from './config.js'
import type { Problem } from './problem.js'

/** The exact minimizer of mean(½ r²) + λ·P(w) on a problem's training data (bias unpenalized), in f64. */
export interface Optimum {
  /** The optimal weights. */
  w: Float64Array
  /** The optimal (unpenalized) bias. */
  b: number
  /** ‖w‖₂ of the optimal weights. */
  wNorm: number
  /** Mean ½ r² on the training set. */
  trainLoss: number
  /** Mean ½ r² on the test set. */
  testLoss: number
  /** Mean ½ r² on the validation set, when the problem has one. */
  validLoss?: number
  /** mean(½ r²) + λ·P(w) on the training set: the value minimized. */
  objective: number
  /** `closed-form` (eigendecomposition; l2, or any penalty without an L1 part) or `coordinate-descent`. */
  method: 'closed-form' | 'coordinate-descent'
  /** Coordinate-descent passes over the features (0 for the closed form). */
  passes: number
  /** False only if coordinate descent ran out of passes before meeting its tolerance. */
  converged: boolean
}

/**
 * Coordinate descent stops when no coordinate moves by more than z_j·Δw_j² > CD_TOLERANCE·var(y),
 * or earlier when the KKT system on its active set gives a point that satisfies every KKT condition.
 */
export const CD_TOLERANCE = 1e-18
/** The λ path of coordinate descent starts at most this factor above the target λ … */
const PATH_SPAN = 1e4
/** … and steps down by this factor. */
const PATH_RATIO = 1.25

/** Most coordinate-descent passes, over the whole path, before giving up (and reporting `converged: false`). */
export const CD_MAX_PASSES = 200_000

/** Bytes the exact solver needs beyond the problem itself, for the given penalty. */
export function solverBytes(numInputs: number, nTrain: number, needsDescent: boolean): number {
  const m = Math.min(numInputs, nTrain)
  const closedForm = 8 * (m * m + 3 * m + 2 * numInputs + Math.max(numInputs, nTrain))
  const descent = needsDescent ? 8 * (nTrain * numInputs + 3 * nTrain + 3 * numInputs + m * m + 4 * m) : 0
  return closedForm + descent
}

/**
 * Exact optima on one problem's training data. The eigendecomposition (closed form) is made
 * once and serves every λ; coordinate descent starts from w = 0 for each λ, so a result never
 * depends on which other λ were solved before it.
 */
export class OptimumSolver {
  private readonly problem: Problem
  private blocks: number[] = []
  private ridge?: { xmean: number; gram: number; eig: number; proj: number; work: number; coef: number }
  private descent?: { xc: number; yc: number; z: number; r: number; gram: number; rhs: number; idx: number; sgn: number; mag: number; rv: number; maxActive: number }
  private readonly w: number
  private readonly xmean: number
  private readonly ymean: number

  constructor(problem: Problem) {
    this.problem = problem
    const { kernels: k, ptr: p, d, nTrain } = problem
    try {
      this.w = this.alloc(d * 8)
      this.xmean = this.alloc(d * 8)
    } catch (error) {
      // No caller holds a solver whose constructor threw: free what it took.
      this.dispose()
      throw error
    }
    k.columnMeans(p.xTrain, nTrain, d, this.xmean)
    this.ymean = k.vectorMean(p.yTrain, nTrain)
  }

  private alloc(bytes: number): number {
    const ptr = this.problem.core.alloc(Math.max(bytes, 8))
    this.blocks.push(ptr)
    return ptr
  }

  /** The minimizer for this penalty, λ and ρ. */
  solve(config: Pick<ExperimentConfig, 'penalty' | 'lambda' | 'l1Ratio'>): Optimum {
    const { lambda1, lambda2 } = penaltyWeights(config)
    const { core, kernels: k, ptr: p, d, nTrain, nTest, nValid } = this.problem
    let b: number
    let passes = 0
    let converged = true
    let method: Optimum['method']
    if (lambda1 === 0) {
      const r = this.factor()
      b = k.ridgeSolve(p.xTrain, nTrain, d, this.xmean, this.ymean, r.gram, r.eig, r.proj, lambda2, this.w, r.coef)
      method = 'closed-form'
    } else {
      const c = this.prepareDescent()
      core.f64(this.w, d).fill(0)
      // glmnet's pathwise warm starts: solve down a geometric path of λ from where w = 0 (at most
      // PATH_SPAN above the target), each from the previous solution. The path depends only on
      // the data and this λ, so the result does not depend on what else was solved.
      const top = core.exports.cdLambdaMax(c.xc, c.yc, nTrain, d) / lambda1
      const start = Math.min(top, PATH_SPAN)
      const steps = start > 1 ? Math.ceil(Math.log(start) / Math.log(PATH_RATIO)) : 0
      for (let k = steps; k >= 0 && passes < CD_MAX_PASSES; k--) {
        const scale = k === 0 ? 1 : start ** (k / steps)
        const budget = CD_MAX_PASSES - passes
        const result = core.exports.cdSolve(c.xc, c.yc, nTrain, d, c.z, lambda1 * scale, lambda2 * scale, this.w, c.r, CD_TOLERANCE, budget, c.gram, c.rhs, c.idx, c.sgn, c.mag, c.rv, c.maxActive)
        passes += Math.abs(result)
        converged = k === 0 && result > 0
      }
      b = core.exports.intercept(this.xmean, this.ymean, this.w, d)
      method = 'coordinate-descent'
    }
    const trainLoss = k.meanLossAt(p.xTrain, p.yTrain, nTrain, d, this.w, b)
    const optimum: Optimum = {
      w: Float64Array.from(core.f64(this.w, d)),
      b,
      wNorm: core.exports.norm2_f64(this.w, d),
      trainLoss,
      testLoss: k.meanLossAt(p.xTest, p.yTest, nTest, d, this.w, b),
      objective: trainLoss + core.exports.penaltyValue_f64(this.w, d, lambda1, lambda2),
      method,
      passes,
      converged,
    }
    if (nValid > 0) optimum.validLoss = k.meanLossAt(p.xValid, p.yValid, nValid, d, this.w, b)
    return optimum
  }

  private factor(): NonNullable<OptimumSolver['ridge']> {
    if (this.ridge) return this.ridge
    const { kernels: k, ptr: p, d, nTrain } = this.problem
    const m = Math.min(d, nTrain)
    const r = {
      xmean: this.xmean,
      gram: this.alloc(m * m * 8),
      eig: this.alloc(m * 8),
      proj: this.alloc(m * 8),
      work: this.alloc(Math.max(d, nTrain) * 8),
      coef: this.alloc(m * 8),
    }
    if (!k.ridgeFactor(p.xTrain, p.yTrain, nTrain, d, this.xmean, this.ymean, r.gram, r.eig, r.proj, r.work)) {
      throw new Error('the eigendecomposition for the closed-form optimum did not converge')
    }
    this.ridge = r
    return r
  }

  private prepareDescent(): NonNullable<OptimumSolver['descent']> {
    if (this.descent) return this.descent
    const { kernels: k, ptr: p, d, nTrain } = this.problem
    // The exact active-set step handles active sets up to min(n, d), where lasso solutions live.
    const maxActive = Math.min(nTrain, d)
    const c = {
      xc: this.alloc(nTrain * d * 8),
      yc: this.alloc(nTrain * 8),
      z: this.alloc(d * 8),
      r: this.alloc(nTrain * 8),
      gram: this.alloc(maxActive * maxActive * 8),
      rhs: this.alloc(maxActive * 8),
      idx: this.alloc(maxActive * 4),
      sgn: this.alloc(maxActive * 8),
      mag: this.alloc(maxActive * 8),
      rv: this.alloc(nTrain * 8),
      maxActive,
    }
    k.cdPrepare(p.xTrain, p.yTrain, nTrain, d, this.xmean, this.ymean, c.xc, c.yc, c.z)
    this.descent = c
    return c
  }

  /** Frees the solver's memory (the problem stays). */
  dispose(): void {
    for (const ptr of this.blocks) this.problem.core.exports.free(ptr)
    this.blocks = []
  }
}
