import { describe, expect, it } from 'vitest'
import { loadCore, readF64, seeded } from './core.js'

// Complementary error function, Numerical Recipes' erfcc (fractional error below 1.2e-7).
function erfc(x: number): number {
  const z = Math.abs(x)
  const t = 1 / (1 + 0.5 * z)
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
  return x >= 0 ? r : 2 - r
}
const normalCdf = (x: number): number => 0.5 * erfc(-x / Math.SQRT2)

/** P(D_n ≥ d) for the Kolmogorov–Smirnov statistic (asymptotic Kolmogorov distribution). */
function ksPValue(d: number, n: number): number {
  const t = d * Math.sqrt(n)
  let p = 0
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * t * t)
  return Math.min(1, Math.max(0, p))
}

function sample(seed: string | number, n: number): Float64Array {
  const core = loadCore()
  const state = seeded(core, seed)
  const out = core.alloc(n * 8)
  core.normalFill(state, out, n)
  return readF64(core, out, n)
}

describe('ziggurat normal variates', () => {
  const n = 400_000
  const z = sample('normal-test', n)

  it('have mean 0 and variance 1 (within 5 standard errors)', () => {
    const mean = z.reduce((s, v) => s + v, 0) / n
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n))
    expect(Math.abs(variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n))
  })

  it('pass a Kolmogorov–Smirnov test against N(0, 1) at a fixed seed (p > 0.01)', () => {
    const sorted = Float64Array.from(z).sort()
    let d = 0
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i]!)
      d = Math.max(d, (i + 1) / n - f, f - i / n)
    }
    expect(ksPValue(d, n)).toBeGreaterThan(0.01)
  })

  it('put the right mass in the tails beyond the ziggurat base (|z| > 3.4426)', () => {
    const r = 3.442619855899
    const expected = n * 2 * (1 - normalCdf(r))
    const count = z.reduce((c, v) => c + (Math.abs(v) > r ? 1 : 0), 0)
    expect(Math.abs(count - expected)).toBeLessThan(5 * Math.sqrt(expected))
  })

  it('put the right mass in each of 40 bins over [-4, 4] (chi-square, p > 0.001)', () => {
    const edges = Array.from({ length: 41 }, (_, i) => -4 + (8 * i) / 40)
    const counts = new Array<number>(40).fill(0)
    for (const v of z) {
      const i = Math.floor(((v + 4) / 8) * 40)
      if (i >= 0 && i < 40) counts[i]!++
    }
    let chi2 = 0
    for (let i = 0; i < 40; i++) {
      const e = n * (normalCdf(edges[i + 1]!) - normalCdf(edges[i]!))
      chi2 += (counts[i]! - e) ** 2 / e
    }
    // The 0.999 quantile of chi-square with 39 degrees of freedom is 72.05.
    expect(chi2).toBeLessThan(72.05)
  })

  it('are reproducible from the seed and differ between seeds', () => {
    expect(sample('normal-test', 1000)).toEqual(z.slice(0, 1000))
    expect(sample('other', 1000)).not.toEqual(z.slice(0, 1000))
  })
})

describe('the buffered stream leaves the generator exactly after the draws it used', () => {
  it('normals drawn in two calls equal the same count drawn in one, for every split', () => {
    const core = loadCore()
    const total = 150
    const outAll = core.alloc(total * 8)
    core.normalFill(seeded(core, 'split'), outAll, total)
    const all = readF64(core, outAll, total)
    const out = core.alloc(total * 8)
    for (let a = 0; a <= total; a += 7) {
      const state = seeded(core, 'split')
      core.normalFill(state, out, a)
      core.normalFill(state, out + a * 8, total - a)
      expect(readF64(core, out, total)).toEqual(all)
    }
  })
})
