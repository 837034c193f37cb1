import seedrandom from 'seedrandom'
import { describe, expect, it } from 'vitest'
import { loadCore, seeded } from './core.js'

const N = 100_000
// Integers (int32 and beyond, which seedrandom treats as strings), and strings of every kind.
const SEEDS: (string | number)[] = [
  0, 1, -1, 42, 2147483647, -2147483648, 2147483648, 9007199254740991, 1.5,
  '', 'weight-decay', 'abc', 'a fairly long seed string that runs past one hundred and twenty eight characters ........................................................',
  'ünïcödé ✓ 种子 \u{1F600}', '\0\0\0',
]
const KINDS = [
  { kind: 0, name: 'int32()', reference: (g: seedrandom.PRNG) => g.int32() },
  { kind: 1, name: 'prng()', reference: (g: seedrandom.PRNG) => g() },
  { kind: 2, name: 'double()', reference: (g: seedrandom.PRNG) => g.double() },
]

describe('xor4096 port', () => {
  const core = loadCore()
  for (const seed of SEEDS) {
    for (const { kind, name, reference } of KINDS) {
      it(`${name} matches seedrandom.xor4096(${JSON.stringify(seed)}) for ${N} outputs`, () => {
        const state = seeded(core, seed)
        const out = core.alloc(N * 8)
        core.rngFill(state, out, N, kind)
        const ours = kind === 0 ? new Int32Array(core.memory.buffer, out, N) : new Float64Array(core.memory.buffer, out, N)
        const theirs = seedrandom.xor4096(seed as string)
        let mismatch = -1
        for (let i = 0; i < N; i++) {
          if (!Object.is(ours[i], reference(theirs))) {
            mismatch = i
            break
          }
        }
        core.free(out)
        core.free(state)
        expect(mismatch, `first differing output index`).toBe(-1)
      })
    }
  }

  it('different seeds give different streams', () => {
    const a = seeded(core, 'a')
    const b = seeded(core, 'b')
    const out = core.alloc(16 * 4)
    core.rngFill(a, out, 8, 0)
    core.rngFill(b, out + 32, 8, 0)
    const v = new Int32Array(core.memory.buffer, out, 16)
    expect(Array.from(v.slice(0, 8))).not.toEqual(Array.from(v.slice(8)))
  })
})
