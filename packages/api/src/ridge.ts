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
 * Bytes the ridge solver may hold beyond the problem: the packed data; at most three m² blocks at
 * once (the Gram or its Cholesky factor, the path's packed reflectors, λ = 0's packed reflectors
 * and eigenvectors: each factorization takes the Gram's block and keeps half of it); divide and
 * conquer's scratch, lent by the packed data's block when that holds m² (else its own m²), plus
 * O(m) (tridiagdc.ts); and vectors.
 */
export function ridgeBytes(d: number, n: number): number {
  const m = d > n && d <= PRIMAL_MAX_D ? d : Math.min(d, n)
  const panel = n * (4 * Math.ceil(d / 4))
  return 8 * (panel + 3 * m * m + (panel < m * m ? m * m : 0) + 300 * m + 4 * d + 4 * n + 1096)
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
  private readonly release: (ptr: number) => void
  private readonly xmean: number
  private readonly ymean: number
  private primal: boolean
  private m: number
  /** `g` is 0 while no whole Gram matrix is held (a factor took it in place: `gram()` makes it again from `a`). */
  private prepared?: { scale: number; sy: number; a: number; yt: number; rhs: number; g: number; diag: number; sol: number; work: number; res: number; scratch: number }
  /** True after an in-place Cholesky: G's lower triangle holds the factor until `restoreGram`. */
  private factored = false
  /** An eigendecomposition: packed reflectors in q (τ in tau), the tridiagonal's eigenvectors as rows of zt; q = 0 when none is held. */
  private path?: { q: number; tau: number; zt: number; eig: number; off: number; proj: number; kind: 'uniform' | 'equilibrated' | 'spent' }
  private tri?: { q: number; d: number; e: number; tau: number; proj: number; work: number }
  private readonly usePath: boolean

  constructor(problem: Problem, xmean: number, ymean: number, alloc: (bytes: number) => number, path = false, release: (ptr: number) => void = () => {}) {
    this.problem = problem
    this.usePath = path
    this.alloc = alloc
    this.release = release
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
      const path = this.eigen(kind, 0)
      e.ridgeEigenSolve(path.q, path.tau, path.zt, path.eig, path.proj, m, 0, s.sol, s.work)
      for (let step = 0; step < 2 * REFINE_STEPS; step++) {
        e.ridgeResidual(s.a, n, d, primal, s.scale, 0, s.yt, s.sol, s.res, s.work)
        e.ridgeEigenStep(path.q, path.tau, path.zt, path.eig, m, s.res, s.sol, s.work)
      }
      e.ridgeWeights(s.a, n, d, primal, 0, s.scale, s.sy, s.sol, w)
      if (this.primal) {
        e.ridgeMinNorm(path.q, path.tau, path.zt, path.eig, m, s.scale, w, s.work)
        this.spend()
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
      g: 0,
      diag: this.alloc(m * 8),
      sol: this.alloc(Math.max(d, n) * 8),
      work: this.alloc(Math.max(d, n) * 8),
      res: this.alloc(Math.max(d, n) * 8),
      scratch: this.alloc(64),
    }
    s.sy = k.ridgeScales(p.xTrain, p.yTrain, n, d, this.xmean, this.ymean, this.primal ? 1 : 0, s.scale)
    this.prepared = s
    this.pack()
    return s
  }

  /** (Re)packs the centred, scaled data into `a` (also ỹ and the right-hand side; the same bits every time). */
  private pack(): void {
    const { kernels: k, ptr: p, d, nTrain: n } = this.problem
    const s = this.prepared!
    k.ridgePack(p.xTrain, p.yTrain, n, d, this.xmean, this.ymean, s.scale, s.sy, this.primal ? 1 : 0, s.a, s.yt, s.rhs)
  }

  /** The whole Gram matrix, formed from the packed data when no block holds it (the same bits every time). */
  private gram(): number {
    const s = this.prepared!
    const e = this.problem.core.exports
    if (s.g === 0) {
      const m = this.m
      s.g = this.alloc(m * m * 8)
      e.gramPanels(s.a, this.primal ? this.problem.nTrain : this.problem.d, m, s.g)
      e.saveDiagonal(s.g, m, s.diag)
      this.factored = false
    } else if (this.factored) {
      e.restoreGram(s.g, this.m, s.diag)
      this.factored = false
    }
    return s.g
  }

  /** Hands the Gram matrix's block to a factor that overwrites it in place (and shrinks it). */
  private takeGram(): number {
    const g = this.gram()
    this.prepared!.g = 0
    return g
  }

  /** The smallest column scale (primal) or the common one (dual): the path's uniform scale. */
  private uniformScale(): number {
    const { core, d } = this.problem
    const scale = core.f64(this.prepared!.scale, d)
    return this.primal ? scale.reduce((a, b) => Math.min(a, b), Infinity) : scale[0]!
  }

  /**
   * The eigendecomposition of this kind (with the penalty's diagonal nλ = `shift` added: the
   * pinv fallback), made unless held. Memory: the Gram is tridiagonalized in its own block
   * (shrunk to the packed reflectors) before the eigenvectors' block is taken, and divide and
   * conquer borrows the packed data's block for its m² of scratch (the data is packed again after).
   */
  private eigen(kind: 'uniform' | 'equilibrated', shift: number): NonNullable<RidgeSolver['path']> {
    const { core, d, nTrain: n } = this.problem
    const e = core.exports
    const s = this.prepared!
    const m = this.m
    if (this.path && this.path.kind === kind && shift === 0) return this.path
    this.spend()
    const path = (this.path ??= { q: 0, tau: this.alloc(m * 8), zt: 0, eig: this.alloc(m * 8), off: this.alloc(m * 8), proj: this.alloc(m * 8), kind: 'spent' })
    path.q = this.takeGram()
    const primal = this.primal ? 1 : 0
    let ok = e.ridgeEigenReduce(path.q, m, primal, kind === 'equilibrated' ? 1 : 0, s.scale, s.rhs, path.q, path.tau, path.eig, path.off, path.proj, shift) !== 0
    if (ok) {
      path.zt = this.alloc(m * m * 8)
      // The packed data's block holds m² f64 unless the primal system was chosen for d > n.
      const packed = e.panelBytes(primal ? n : d, primal ? d : n) / 8
      const lend = packed >= m * m
      const big = lend ? s.a : this.alloc(m * m * 8)
      ok = e.ridgeEigenVectors(path.q, path.tau, path.zt, path.eig, path.off, path.proj, m, s.work, big, lend ? packed : m * m) !== 0
      if (lend) this.pack()
      else this.release(big)
    }
    if (!ok) {
      this.spend()
      throw new Error('the eigendecomposition for the exact ridge optimum failed (a non-finite value, or no convergence)')
    }
    path.kind = shift === 0 ? kind : 'spent'
    return path
  }

  /** Frees a spent eigendecomposition's two large blocks (reflectors and eigenvectors). */
  private spend(): void {
    const path = this.path
    if (!path) return
    path.kind = 'spent'
    if (path.q !== 0) this.release(path.q)
    if (path.zt !== 0) this.release(path.zt)
    path.q = 0
    path.zt = 0
  }

  /** The path's factor: one tridiagonalization of the uniformly scaled Gram matrix, in the Gram's own block. */
  private tridiagonal(): NonNullable<RidgeSolver['tri']> {
    if (this.tri) return this.tri
    const e = this.problem.core.exports
    const s = this.prepared!
    const m = this.m
    const t = { q: 0, d: this.alloc(m * 8), e: this.alloc(m * 8), tau: this.alloc(m * 8), proj: this.alloc(m * 8), work: this.alloc(3 * m * 8) }
    const q = (t.q = this.takeGram())
    if (!e.ridgePathFactor(q, m, this.primal ? 1 : 0, s.scale, s.rhs, q, t.d, t.e, t.tau, t.proj, s.sol, s.work)) {
      this.release(q)
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
    const g = this.gram()
    this.factored = true
    if (e.ridgeCholesky(g, m, primal, s.scale, n * lambda, s.rhs, s.diag, s.sol, s.scratch)) {
      for (let step = 0; step < REFINE_STEPS; step++) {
        e.ridgeResidual(s.a, n, d, primal, s.scale, n * lambda, s.yt, s.sol, s.res, s.work)
        e.ridgeCholeskyStep(g, m, s.res, s.sol)
      }
      e.ridgeWeights(s.a, n, d, primal, 0, s.scale, s.sy, s.sol, w)
      return
    }
    // Numerically singular despite λ > 0 (λ far below the data's rounding): the pseudo-inverse
    // of the penalized system, from its own eigendecomposition.
    const path = this.eigen('equilibrated', n * lambda)
    e.ridgeEigenSolve(path.q, path.tau, path.zt, path.eig, path.proj, m, 0, s.sol, s.work)
    e.ridgeWeights(s.a, n, d, primal, 0, s.scale, s.sy, s.sol, w)
    this.spend()
  }
}
