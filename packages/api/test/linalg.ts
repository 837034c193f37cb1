// Independent reference methods for the optimum tests (plain JS, no code shared with the core).

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is copied). */
export function gaussSolve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]!])
  for (let c = 0; c < n; c++) {
    let p = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r
    ;[m[c], m[p]] = [m[p]!, m[c]!]
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!
    }
  }
  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!
    x[r] = s / m[r]![r]!
  }
  return x
}

/** mean(½ r²) of (w, b) on rows x, targets y. */
export function meanLoss(x: number[][], y: number[], w: ArrayLike<number>, b: number): number {
  let s = 0
  x.forEach((row, i) => {
    const r = row.reduce((acc, v, j) => acc + v * w[j]!, b) - y[i]!
    s += 0.5 * r * r
  })
  return s / x.length
}

/** λ1‖w‖₁ + λ2·½‖w‖². */
export function penalty(w: ArrayLike<number>, lambda1: number, lambda2: number): number {
  let l1 = 0
  let l2 = 0
  for (let j = 0; j < w.length; j++) {
    l1 += Math.abs(w[j]!)
    l2 += w[j]! * w[j]!
  }
  return lambda1 * l1 + lambda2 * 0.5 * l2
}

/** Ridge with an unpenalized intercept by the normal equations on [X 1] (no centring). */
export function ridgeByNormalEquations(x: number[][], y: number[], lambda: number): { w: number[]; b: number } {
  const n = x.length
  const d = x[0]!.length
  const rows = x.map((r) => [...r, 1])
  const a = Array.from({ length: d + 1 }, (_, i) => Array.from({ length: d + 1 }, (_, j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0) + (i === j && i < d ? n * lambda : 0)))
  const rhs = Array.from({ length: d + 1 }, (_, i) => rows.reduce((s, r, k) => s + r[i]! * y[k]!, 0))
  const sol = gaussSolve(a, rhs)
  return { w: sol.slice(0, d), b: sol[d]! }
}

/**
 * Minimizes mean(½ r²) + λ1‖w‖₁ + λ2·½‖w‖² (intercept free) by FISTA, accelerated proximal
 * gradient (Beck and Teboulle 2009), with the step 1/L from a power-iteration bound on L.
 */
export function fista(x: number[][], y: number[], lambda1: number, lambda2: number, iterations: number): { w: number[]; b: number } {
  const n = x.length
  const d = x[0]!.length
  const rows = x.map((r) => [...r, 1])
  // L ≤ largest eigenvalue of [X 1]ᵀ[X 1]/n + λ2, by power iteration (times a safety factor).
  let v = new Array<number>(d + 1).fill(1)
  let eig = 0
  for (let it = 0; it < 500; it++) {
    const xv = rows.map((r) => r.reduce((s, a, j) => s + a * v[j]!, 0))
    const u = v.map((_, j) => rows.reduce((s, r, i) => s + r[j]! * xv[i]!, 0) / n)
    eig = Math.sqrt(u.reduce((s, a) => s + a * a, 0))
    v = u.map((a) => a / eig)
  }
  const step = 1 / (1.01 * eig + lambda2)
  let theta = new Array<number>(d + 1).fill(0)
  let z = theta.slice()
  let t = 1
  for (let it = 0; it < iterations; it++) {
    const r = rows.map((row, i) => row.reduce((s, a, j) => s + a * z[j]!, 0) - y[i]!)
    const grad = z.map((_, j) => rows.reduce((s, row, i) => s + row[j]! * r[i]!, 0) / n + (j < d ? lambda2 * z[j]! : 0))
    const next = z.map((zj, j) => {
      const g = zj - step * grad[j]!
      if (j === d) return g
      const k = step * lambda1
      return g > k ? g - k : g < -k ? g + k : 0
    })
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2
    z = next.map((a, j) => a + ((t - 1) / tNext) * (a - theta[j]!))
    theta = next
    t = tNext
  }
  return { w: theta.slice(0, d), b: theta[d]! }
}

/**
 * Ridge (intercept free) by Householder QR of the column-equilibrated augmented system
 * [C·D; √(nλ)·D]·v = [yc; 0], w = D·v, with C the centred X and D = diag(1 / max |C_j|): accurate
 * to about κ(C·D)·ε, whatever the column scales. Needs full column rank (λ > 0, or n > d).
 */
export function ridgeByQR(x: number[][], y: number[], lambda: number): { w: number[]; b: number } {
  const n = x.length
  const d = x[0]!.length
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n)
  const ym = y.reduce((s, v) => s + v, 0) / n
  const c = x.map((r) => r.map((v, j) => v - mean[j]!))
  const dscale = Array.from({ length: d }, (_, j) => 1 / (Math.max(...c.map((r) => Math.abs(r[j]!))) || 1))
  const rows = lambda > 0 ? n + d : n
  const a = Array.from({ length: rows }, (_, i) => Array.from({ length: d }, (_, j) => (i < n ? c[i]![j]! * dscale[j]! : i - n === j ? Math.sqrt(n * lambda) * dscale[j]! : 0)))
  const rhs = Array.from({ length: rows }, (_, i) => (i < n ? y[i]! - ym : 0))
  for (let k = 0; k < d; k++) {
    const norm = Math.hypot(...a.slice(k).map((r) => r[k]!))
    if (norm === 0) continue
    const alpha = a[k]![k]! > 0 ? -norm : norm
    const v = a.map((r, i) => (i < k ? 0 : r[k]! - (i === k ? alpha : 0)))
    const vv = v.reduce((s, t) => s + t * t, 0)
    if (vv === 0) continue
    for (let j = k; j < d; j++) {
      const f = (2 * a.reduce((s, r, i) => s + v[i]! * r[j]!, 0)) / vv
      a.forEach((r, i) => (r[j]! -= f * v[i]!))
    }
    const f = (2 * rhs.reduce((s, t, i) => s + v[i]! * t, 0)) / vv
    rhs.forEach((_, i) => (rhs[i]! -= f * v[i]!))
  }
  const vsol = new Array<number>(d).fill(0)
  for (let k = d - 1; k >= 0; k--) {
    let s = rhs[k]!
    for (let j = k + 1; j < d; j++) s -= a[k]![j]! * vsol[j]!
    vsol[k] = s / a[k]![k]!
  }
  const w = vsol.map((v, j) => v * dscale[j]!)
  return { w, b: ym - w.reduce((s, v, j) => s + v * mean[j]!, 0) }
}

/** KKT violation of (w, b) on the centred data, in plain f64 (independent of the core). */
export function kktViolation(x: number[][], y: number[], w: ArrayLike<number>, lambda1: number, lambda2: number): { kkt: number; lambdaMax: number } {
  const n = x.length
  const d = x[0]!.length
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n)
  const ym = y.reduce((s, v) => s + v, 0) / n
  const c = x.map((r) => r.map((v, j) => v - mean[j]!))
  const r = c.map((row, i) => y[i]! - ym - row.reduce((s, v, j) => s + v * w[j]!, 0))
  let kkt = 0
  let lambdaMax = 0
  for (let j = 0; j < d; j++) {
    const g = c.reduce((s, row, i) => s + row[j]! * r[i]!, 0) / n
    lambdaMax = Math.max(lambdaMax, Math.abs(c.reduce((s, row, i) => s + row[j]! * (y[i]! - ym), 0) / n))
    const wj = w[j]!
    kkt = Math.max(kkt, wj === 0 ? Math.max(Math.abs(g) - lambda1, 0) : Math.abs(g - lambda1 * Math.sign(wj) - lambda2 * wj))
  }
  return { kkt, lambdaMax }
}
