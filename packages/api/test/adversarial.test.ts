// Adversarial API input (issue 15's campaign, grown into the suite): hostile values in every key,
// holes, getters, Proxies, Maps, bigints, huge sparse arrays, through train, trainer (step, update,
// use after dispose), solve, sweep and trainSeeds. Each case must return or throw a ConfigError
// (never a TypeError or RangeError), leak no wasm memory, and leave the engine giving the same bits
// as a fresh one; through the worker pool, each must resolve or reject with a ConfigError. CI
// replays a fixed sample; ADVERSARIAL_RUNS scales it up, FC_SEED replays one.
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, createEngine, createWorkerPool, type Engine, type TrainResult, type WorkerPool } from '../dist/index.js'

const RUNS = Number(process.env.ADVERSARIAL_RUNS ?? 1000)
/** Pool cases: a tenth of the engine's (each is a round trip to a worker). */
const POOL_RUNS = Math.ceil(RUNS / 10)
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : Date.now() % 2 ** 31

/** A sparse array claiming `length` entries, with only the first set. */
function sparse(length: number, first: unknown): unknown[] {
  const a: unknown[] = []
  a.length = length
  a[0] = first
  return a
}

/** Values wrong almost everywhere (built fresh per case: some are stateful). */
const hostile: fc.Arbitrary<() => unknown> = fc.constantFrom<() => unknown>(
  () => NaN,
  () => -0,
  () => Infinity,
  () => -1,
  () => 1.5,
  () => 2 ** 31,
  () => 2 ** 53 + 2,
  () => '3',
  () => '',
  () => 3n,
  () => null,
  () => true,
  () => Symbol('s'),
  () => new Map([['lambda', 1]]),
  () => new Date(0),
  () => /x/,
  () => [],
  // eslint-disable-next-line no-sparse-arrays
  () => [1, , 3],
  () => sparse(2 ** 31, [1, 2]),
  () => sparse(2 ** 30 + 1, 1),
  () => new Proxy([[1, 2]], {}),
  () => new Float64Array(3),
  () => () => 1,
  () => ({}),
  () => Object.create(null),
  () => ({ valueOf: () => 3 }),
  () => 'x'.repeat(10_001),
)

/** Small valid values, so accepted cases run quickly. */
const VALID: Record<string, fc.Arbitrary<unknown>> = {
  numInputs: fc.integer({ min: 1, max: 4 }),
  nTrain: fc.integer({ min: 1, max: 6 }),
  nTest: fc.integer({ min: 1, max: 4 }),
  epochs: fc.integer({ min: 0, max: 12 }),
  evalEvery: fc.integer({ min: 1, max: 4 }),
  batchSize: fc.integer({ min: 1, max: 8 }),
  lr: fc.constantFrom(0.003, 0.1, 5),
  lambda: fc.constantFrom(0, 1, 1e6),
  penalty: fc.constantFrom('l2', 'l1', 'elastic'),
  l1Ratio: fc.constantFrom(0, 0.5, 1),
  dtype: fc.constantFrom('float32', 'float64'),
  shuffle: fc.boolean(),
  seed: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
  data: fc.constant({ xTrain: [[1, 2], [3, 4], [5, 7]], yTrain: [1, 2, 3], xTest: [[1, 1]], yTest: [1] }),
  init: fc.constant({ w: [0.5, -0.5] }),
  optimizer: fc.constantFrom('sgd', 'adam'),
  momentum: fc.constantFrom(0, 0.9),
  nesterov: fc.boolean(),
  beta1: fc.constantFrom(0, 0.9),
  beta2: fc.constantFrom(0.5, 0.999),
  eps: fc.constantFrom(1e-8, 1),
  decay: fc.constantFrom('coupled', 'decoupled', 'independent'),
  schedule: fc.constantFrom('constant', 'cosine'),
}
const KEYS = [...Object.keys(VALID), 'trueW', 'trueB', 'noiseStd', 'initStd', 'lamda', '__proto__', 'constructor']

/** A value for a key: mostly valid, often hostile, sometimes a getter that changes its answer. */
const valueFor = (key: string): fc.Arbitrary<() => unknown> => {
  // Own keys only: 'constructor' and '__proto__' are keys to try, not VALID's inherited members.
  const valid = Object.hasOwn(VALID, key) ? VALID[key]! : fc.constant(0)
  return fc.oneof(
    { arbitrary: valid.map((v) => () => v), weight: 4 },
    { arbitrary: hostile, weight: 3 },
    { arbitrary: fc.tuple(valid, hostile).map(([good, bad]) => () => ({ flip: [good, bad()] })), weight: 1 },
  )
}

/** Builds a config; a `{ flip }` value becomes a getter: valid on the first read, hostile after. */
function build(entries: [string, () => unknown][]): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  for (const [key, make] of entries) {
    const v = make()
    if (v && typeof v === 'object' && 'flip' in v) {
      const [good, bad] = (v as { flip: [unknown, unknown] }).flip
      let reads = 0
      Object.defineProperty(config, key, { enumerable: true, configurable: true, get: () => (++reads === 1 ? good : bad) })
    } else Object.defineProperty(config, key, { value: v, enumerable: true, configurable: true, writable: true })
  }
  return config
}

const configArb = fc.array(fc.constantFrom(...KEYS).chain((k) => valueFor(k).map((v) => [k, v] as [string, () => unknown])), { maxLength: 5 })

type Call = (engine: Engine, config: Record<string, unknown>, extra: unknown) => unknown
const CALLS: Record<string, Call> = {
  train: (e, c) => e.train(c),
  solve: (e, c) => e.solve(c),
  sweep: (e, c, extra) => e.sweep({ ...c, lambdas: Array.isArray(extra) || extra === undefined ? (extra as number[]) ?? [0, 1] : [extra as number], seeds: 2 }),
  trainSeeds: (e, c, extra) => e.trainSeeds(c, extra as number),
  'trainer.step': (e, c, extra) => {
    const t = e.trainer(c)
    try {
      return t.step(extra as number)
    } finally {
      t.dispose()
    }
  },
  'trainer.update': (e, c, extra) => {
    const t = e.trainer(c)
    try {
      t.update(extra as never)
      return t.step()
    } finally {
      t.dispose()
    }
  },
  'disposed trainer': (e, c, extra) => {
    const t = e.trainer(c)
    t.dispose()
    const uses = [() => t.b, () => t.done, () => t.result(), () => t.weights(), () => t.step(), () => t.update({})]
    try {
      uses[Math.abs(Number(typeof extra === 'number' ? extra : 0) | 0) % uses.length]!()
    } catch (error) {
      // The one error expected here: a clear refusal.
      if (/this trainer was disposed/.test((error as Error).message)) return undefined
      throw error
    }
    throw new Error('a disposed trainer answered')
  },
}

/** The call's other argument: seeds, λ list, step count or update. */
const extraArb = fc.oneof(hostile, fc.constantFrom(() => undefined, () => 3, () => [1, 2], () => ({ lambda: 2 }), () => ({ get lr() { return 0.01 } })))
const caseArb = fc.record({ call: fc.constantFrom(...Object.keys(CALLS)), config: configArb, extra: extraArb })

const bits = (r: TrainResult) => JSON.stringify([r.history, Array.from(r.w), r.b, r.wNorm, r.diverged])

describe(`adversarial API input (${RUNS} cases, seed ${SEED})`, async () => {
  const engine = await createEngine()
  const fresh = await createEngine()
  const core = (engine as unknown as { core: { exports: { liveBytes(): number } } }).core
  const reference = bits(fresh.train({ seed: 'reference', lambda: 3 }))

  it('returns or throws a ConfigError; no leak; the engine stays bit-identical', () => {
    const failures = new Map<string, string[]>()
    const fail = (kind: string, what: string) => failures.set(kind, [...(failures.get(kind) ?? []), what])
    const cases = fc.sample(caseArb, { numRuns: RUNS, seed: SEED })
    let refused = 0
    cases.forEach(({ call, config, extra }, i) => {
      const live = core.exports.liveBytes()
      const what = `#${i} ${call} ${String(config.map(([k]) => k))}`
      try {
        const out = CALLS[call]!(engine, build(config), extra())
        const norm = (out as { wNorm?: unknown } | undefined)?.wNorm
        if (typeof norm === 'number' && Number.isNaN(norm)) fail(`${call}: wNorm NaN`, what)
      } catch (error) {
        if (error instanceof ConfigError) refused++
        if (!(error instanceof ConfigError)) fail(`${call}: ${(error as Error)?.constructor?.name ?? typeof error}`, `${what}: ${String((error as Error)?.message).slice(0, 120)}`)
        else if (typeof error.key !== 'string' || error.message.includes('a object')) fail(`${call}: malformed ConfigError`, `${what}: ${error.message}`)
      }
      if (core.exports.liveBytes() !== live) fail(`${call}: leaked wasm memory`, what)
      if (i % 25 === 24 && bits(engine.train({ seed: 'reference', lambda: 3 })) !== reference) fail('engine state changed', what)
    })
    const summary = [...failures].map(([kind, list]) => `${kind}: ${list.length} (e.g. ${list[0]})`)
    if (process.env.ADVERSARIAL_REPORT) console.log(`${RUNS} cases, ${refused} ConfigErrors, ${[...failures.values()].reduce((s, l) => s + l.length, 0)} failures\n${summary.join('\n')}`)
    expect(summary).toEqual([])
  })
})

type PoolCall = (pool: WorkerPool, config: Record<string, unknown>, extra: unknown) => Promise<unknown>
const POOL_CALLS: Record<string, PoolCall> = {
  train: (p, c) => p.train(c),
  solve: (p, c) => p.solve(c),
  sweep: (p, c, extra) => p.sweep({ ...c, lambdas: Array.isArray(extra) || extra === undefined ? (extra as number[]) ?? [0, 1] : [extra as number], seeds: 2 }),
  trainSeeds: (p, c, extra) => p.trainSeeds(c, extra as number),
}

describe(`adversarial input to the worker pool (${POOL_RUNS} cases, seed ${SEED})`, async () => {
  const engine = await createEngine()
  const pool = await createWorkerPool({ size: 1 })
  afterAll(() => pool.terminate())

  it('resolves or rejects with a ConfigError; the pool keeps giving the engine\'s bits', async () => {
    const failures: string[] = []
    const cases = fc.sample(fc.record({ call: fc.constantFrom(...Object.keys(POOL_CALLS)), config: configArb, extra: extraArb }), { numRuns: POOL_RUNS, seed: SEED })
    let resolved = 0
    for (const [i, { call, config, extra }] of cases.entries()) {
      try {
        await POOL_CALLS[call]!(pool, build(config), extra())
        resolved++
      } catch (error) {
        if (!(error instanceof ConfigError)) failures.push(`#${i} ${call}: ${(error as Error)?.name}: ${String((error as Error)?.message).slice(0, 120)}`)
      }
    }
    if (process.env.ADVERSARIAL_REPORT) console.log(`pool: ${POOL_RUNS} cases, ${resolved} resolved, ${failures.length} failures\n${failures.join('\n')}`)
    expect(failures).toEqual([])
    expect((await pool.train({ seed: 'reference', lambda: 3 })).wNorm).toBe(engine.train({ seed: 'reference', lambda: 3 }).wNorm)
  })
})
