import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { loadCore, seeded, type RawCore } from './core.js'

// Same seed, same data in every version: the draws of the data stream are part of the product.
// These digests were taken from the scalar core (commit 55b7be1) before any optimisation.
// They also depend on the build: AssemblyScript's Math.exp/log (the ziggurat's tables and wedge
// tests) switch to other implementations, different in the last bit, when shrinkLevel > 0.

interface DataCore extends RawCore {
  syntheticData_f32(rng: number, x: number, y: number, rows: number, d: number, trueW: number, trueB: number, noiseStd: number): void
  syntheticData_f64(rng: number, x: number, y: number, rows: number, d: number, trueW: number, trueB: number, noiseStd: number): void
  fillNormal_f32(rng: number, out: number, n: number, scale: number): void
  fillNormal_f64(rng: number, out: number, n: number, scale: number): void
  rngInt32(state: number): number
}

/** Digest of what the seed's problem draws: train data, test data, initial w, then the next int32. */
function digest(seed: string | number, dtype: 'f32' | 'f64', nTrain: number, nTest: number, d: number): string {
  const core = loadCore() as DataCore
  const t = dtype === 'f32' ? 4 : 8
  const rng = seeded(core, seed)
  const hash = createHash('sha256')
  const blocks: [number, number][] = []
  const data = dtype === 'f32' ? core.syntheticData_f32 : core.syntheticData_f64
  for (const rows of [nTrain, nTest]) {
    const x = core.alloc(rows * d * t)
    const y = core.alloc(rows * t)
    data(rng, x, y, rows, d, 0.01, 0.05, 0.01)
    blocks.push([x, rows * d * t], [y, rows * t])
  }
  const w = core.alloc(d * t)
  ;(dtype === 'f32' ? core.fillNormal_f32 : core.fillNormal_f64)(rng, w, d, 1)
  blocks.push([w, d * t])
  for (const [p, n] of blocks) hash.update(new Uint8Array(core.memory.buffer, p, n))
  hash.update(String(core.rngInt32(rng)))
  return hash.digest('hex').slice(0, 16)
}

const PINS: [string | number, 'f32' | 'f64', number, number, number, string][] = [
  ['weight-decay', 'f32', 20, 100, 200, '8776d6f870e4047d'],
  ['weight-decay', 'f64', 20, 100, 200, '4f19be9efbbacd07'],
  [42, 'f32', 7, 3, 13, 'c284906bc1200009'],
  [42, 'f64', 7, 3, 13, '53e8a9553579df89'],
  ['', 'f32', 3, 2, 1, 'd3faffa46dcb3308'],
  ['tails', 'f64', 300, 1, 1001, '5df1c279e4f1205f'],
]

describe('the data stream is pinned', () => {
  for (const [seed, dtype, nTrain, nTest, d, pin] of PINS) {
    it(`seed ${JSON.stringify(seed)} ${dtype} ${nTrain}+${nTest} rows × ${d} draws the same bits as before`, () => {
      expect(digest(seed, dtype, nTrain, nTest, d)).toBe(pin)
    })
  }
})
