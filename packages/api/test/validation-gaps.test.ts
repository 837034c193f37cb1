// Validation gaps a fuzzing campaign found (issue 15, items 4 and 8): each input must be a
// ConfigError naming the key, before any work, and a disposed trainer must refuse every use.
import { describe, expect, it } from 'vitest'
import { ConfigError, MAX_HISTORY_POINTS, createEngine, createWorkerPool } from '../dist/index.js'

/** The ConfigError `f` throws (fails the test if it throws anything else, or nothing). */
function configError(f: () => unknown): ConfigError {
  let error: unknown
  try {
    f()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(ConfigError)
  return error as ConfigError
}

describe('validation gaps', async () => {
  const engine = await createEngine()

  it('holes in seed and λ lists are ConfigErrors naming the hole', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holey = [1, , 3] as number[]
    expect(configError(() => engine.trainSeeds({ epochs: 2 }, holey)).key).toBe('seeds[1]')
    expect(configError(() => engine.sweep({ lambdas: [1], seeds: holey, epochs: 2 })).key).toBe('seeds[1]')
    expect(configError(() => engine.sweep({ lambdas: holey, seeds: 1, epochs: 2 })).key).toBe('lambdas[1]')
  })

  it('holes in a pool call are refused before anything is posted', async () => {
    const pool = await createWorkerPool({ size: 1 })
    try {
      // eslint-disable-next-line no-sparse-arrays
      const holey = [1, , 3] as number[]
      await expect(pool.trainSeeds({ epochs: 2 }, holey)).rejects.toMatchObject({ name: 'ConfigError', key: 'seeds[1]' })
      await expect(pool.sweep({ lambdas: holey, seeds: 1, epochs: 2 })).rejects.toMatchObject({ name: 'ConfigError', key: 'lambdas[1]' })
    } finally {
      await pool.terminate()
    }
  })

  it('trainer.update reads each value exactly once and validates that snapshot', () => {
    for (const [key, good, bad] of [
      ['lambda', 1, -1e6],
      ['lr', 0.01, NaN],
      ['epochs', 4, 'x'],
    ] as const) {
      const t = engine.trainer({ epochs: 4 })
      let reads = 0
      const changes = Object.defineProperty({}, key, {
        enumerable: true,
        get: () => (++reads <= 2 ? good : bad),
      })
      t.update(changes)
      expect(reads).toBe(1)
      expect(t.config[key]).toBe(good)
      t.dispose()
    }
  })

  it('train, solve, trainSeeds and sweep read each option once: what is checked is what runs', () => {
    const data = { xTrain: [[1, 2], [3, 4], [5, 7]], yTrain: [1, 2, 3], xTest: [[1, 1]], yTest: [1] }
    /** Options whose `key` reads as `good` once, then as `bad`; `reads()` counts the reads. */
    const flipping = (base: object, key: string, good: unknown, bad: unknown) => {
      let reads = 0
      const options = Object.defineProperty({ ...base }, key, { enumerable: true, get: () => (++reads === 1 ? good : bad) })
      return { options, reads: () => reads }
    }
    for (const [name, call] of [
      ['train', (o: object) => engine.train(o)],
      ['solve', (o: object) => engine.solve(o)],
      ['trainSeeds', (o: object) => engine.trainSeeds(o, 2)],
      ['sweep', (o: object) => engine.sweep({ ...o, lambdas: [0.1] })],
    ] as const) {
      const f = flipping({ data, epochs: 2, dtype: 'float64' }, 'numInputs', 2, Symbol('later'))
      call(f.options)
      expect(f.reads(), name).toBe(1)
      const g = flipping({ epochs: 2 }, 'lambda', 1, -5)
      call(g.options)
      expect(g.reads(), name).toBe(1)
    }
    // A λ list whose entry changes after the check runs the value checked.
    let reads = 0
    const lambdas = new Proxy([1, 2], { get: (t, k) => (k === '1' ? (++reads === 1 ? 2 : -5) : Reflect.get(t, k)) })
    expect(engine.sweep({ lambdas, seeds: 1, epochs: 2 }).rows.map((r) => r.lambda)).toEqual([1, 2])
  })

  it('trainer.update with a key set to undefined keeps the value in force', () => {
    const t = engine.trainer({ lr: 0.01, epochs: 3, evalEvery: 1 })
    t.update({ lr: undefined })
    expect(t.config.lr).toBe(0.01)
    expect(t.step().length).toBeGreaterThan(0)
    t.dispose()
  })

  it('trainer.update(null), and updates that are not objects, are ConfigErrors', () => {
    const t = engine.trainer({ epochs: 3 })
    for (const bad of [null, 3, 'lambda', [1], new Map([['lambda', 1]])]) {
      expect(configError(() => t.update(bad as never)).message).toMatch(/trainer\.update takes an object/)
    }
    t.dispose()
  })

  it('step takes only a number of epochs: a string or a bigint is a ConfigError', () => {
    const t = engine.trainer({ epochs: 10 })
    for (const bad of ['3', 3n, null, true, [3]]) {
      const e = configError(() => t.step(bad as never))
      expect(e.key).toBe('epochs')
      expect(e.value).toBe(bad)
    }
    expect(t.epoch).toBe(0)
    t.dispose()
  })

  it('a disposed trainer throws on every method and getter that reads the run', () => {
    const t = engine.trainer({ epochs: 3 })
    t.step()
    t.dispose()
    // Another trainer reuses the memory: a disposed trainer must not read its bias.
    const other = engine.trainer({ epochs: 3, seed: 'other' })
    const uses: [string, () => unknown][] = [
      ['b', () => t.b],
      ['done', () => t.done],
      ['result', () => t.result()],
      ['weights', () => t.weights()],
      ['wNorm', () => t.wNorm()],
      ['losses', () => t.losses()],
      ['step', () => t.step()],
      ['update', () => t.update({ lambda: 1 })],
      ['reset', () => t.reset()],
    ]
    for (const [name, use] of uses) expect(use, name).toThrow(/this trainer was disposed/)
    t.dispose()
    other.dispose()
  })

  it('a sparse xTrain of length 2^31 is a ConfigError, not a RangeError', () => {
    for (const width of [1, 2, 3]) {
      const x: number[][] = []
      x.length = 2 ** 31
      x[0] = new Array<number>(width).fill(1)
      const e = configError(() => engine.train({ data: { xTrain: x, yTrain: [1], xTest: [new Array<number>(width).fill(1)], yTest: [1] } }))
      expect(e.key).toBe('data.xTrain')
    }
    const y: number[] = []
    y.length = 2 ** 31
    expect(configError(() => engine.train({ numInputs: 1, data: { xTrain: [[1]], yTrain: y, xTest: [[1]], yTest: [1] } })).key).toBe('data.yTrain')
  })

  it('a Map, a Date or another non-plain object as the config is a ConfigError', () => {
    for (const bad of [new Map([['lambda', 3]]), new Date(), /lambda/, new Set([1]), Promise.resolve({ lambda: 3 })]) {
      for (const call of [() => engine.train(bad as never), () => engine.solve(bad as never), () => engine.sweep(bad as never)]) {
        const e = configError(call)
        expect(e.key).toBe('config')
        expect(e.message).toMatch(/the config must be a plain object of settings; got an? [A-Z]\w+/)
      }
    }
    // A plain object without a prototype and a class instance are settings as usual.
    const bare = Object.assign(Object.create(null) as object, { lambda: 3, epochs: 2 })
    expect(engine.train(bare).config.lambda).toBe(3)
    class Settings {
      lambda = 3
      epochs = 2
    }
    expect(engine.train(new Settings()).config.lambda).toBe(3)
    // Inherited keys would be dropped by a spread or a worker's copy: refused, not ignored.
    const inherited = Object.create({ lambda: 3 }) as object
    expect(configError(() => engine.train(inherited)).key).toBe('lambda')
    const t = engine.trainer({ epochs: 1 })
    expect(configError(() => t.update(inherited)).message).toMatch(/inherited from the config's prototype/)
    t.dispose()
  })

  it('messages say "an object", not "a object"', () => {
    expect(configError(() => engine.train({ seed: {} as never })).message).toMatch(/got an object$/)
    expect(configError(() => engine.train({ lambda: new Map() as never })).message).toMatch(/got a Map$/)
    expect(configError(() => engine.train({ lambda: (() => 1) as never })).message).toMatch(/got a function$/)
  })

  it(`bounds the history a run keeps (at most ${MAX_HISTORY_POINTS} points), up front`, () => {
    const huge = { numInputs: 1, nTrain: 1, nTest: 1, epochs: 2 ** 30, evalEvery: 1, batchSize: 1 }
    const before = engine.memoryBytes
    for (const [call, least] of [
      [() => engine.train(huge), 1074],
      [() => engine.trainer(huge), 1074],
      [() => engine.trainSeeds(huge, 2), 2148],
    ] as const) {
      const e = configError(call)
      expect(e.key).toBe('evalEvery')
      expect(e.value).toBe(1)
      expect(e.message).toMatch(/at most 1e6 history points/)
      expect(e.message).toContain(`raise evalEvery to at least ${least} `)
    }
    // Exactly at the bound is fine (not run here: creating the trainer is enough).
    engine.trainer({ ...huge, epochs: MAX_HISTORY_POINTS }).dispose()
    // Many seeds count together.
    expect(configError(() => engine.trainSeeds({ ...huge, epochs: 1000 }, 1001)).key).toBe('evalEvery')
    // trainer.update may not raise epochs past the bound either.
    const t = engine.trainer({ ...huge, epochs: 10 })
    expect(configError(() => t.update({ epochs: 2 ** 30 })).key).toBe('epochs')
    expect(t.config.epochs).toBe(10)
    t.dispose()
    // A sweep keeps no history, and solve runs no SGD: neither is bounded by it.
    expect(engine.solve(huge).wNorm).toBeGreaterThanOrEqual(0)
    expect(engine.memoryBytes).toBe(before)
  })

  it('the pool bounds history before posting', async () => {
    const pool = await createWorkerPool({ size: 1 })
    try {
      const huge = { numInputs: 1, nTrain: 1, nTest: 1, epochs: 2 ** 30, evalEvery: 1, batchSize: 1 }
      await expect(pool.train(huge)).rejects.toMatchObject({ name: 'ConfigError', key: 'evalEvery' })
      await expect(pool.trainSeeds(huge, 2)).rejects.toMatchObject({ name: 'ConfigError', key: 'evalEvery' })
    } finally {
      await pool.terminate()
    }
  })
})
