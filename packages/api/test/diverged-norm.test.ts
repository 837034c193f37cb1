// wNorm of a diverged run (issue 15, item 9): float32 runs reported NaN (their weights hold NaN)
// where float64 runs reported Infinity (finite weights whose squares overflow). Decided: wNorm is
// ‖w‖₂ of the final weights, +Infinity when a weight is not finite, in both precisions; never NaN.
import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'

/** ‖w‖₂ without overflow (scaled by the largest entry); +Infinity when an entry is not finite. */
function referenceNorm(w: Float64Array): number {
  if (!w.every(Number.isFinite)) return Infinity
  const big = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
  if (big === 0) return 0
  return big * Math.sqrt(w.reduce((s, v) => s + (v / big) ** 2, 0))
}

describe('wNorm of diverged runs', async () => {
  const engine = await createEngine()
  const runs = []
  for (const lr of [0.1, 0.5, 1, 10, 1e3, 1e6]) {
    for (const lambda of [0, 1, 1e3, 1e6]) {
      for (const dtype of ['float32', 'float64'] as const) runs.push(engine.train({ lr, lambda, dtype, epochs: 30, evalEvery: 1 }))
    }
  }
  const diverged = runs.filter((r) => r.diverged)

  it('is never NaN, in either precision', () => {
    expect(diverged.filter((r) => r.config.dtype === 'float32').length).toBeGreaterThan(10)
    expect(diverged.filter((r) => r.config.dtype === 'float64').length).toBeGreaterThan(10)
    for (const r of diverged) expect(r.wNorm, JSON.stringify(r.config)).not.toBeNaN()
  })

  it('is +Infinity when a weight is not finite, else the norm of the finite weights (relative error ≤ 1e-14)', () => {
    let infinite = 0
    let finiteHuge = 0
    for (const r of diverged) {
      const expected = referenceNorm(r.w)
      if (expected === Infinity) {
        infinite++
        expect(r.wNorm).toBe(Infinity)
      } else {
        if (expected > 1e154) finiteHuge++
        expect(Math.abs(r.wNorm - expected) / expected, JSON.stringify(r.config)).toBeLessThanOrEqual(1e-14)
      }
    }
    // Both kinds occur in this grid: the rule is exercised, not assumed.
    expect(infinite).toBeGreaterThan(0)
    expect(finiteHuge).toBeGreaterThan(0)
  })

  it('runs that did not diverge keep their bits (the plain sum of squares)', () => {
    const r = engine.train({ lambda: 3 })
    const plain = Math.sqrt(r.w.reduce((s, v) => s + v * v, 0))
    expect(r.wNorm).toBe(plain)
  })
})
