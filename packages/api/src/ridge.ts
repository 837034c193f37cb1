import type { Problem } from './problem.js'

/**
 * A path answer from the tridiagonalization is accepted when its gradient bounds the excess
 * objective, f(w) − f* ≤ ‖∇f(w)‖² / (2λ), by this fraction of f(w); else Cholesky solves it.
 */
export const RIDGE_PATH_ACCEPT = 1e-13

/**
 * Steps of iterative refinement after a Cholesky or λ = 0 solve, each with the residual of the
 * normal equations recomputed from the data (corrected semi-normal equations): they recover the
 * accuracy that forming the Gram matrix loses on ill-conditioned data (twice as many at λ = 0,
 * where nothing bounds the conditioning).
 */
export const REFINE_STEPS = 2

/** A sweep over at least this many λ solves ridge from one tridiagonalization; fewer, by Cholesky each. */
export const RIDGE_PATH_MIN = 4

/**
 * With more features than examples the dual system is smaller, but it cannot scale columns: when
 * the column scales spread over more than PRIMAL_SPREAD (a factor) and d is at most
 * PRIMAL_MAX_D, the column-scaled primal system is solved instead, since the dual's Gram matrix
 * then rounds away what the small columns carry.
 */
export const PRIMAL_SPREAD = 2 ** 10
/** See {@link PRIMAL_SPREAD}. */
export const PRIMAL_MAX_D = 2048

/**
 * Bytes the ridge solver may hold beyond the problem: packed data, Gram, Cholesky factor (in the
 * Gram), the λ = 0 reflectors and eigenvectors, the path's factor, vectors, and the
 * eigensolver's own scratch while it runs (m² + 239m + 1088 f64: tridiagdc.ts, linalg.ts).
 */
export function ridgeBytes(d: number, n: number): number {
  const m = d > n && d <= PRIMAL_MAX_D ? d : Math.min(d, n)
  return 8 * (n * (4 * Math.ceil(d / 4)) + 5 * m * m + 252 * m + 4 * d + 4 * n + 1096)
}

/**
 * The exact ridge minimizers on one problem's training data, in the core (see ridge.ts there):
 * the packed, scaled data and its Gram matrix are made once; each λ is solved by Cholesky, or,
 * in `path` mode, from one shared tridiagonalization (O(m²) per λ), each such answer checked by
 * its gradient and re-solved by Cholesky when the check fails. λ = 0 gives the minimum-norm least-squares
 * weights. An answer depends only on the data, λ and the mode, never on what was solved before.
 */
export class RidgeSolver {
  private readonly problem: Problem
  private readonly alloc: (bytes: number) => number
  private readonly xmean: number
  private readonly ymean: number
  private primal: boolean
  private m: number
  private prepared?: { scale: number; sy: number; a: number; yt: number; rhs: number; g: number; diag: number; sol: number; work: number; res: number; scratch: number }
  /** True after an in-place Cholesky: G's lower triangle holds the factor until `restoreGram`. */
  private factored = false
  /** λ = 0's factored eigendecomposition: reflectors in q (τ in tau), the tridiagonal's eigenvectors as rows of zt. */
  private path?: { q: number; tau: number; zt: number; eig: number; proj: number; kind: 'uniform' | 'equilibrated' | 'spent' }
  private tri?: { q: number; d: number; e: number; tau: number; proj: number; work: number }
  private readonly usePath: boolean

  constructor(problem: Problem, xmean: number, ymean: number, alloc: (bytes: number) => number, path = false) {
    this.problem = problem
    this.usePath = path
    this.alloc = alloc
    this.xmean = xmean
    this.ymean = ymean
    this.primal = problem.d <= problem.nTrain
    this.m = Math.min(problem.d, problem.nTrain)
  }

  /** Writes the weights for λ (≥ 0) to `w` (d f64) and returns the intercept. */
  solve(lambda: number, w: number): number {
    const { core, d, nTrain: n } = this.problem
    const e = core.exports
    const s = this.prepare()
    const primal = this.primal ? 1 : 0
    const m = this.m
    if (lambda === 0) {
      // The equilibrated Gram decides the rank (primal); the dual Gram is uniformly scaled already.
      const kind = this.primal ? 'equilibrated' : 'uniform'
      const path = this.eigen(kind)
      e.ridgeEigenSolve(path.q, path.tau, path.zt, path.eig, path.proj, m, 0, s.sol, s.work)
      for (let step = 0; step < 2 * REFINE_STEPS; step++) {
        e.ridgeResidual(s.a, n, d, primal, s.scale, 0, s.yt, s.sol, s.res, s.work)
        e.ridgeEigenStep(path.q, path.tau, path.zt, path.eig, m, s.res, s.sol, s.work)
      }
      e.ridgeWeights(s.a, n, d, primal, 0, s.scale, s.sy, s.sol, w)
      if (this.primal) {
        e.ridgeMinNorm(path.q, path.tau, path.zt, path.eig, m, s.scale, w, s.work)
        path.kind = 'spent'
      }
    } else if (this.usePath && this.tryPath(lambda, w)) {
      // Answered from the path's eigendecomposition.
    } else {
      this.cholesky(lambda, w)
    }
    return e.intercept(this.xmean, this.ymean, w, d)
  }

  private prepare(): NonNullable<RidgeSolver['prepared']> {
    if (this.prepared) return this.prepared
    const { core, kernels: k, ptr: p, d, nTrain: n } = this.problem
    const scale = this.alloc(d * 8)
    if (!this.primal && d <= PRIMAL_MAX_D) {
      if (k.ridgeSpread(p.xTrain, n, d, this.xmean, scale) > PRIMAL_SPREAD) {
        this.primal = true
        this.m = d
      }
    }
    const m = this.m
    const s = {
      scale,
      sy: 1,
      a: this.alloc(core.exports.panelBytes(this.primal ? n : d, this.primal ? d : n)),
      yt: this.alloc(n * 8),
      rhs: this.alloc(m * 8),
      g: this.alloc(m * m * 8),
      diag: this.alloc(m * 8),
      sol: this.alloc(Math.max(d, n) * 8),
      work: this.alloc(Math.max(d, n) * 8),
      res: this.alloc(Math.max(d, n) * 8),
      scratch: this.alloc(64),
    }
    const primal = this.primal ? 1 : 0
    s.sy = k.ridgeScales(p.xTrain, p.yTrain, n, d, this.xmean, this.ymean, primal, s.scale)
    k.ridgePack(p.xTrain, p.yTrain, n, d, this.xmean, this.ymean, s.scale, s.sy, primal, s.a, s.yt, s.rhs)
    core.exports.gramPanels(s.a, this.primal ? n : d, m, s.g)
    core.exports.saveDiagonal(s.g, m, s.diag)
    this.prepared = s
    return s
  }

  /** Makes the Gram matrix whole again after an in-place Cholesky. */
  private restore(): void {
    if (!this.factored) return
    this.problem.core.exports.restoreGram(this.prepared!.g, this.m, this.prepared!.diag)
    this.factored = false
  }

  /** The smallest column scale (primal) or the common one (dual): the path's uniform scale. */
  private uniformScale(): number {
    const { core, d } = this.problem
    const scale = core.f64(this.prepared!.scale, d)
    return this.primal ? scale.reduce((a, b) => Math.min(a, b), Infinity) : scale[0]!
  }

  private eigen(kind: 'uniform' | 'equilibrated'): NonNullable<RidgeSolver['path']> {
    const e = this.problem.core.exports
    const s = this.prepared!
    const m = this.m
    this.path ??= this.newPath()
    const path = this.path
    if (path.kind === kind) return path
    path.kind = 'spent'
    this.restore()
    const equilibrated = kind === 'equilibrated' ? 1 : 0
    if (!e.ridgeEigen(s.g, m, this.primal ? 1 : 0, equilibrated, s.scale, s.rhs, path.q, path.tau, path.zt, path.eig, path.proj, s.work, 0)) {
      throw new Error('the eigendecomposition for the exact ridge optimum failed (a non-finite value, or no convergence)')
    }
    path.kind = kind
    return path
  }

  private newPath(): NonNullable<RidgeSolver['path']> {
    const m = this.m
    return { q: this.alloc(m * m * 8), tau: this.alloc(m * 8), zt: this.alloc(m * m * 8), eig: this.alloc(m * 8), proj: this.alloc(m * 8), kind: 'spent' }
  }

  /** The path's factor: one tridiagonalization of the uniformly scaled Gram matrix. */
  private tridiagonal(): NonNullable<RidgeSolver['tri']> {
    if (this.tri) return this.tri
    const e = this.problem.core.exports
    const s = this.prepared!
    const m = this.m
    this.restore()
    const t = { q: this.alloc(m * m * 8), d: this.alloc(m * 8), e: this.alloc(m * 8), tau: this.alloc(m * 8), proj: this.alloc(m * 8), work: this.alloc(3 * m * 8) }
    if (!e.ridgePathFactor(s.g, m, this.primal ? 1 : 0, s.scale, s.rhs, t.q, t.d, t.e, t.tau, t.proj, s.sol, s.work)) {
      throw new Error('the tridiagonalization for the exact ridge path failed (a non-finite value)')
    }
    this.tri = t
    return t
  }

  /** Solves λ from the path's tridiagonal factor into `w`; false if the gradient check fails (then `w` is to be re-solved). */
  private tryPath(lambda: number, w: number): boolean {
    const { core, d, nTrain: n } = this.problem
    const e = core.exports
    const s = this.prepared!
    const t = this.tridiagonal()
    const u = this.uniformScale()
    if (!e.ridgePathSolve(t.q, this.m, t.d, t.e, t.tau, t.proj, Math.min(n * lambda * u * u, 1e300), s.sol, t.work)) return false
    e.ridgeWeights(s.a, n, d, this.primal ? 1 : 0, 1, s.scale, s.sy, s.sol, w)
    // The gradient's pass over the data also gives the loss, so no third pass is needed for f.
    const g2 = e.ridgeGradient(s.a, n, d, this.primal ? 1 : 0, s.scale, s.sy, w, lambda, s.yt, s.sol, s.work, s.scratch)
    const f = core.f64(s.scratch, 1)[0]! + e.penaltyValue_f64(w, d, 0, lambda)
    return g2 / (2 * lambda) <= RIDGE_PATH_ACCEPT * f
  }

  private cholesky(lambda: number, w: number): void {
    const { core, d, nTrain: n } = this.problem
    const e = core.exports
    const s = this.prepared!
    const m = this.m
    const primal = this.primal ? 1 : 0
    this.factored = true
    if (e.ridgeCholesky(s.g, m, primal, s.scale, n * lambda, s.rhs, s.diag, s.sol, s.scratch)) {
      for (let step = 0; step < REFINE_STEPS; step++) {
        e.ridgeResidual(s.a, n, d, primal, s.scale, n * lambda, s.yt, s.sol, s.res, s.work)
        e.ridgeCholeskyStep(s.g, m, s.res, s.sol)
      }
      e.ridgeWeights(s.a, n, d, primal, 0, s.scale, s.sy, s.sol, w)
      return
    }
    // Numerically singular despite λ > 0 (λ far below the data's rounding): the pseudo-inverse
    // of the penalized system, from its own eigendecomposition.
    this.path ??= this.newPath()
    const path = this.path
    path.kind = 'spent'
    this.restore()
    if (!e.ridgeEigen(s.g, m, primal, 1, s.scale, s.rhs, path.q, path.tau, path.zt, path.eig, path.proj, s.work, n * lambda)) {
      throw new Error('the eigendecomposition for the exact ridge optimum failed (a non-finite value, or no convergence)')
    }
    e.ridgeEigenSolve(path.q, path.tau, path.zt, path.eig, path.proj, m, 0, s.sol, s.work)
    e.ridgeWeights(s.a, n, d, primal, 0, s.scale, s.sy, s.sol, w)
  }
}
