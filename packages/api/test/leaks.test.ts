// Out of wasm memory at any allocation must leave the engine's memory as it was (issue 15, item 6).
// Each allocation of each operation is made to fail in turn (the engine's allocator is wrapped,
// as `alloc` returning 0 would throw), and the live bytes afterwards must equal those before.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'
import { randomProblem } from './problems.js'

interface CoreLike {
  alloc(bytes: number): number
  exports: { liveBytes(): number }
}

describe('no leak when wasm memory runs out', async () => {
  const engine = await createEngine()
  const core = (engine as unknown as { core: CoreLike }).core
  const original = core.alloc
  const live = () => core.exports.liveBytes()

  /** Runs `op` with its `n`-th allocation failing; whether it failed (false: it has fewer allocations). */
  function failAt(n: number, op: () => unknown): boolean {
    let calls = 0
    core.alloc = (bytes: number) => {
      if (++calls === n) throw new Error('out of wasm memory (injected)')
      return original.call(core, bytes)
    }
    try {
      op()
      return false
    } catch (error) {
      expect((error as Error).message).toMatch(/injected/)
      return true
    } finally {
      core.alloc = original
    }
  }

  const data = randomProblem('leaks', 12, 4, 6)
  const OPERATIONS: [string, () => unknown][] = [
    ['train with a long string seed', () => engine.train({ seed: 's'.repeat(5000), epochs: 2 })],
    ['train with an integer seed', () => engine.train({ seed: 7, epochs: 2 })],
    ['trainer, then dispose', () => engine.trainer({ seed: 'abc', epochs: 2 }).dispose()],
    ['solve, l2 (closed form)', () => engine.solve({ seed: 'abc', lambda: 1 })],
    ['solve, l1 (coordinate descent)', () => engine.solve({ seed: 'abc', lambda: 0.1, penalty: 'l1' })],
    ['solve, elastic on caller data', () => engine.solve({ data, lambda: 0.1, penalty: 'elastic', dtype: 'float64' })],
    ['sweep, synthetic', () => engine.sweep({ lambdas: [0, 1], seeds: 2, epochs: 2, penalty: 'l1' })],
    ['sweep, caller data with a validation share', () => engine.sweep({ data, lambdas: [0.1, 1], seeds: 2, epochs: 2, validFraction: 0.25 })],
    ['trainSeeds', () => engine.trainSeeds({ epochs: 2 }, 3)],
  ]

  for (const [name, op] of OPERATIONS) {
    it(`${name}: failing each allocation in turn leaks nothing`, () => {
      const before = live()
      let n = 1
      for (; failAt(n, op); n++) expect(live(), `allocation ${n} failed`).toBe(before)
      expect(live()).toBe(before)
      // It did allocate, and the engine still gives the same bits as a fresh one.
      expect(n).toBeGreaterThan(1)
      expect(engine.train({ seed: 'after' }).wNorm).toBe(engine.train({ seed: 'after' }).wNorm)
    })
  }
})

describe('what many seeds keep', () => {
  // Before: every seed's result, weights included, was kept until the end (numInputs 2^24 over
  // 30 seeds is 4 GiB of copies). Only what the aggregate needs is kept now.
  for (const where of ['engine', 'pool']) {
    it(`${where}.trainSeeds does not keep each seed's weights`, () => {
      const script = fileURLToPath(new URL('./fixtures/seeds-memory.mjs', import.meta.url))
      const api = new URL('../dist/index.js', import.meta.url).href
      const child = spawnSync(process.execPath, ['--expose-gc', script, api, where], { encoding: 'utf8', timeout: 60_000 })
      expect(child.stderr).toBe('')
      // 22 seeds between the two measurements would hold 22 × 8 MiB = 176 MiB of weights.
      expect(Number(child.stdout)).toBeLessThan(16)
    })
  }
})
