import { penaltyWeights, type ExperimentConfig } from './config.js'
import { portableLog, portablePow } from './portable-math.js'
import type { Problem } from './problem.js'
import { RidgeSolver, ridgeBytes } from './ridge.js'

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
  /** `closed-form` (Cholesky or eigendecomposition; l2, or any penalty without an L1 part) or `coordinate-descent`. */
  method: 'closed-form' | 'coordinate-descent'
  /** Coordinate-descent passes over the features (0 for the closed form). */
  passes: number
  /** False only if coordinate descent ran out of passes before its KKT violation met `kktTolerance`. */
  converged: boolean
  /**
   * Coordinate descent only: the largest violation of the optimality (KKT) conditions at `w`,
   * max_j of |g_j − λ1·sign(w_j) − λ2·w_j| (w_j ≠ 0) or max(|g_j| − λ1, 0) (w_j = 0), with
   * g = Xcᵀ(yc − Xc·w)/n on the centred data.
   */
  kkt?: number
  /** Coordinate descent only: the bound `kkt` had to meet, KKT_RELATIVE × max_j |Xcᵀ(y − ȳ)|_j / n. */
  kktTolerance?: number
}

/** Coordinate descent has converged when its KKT violation is at most this times max_j |Xcᵀ(y − ȳ)|_j / n (λ at the top of the path). */
export const KKT_RELATIVE = 1e-10

/**
 * Coordinate descent stops when no coordinate moves by more than z_j·Δw_j² > CD_TOLERANCE·var(y),
 * or earlier when the KKT system on its active set gives a point that satisfies every KKT condition.
 */
export const CD_TOLERANCE = 1e-18
/** The change tolerance at the warm-start steps above the target λ (glmnet's default): only the target must be exact. */
const CD_PATH_TOLERANCE = 1e-7
/** The λ path of coordinate descent starts at most this factor above the target λ … */
const PATH_SPAN = 1e4
/** … and steps down by this factor. */
const PATH_RATIO = 2

/** Most coordinate-descent passes, over the whole path, before giving up (and reporting `converged: false`). */
export const CD_MAX_PASSES = 200_000

/** With at most this many features, and no more than examples, coordinate descent's active-set step reads a precomputed covariance XcᵀXc (d² f64). */
export const CD_GRAM_MAX_D = 4096
/** … and the warm start at the target λ has more nonzeros than this. */
export const CD_GRAM_MIN_ACTIVE = 128

/** Bytes the exact solver needs beyond the problem itself, for the given penalty. */
export function solverBytes(numInputs: number, nTrain: number, needsDescent: boolean): number {
  const m = Math.min(numInputs, nTrain)
  const descent = needsDescent ? 8 * (nTrain * numInputs + 4 * nTrain + 10 * numInputs + m * m + (numInputs <= CD_GRAM_MAX_D && numInputs <= nTrain ? numInputs * numInputs : 0)) : 0
  return 16 * numInputs + ridgeBytes(numInputs, nTrain) + descent
}

/**
 * Exact optima on one problem's training data. Ridge (no L1 part) by `RidgeSolver`: Cholesky for
 * one λ, one eigendecomposition for a path; coordinate descent starts from w = 0 for each λ, so a
 * result never depends on which other λ were solved before it.
 */
export class OptimumSolver {
  private readonly problem: Problem
  private blocks: number[] = []
  private ridge?: RidgeSolver
  private readonly path: boolean
  private descent?: { xc: number; yc: number; z: number; r: number; gram: number; rhs: number; idx: number; sgn: number; mag: number; rv: number; maxActive: number; gramFull: number; xty: number; strong: number; grad: number }
  private readonly w: number
  private readonly xmean: number
  private readonly ymean: number

  /** `path`: many λ will be solved (a sweep), so ridge shares one eigendecomposition (see `RidgeSolver`). */
  constructor(problem: Problem, options: { path?: boolean } = {}) {
    this.problem = problem
    this.path = options.path ?? false
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

  /** Frees one block before the solver is disposed. */
  private release(ptr: number): void {
    const i = this.blocks.indexOf(ptr)
    if (i < 0) return
    this.blocks.splice(i, 1)
    this.problem.core.exports.free(ptr)
  }

  /** The minimizer for this penalty, λ and ρ. */
  solve(config: Pick<ExperimentConfig, 'penalty' | 'lambda' | 'l1Ratio'>): Optimum {
    const { lambda1, lambda2 } = penaltyWeights(config)
    const { core, kernels: k, ptr: p, d, nTrain, nTest, nValid } = this.problem
    let b: number
    let passes = 0
    let converged = true
    let method: Optimum['method']
    let kkt: { kkt: number; kktTolerance: number } | undefined
    if (lambda1 === 0) {
      this.ridge ??= new RidgeSolver(this.problem, this.xmean, this.ymean, (bytes) => this.alloc(bytes), this.path, (ptr) => this.release(ptr))
      b = this.ridge.solve(lambda2, this.w)
      method = 'closed-form'
    } else {
      const c = this.prepareDescent()
      core.f64(this.w, d).fill(0)
      // glmnet's pathwise warm starts: solve down a geometric path of λ from where w = 0 (at most
      // PATH_SPAN above the target), each from the previous solution. The path depends only on
      // the data and this λ, so the result does not depend on what else was solved.
      const lambdaMax = core.exports.cdLambdaMax(c.xc, c.yc, nTrain, d)
      const kktTolerance = KKT_RELATIVE * lambdaMax
      const top = lambdaMax / lambda1
      const start = Math.min(top, PATH_SPAN)
      // portablePow, not **: the warm-start λs (and so the answer's last bits) must be the same in every engine.
      const steps = start > 1 ? Math.ceil(portableLog(start) / portableLog(PATH_RATIO)) : 0
      let previous = lambdaMax
      let gradKnown = false
      for (let k = steps; k >= 0 && passes < CD_MAX_PASSES; k--) {
        const scale = k === 0 ? 1 : portablePow(start, k / steps)
        const budget = CD_MAX_PASSES - passes
        if (k === 0) this.ensureGram(c)
        core.exports.cdUseGram(c.gramFull, c.xty, d)
        // Steps above the target stop on glmnet's change criterion; the target must meet the KKT bound.
        const result = core.exports.cdSolve(c.xc, c.yc, nTrain, d, c.z, lambda1 * scale, lambda2 * scale, this.w, c.r, k === 0 ? CD_TOLERANCE : CD_PATH_TOLERANCE, budget, c.gram, c.rhs, c.idx, c.sgn, c.mag, c.rv, c.maxActive, k === 0 ? kktTolerance : Infinity, c.strong, previous, c.grad, gradKnown ? 1 : 0)
        previous = lambda1 * scale
        passes += Math.abs(result)
        converged = k === 0 && result > 0
        gradKnown = result > 0
      }
      // Converged at the target: descent's own last check is the violation (same w, same sums).
      const violation = converged ? core.exports.cdLastKkt() : core.exports.cdKkt(c.xc, c.yc, nTrain, d, this.w, c.r, lambda1, lambda2)
      converged &&= violation <= kktTolerance
      kkt = { kkt: violation, kktTolerance }
      b = core.exports.intercept(this.xmean, this.ymean, this.w, d)
      method = 'coordinate-descent'
    }
    const trainLoss = k.meanLossAt(p.xTrain, p.yTrain, nTrain, d, this.w, b)
    const optimum: Optimum = {
      w: Float64Array.from(core.f64(this.w, d)),
      b,
      wNorm: core.exports.norm2_f64(this.w, d),
      trainLoss,
      // Caller data may have no test set (nTest = 0): its loss is NaN, not an overflow.
      testLoss: nTest > 0 ? k.meanLossAt(p.xTest, p.yTest, nTest, d, this.w, b) : NaN,
      objective: trainLoss + core.exports.penaltyValue_f64(this.w, d, lambda1, lambda2),
      method,
      passes,
      converged,
    }
    if (kkt) Object.assign(optimum, kkt)
    if (nValid > 0) optimum.validLoss = k.meanLossAt(p.xValid, p.yValid, nValid, d, this.w, b)
    assertFinite(optimum, nTest > 0)
    return optimum
  }

  private prepareDescent(): NonNullable<OptimumSolver['descent']> {
    if (this.descent) return this.descent
    const { kernels: k, ptr: p, d, nTrain } = this.problem
    // The active-set step's system is at most min(n, d) square (primal, or dual beyond n active).
    const maxActive = Math.min(nTrain, d)
    const c = {
      xc: this.alloc(nTrain * d * 8),
      yc: this.alloc(nTrain * 8),
      z: this.alloc(d * 8),
      r: this.alloc(nTrain * 8),
      gram: this.alloc(maxActive * maxActive * 8),
      rhs: this.alloc(d * 8),
      idx: this.alloc(d * 4),
      sgn: this.alloc(d * 8),
      mag: this.alloc(d * 8),
      rv: this.alloc(2 * nTrain * 8),
      maxActive,
      gramFull: 0,
      xty: 0,
      strong: this.alloc(d),
      grad: this.alloc(d * 8),
    }
    k.cdPrepare(p.xTrain, p.yTrain, nTrain, d, this.xmean, this.ymean, c.xc, c.yc, c.z)
    this.descent = c
    return c
  }

  /**
   * The covariance XcᵀXc (blocked SIMD Gram) and Xcᵀyc for the active-set step, made once when
   * n ≥ d and the warm start at the target has more than CD_GRAM_MIN_ACTIVE nonzeros (below
   * that, forming the active system from the data is cheaper).
   */
  private ensureGram(c: NonNullable<OptimumSolver['descent']>): void {
    const { core, kernels: k, ptr: p, d, nTrain } = this.problem
    if (c.gramFull !== 0 || d > CD_GRAM_MAX_D || d > nTrain) return
    if (core.f64(this.w, d).reduce((s, v) => s + (v !== 0 ? 1 : 0), 0) <= CD_GRAM_MIN_ACTIVE) return
    const e = core.exports
    const ones = this.alloc(d * 8)
    core.f64(ones, d).fill(1)
    const a = core.alloc(e.panelBytes(nTrain, d))
    c.gramFull = this.alloc(d * d * 8)
    c.xty = this.alloc(d * 8)
    k.packCentred(p.xTrain, nTrain, d, this.xmean, ones, 1, a)
    e.gramPanels(a, nTrain, d, c.gramFull)
    e.free(a)
    e.cdXty(c.xc, c.yc, nTrain, d, c.xty)
  }

  /** Frees the solver's memory (the problem stays). */
  dispose(): void {
    for (const ptr of this.blocks) this.problem.core.exports.free(ptr)
    this.blocks = []
  }
}

/** A result with a NaN or an infinity is an error, never an answer (the data overflow in f64). */
function assertFinite(o: Optimum, hasTest = true): void {
  const bad = !Number.isFinite(o.b) || !Number.isFinite(o.objective) || !Number.isFinite(o.trainLoss) || (hasTest && !Number.isFinite(o.testLoss)) || (o.validLoss !== undefined && !Number.isFinite(o.validLoss)) || (o.kkt !== undefined && !Number.isFinite(o.kkt)) || !o.w.every(Number.isFinite)
  if (bad) throw new Error('the exact optimum is not finite in float64 (the data or the weights overflow); rescale the data')
}
