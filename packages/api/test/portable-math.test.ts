// The engine-independent exp/log/pow10 behind λ grids and coordinate descent's warm-start path:
// close to the engine's own Math functions, and exact where a decimal literal is.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { portableExp, portableLog, portableLog10, portablePow10 } from '../src/portable-math.js'
import { lambdaGrid } from '../src/grid.js'

/** |a − b| in units of b's last place. */
const ulps = (a: number, b: number) => Math.abs(a - b) / (Number.EPSILON * 2 ** Math.floor(Math.log2(Math.abs(b))))

describe('portable math', () => {
  it('exp and log are within 2 ulp of the engine’s over their whole range', () => {
    fc.assert(
      fc.property(fc.double({ min: -708, max: 709, noNaN: true }), (x) => {
        expect(ulps(portableExp(x), Math.exp(x))).toBeLessThanOrEqual(2)
      }),
      { numRuns: 20_000 },
    )
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        const ln = Math.log(x)
        if (ln !== 0) expect(ulps(portableLog(x), ln)).toBeLessThanOrEqual(2)
      }),
      { numRuns: 20_000 },
    )
  })

  it('is exact at the special points and at powers of ten', () => {
    expect([portableExp(0), portableLog(1), portableExp(-Infinity), portableExp(Infinity), portableLog(0)]).toEqual([1, 0, 0, Infinity, -Infinity])
    expect(portableExp(NaN)).toBeNaN()
    expect(portableLog(-1)).toBeNaN()
    for (let q = -300; q <= 300; q++) {
      expect(portableLog10(Number(`1e${q}`))).toBe(q)
      expect(portablePow10(q)).toBe(Number(`1e${q}`))
    }
    expect(portablePow10(2.5)).toBeCloseTo(316.22776601683793, 12)
  })

  it('lambdaGrid lands on decades exactly and stays within 4 ulp of 10^(log-spaced exponent)', () => {
    expect(lambdaGrid({ min: 1e-3, max: 1e3, count: 7 })).toEqual([1e-3, 1e-2, 1e-1, 1, 10, 100, 1000])
    const grid = lambdaGrid({ min: 1e-3, max: 100, count: 17 })
    grid.forEach((v, i) => expect(ulps(v, 10 ** (-3 + (5 * i) / 16))).toBeLessThanOrEqual(4))
  })
})
