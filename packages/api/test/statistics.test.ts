import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'

// The original PyTorch code's spread over 50 seeds at the default config (DESIGN.md):
// p10 and p90 of the final ‖w‖ and of the final test loss.
const REFERENCE = [
  { lambda: 0, wNorm: [12.49, 14.35], testLoss: [70.2, 111.7] },
  { lambda: 3, wNorm: [0.342, 0.391], testLoss: [0.0633, 0.146] },
  { lambda: 10, wNorm: [0.0198, 0.0356], testLoss: [0.00893, 0.0275] },
] as const

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

describe('statistics over 50 seeds match the original code', async () => {
  const engine = await createEngine()
  for (const ref of REFERENCE) {
    it(`λ=${ref.lambda}: medians of ‖w‖ and final test loss fall inside the original's p10–p90`, () => {
      const runs = Array.from({ length: 50 }, (_, seed) => engine.train({ lambda: ref.lambda, seed }))
      expect(runs.every((r) => r.diverged === null)).toBe(true)
      const wNorm = median(runs.map((r) => r.wNorm))
      const testLoss = median(runs.map((r) => r.testLoss))
      console.log(`λ=${ref.lambda}: median ‖w‖ ${wNorm.toPrecision(4)}, median test loss ${testLoss.toPrecision(4)}, median train loss ${median(runs.map((r) => r.trainLoss)).toPrecision(3)}`)
      expect(wNorm).toBeGreaterThanOrEqual(ref.wNorm[0])
      expect(wNorm).toBeLessThanOrEqual(ref.wNorm[1])
      expect(testLoss).toBeGreaterThanOrEqual(ref.testLoss[0])
      expect(testLoss).toBeLessThanOrEqual(ref.testLoss[1])
    })
  }
})
