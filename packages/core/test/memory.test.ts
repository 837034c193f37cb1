import seedrandom from 'seedrandom'
import { describe, expect, it } from 'vitest'
import { loadCore } from './core.js'

describe('the block allocator', () => {
  it('serves random alloc/free sequences: aligned, disjoint, contents kept, memory reused', () => {
    const core = loadCore()
    const rand = seedrandom.xor4096('allocator')
    const live = new Map<number, { size: number; tag: number }>()
    const check = (ptr: number, size: number, tag: number) => {
      const bytes = new Uint8Array(core.memory.buffer, ptr, size)
      return bytes.every((b) => b === tag)
    }
    let peak = 0
    for (let step = 0; step < 6_000; step++) {
      if (live.size > 0 && (rand() < 0.5 || live.size > 40)) {
        const keys = [...live.keys()]
        const ptr = keys[Math.floor(rand() * keys.length)]!
        const { size, tag } = live.get(ptr)!
        expect(check(ptr, size, tag), `block at ${ptr} kept its contents`).toBe(true)
        core.free(ptr)
        live.delete(ptr)
      } else {
        const size = Math.floor(rand() ** 3 * 200_000)
        const ptr = core.alloc(size) >>> 0
        expect(ptr).not.toBe(0)
        expect(ptr % 16).toBe(0)
        const overlapping = [...live].filter(([other, o]) => !(ptr + size <= other || other + o.size <= ptr))
        expect(overlapping).toEqual([])
        const tag = (step % 255) + 1
        new Uint8Array(core.memory.buffer, ptr, size).fill(tag)
        live.set(ptr, { size, tag })
      }
      if (step === 3_000) peak = core.memory.buffer.byteLength
    }
    // At most 41 blocks of at most 200 kB are ever live: the second half must not need more memory.
    expect(core.memory.buffer.byteLength).toBe(peak)
    for (const ptr of live.keys()) core.free(ptr)
    expect(core.liveBytes()).toBe(0)
    // 6,000 fills and byte-by-byte checks of up to 200 kB in JS: ~2.5 s alone, up to twice
    // that on a loaded 2-core machine, so vitest's 5 s default is too tight for it.
  }, 20_000)

  it('merges freed neighbours, so a large block fits where small ones were', () => {
    const core = loadCore()
    const small = Array.from({ length: 10 }, () => core.alloc(100_000) >>> 0)
    const grown = core.memory.buffer.byteLength
    for (const p of small) core.free(p)
    const big = core.alloc(900_000) >>> 0
    expect(big).toBe(small[0])
    expect(core.memory.buffer.byteLength).toBe(grown)
  })

  it('returns 0 when memory cannot grow, and keeps working afterwards', () => {
    const core = loadCore()
    const kept = core.alloc(1000) >>> 0
    expect(core.alloc(4 * 2 ** 30 - 1) >>> 0).toBe(0)
    const after = core.alloc(1000) >>> 0
    expect(after).not.toBe(0)
    expect(after).not.toBe(kept)
  })

  it('hands out blocks above 2 GiB with unsigned addresses (large problems)', () => {
    const core = loadCore()
    const blocks = [0, 1, 2, 3].map(() => core.alloc(900 * 2 ** 20) >>> 0)
    expect(blocks.every((p) => p !== 0)).toBe(true)
    expect(Math.max(...blocks)).toBeGreaterThan(2 ** 31)
    const last = blocks[3]!
    const view = new Float64Array(core.memory.buffer, last, 4)
    view.set([1, 2, 3, 4])
    expect(Array.from(new Float64Array(core.memory.buffer, last, 4))).toEqual([1, 2, 3, 4])
  })
})
