import { describe, expect, it } from 'vitest'
import { Core, type CoreExports } from '../src/core.js'
import { Engine } from '../src/engine.js'
import { ConfigError, MAX_MEMORY_BYTES } from '../src/index.js'
import { problemBytes } from '../src/limits.js'
import { embeddedCore } from '../src/wasm-embedded.js'

/** An engine whose core counts calls to `alloc`, to see whether a refusal came before any allocation. */
async function countingEngine(): Promise<{ engine: Engine; allocs: () => number }> {
  const module = await embeddedCore()
  const instance = await WebAssembly.instantiate(module, { env: { abort: () => { throw new Error('core aborted') } } })
  let count = 0
  const exports = { ...(instance.exports as unknown as CoreExports) }
  const alloc = exports.alloc
  exports.alloc = (bytes: number) => {
    count++
    return alloc(bytes)
  }
  const core = new Core({ exports } as unknown as WebAssembly.Instance)
  return { engine: new Engine(core), allocs: () => count }
}

// float32 rows of 1024 values take 4 KiB: the most training rows that fit beside one test row.
const WIDTH = 1024
const shape = (nTrain: number) => ({ numInputs: WIDTH, nTrain, nTest: 1, nValid: 0, bytesPerValue: 4 as const })
let MAX_ROWS = Math.floor(MAX_MEMORY_BYTES / (WIDTH * 4))
while (problemBytes(shape(MAX_ROWS)) > MAX_MEMORY_BYTES) MAX_ROWS--

describe('problems too large for wasm32 are refused before anything is allocated', () => {
  it('a training set one row over the limit throws a ConfigError naming nTrain, with no allocation and no memory growth', async () => {
    const { engine, allocs } = await countingEngine()
    const before = engine.memoryBytes
    let error: unknown
    try {
      engine.train({ numInputs: WIDTH, nTrain: MAX_ROWS + 1, nTest: 1, epochs: 0 })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).key).toBe('nTrain')
    expect((error as ConfigError).message).toMatch(/at most 3\.94 GiB fits in wasm32/)
    expect(allocs()).toBe(0)
    expect(engine.memoryBytes).toBe(before)
  })

  it('so is a float64 test set over the limit, and a trainer', async () => {
    const { engine, allocs } = await countingEngine()
    expect(() => engine.trainer({ numInputs: 4096, nTrain: 10, nTest: 130_000, dtype: 'float64' })).toThrow(ConfigError)
    expect(allocs()).toBe(0)
  })

  it('a problem just under the limit allocates and trains (3.94 GiB of float32 data, above 2 GiB addresses)', async () => {
    const { engine, allocs } = await countingEngine()
    expect(problemBytes(shape(MAX_ROWS + 1))).toBeGreaterThan(MAX_MEMORY_BYTES)
    const r = engine.train({ numInputs: WIDTH, nTrain: MAX_ROWS, nTest: 1, epochs: 0, initStd: 0 })
    expect(allocs()).toBeGreaterThan(0)
    expect(engine.memoryBytes).toBeGreaterThanOrEqual(problemBytes(shape(MAX_ROWS)) - 2048)
    expect(Number.isFinite(r.trainLoss)).toBe(true)
    expect(r.w).toHaveLength(WIDTH)
  }, 300_000)
})
