// Properties of the optimizers and decay modes over random configs (fast-check).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEngine, ConfigError, type TrainOptions, type TrainResult } from '../dist/index.js'
import { relativeError } from './fixture.js'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150)
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261129 : undefined
if (seed !== undefined) fc.configureGlobal({ seed })

/** Small problems whose training set splits into whole batches (so no step is a short one). */
const shapeArb = fc
  .record({
    numInputs: fc.integer({ min: 1, max: 30 }),
    batchSize: fc.integer({ min: 1, max: 8 }),
    batches: fc.integer({ min: 1, max: 5 }),
    nTest: fc.integer({ min: 1, max: 10 }),
    epochs: fc.integer({ min: 1, max: 25 }),
    evalEvery: fc.integer({ min: 1, max: 6 }),
    shuffle: fc.boolean(),
    seed: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
    penalty: fc.constantFrom('l2' as const, 'l1' as const, 'elastic' as const),
    l1Ratio: fc.double({ min: 0, max: 1, noNaN: true }),
    schedule: fc.constantFrom('constant' as const, 'cosine' as const),
  })
  .map(({ batches, ...c }) => ({ ...c, nTrain: batches * c.batchSize }))

/** Every optimizer setting, valid together (nesterov only with momentum). */
const optimizerArb = fc.oneof(
  fc.record({
    optimizer: fc.constant('sgd' as const),
    momentum: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 0.95, noNaN: true })),
    nesterov: fc.boolean(),
  }).map((o) => ({ ...o, nesterov: o.momentum > 0 && o.nesterov })),
  fc.record({
    optimizer: fc.constant('adam' as const),
    beta1: fc.double({ min: 0, max: 0.99, noNaN: true }),
    beta2: fc.double({ min: 0, max: 0.9999, noNaN: true }),
    eps: fc.double({ min: 1e-10, max: 1e-2, noNaN: true }),
  }),
)

/** Every number of a result; ±0 compare equal (a zero's sign may differ between the paths). */
function numbers(r: TrainResult): number[] {
  return [...r.history.flatMap((p) => [p.epoch, p.trainLoss, p.testLoss]), ...r.w, r.b, r.wNorm, r.trainLoss, r.testLoss]
}
const sameNumbers = (a: TrainResult, b: TrainResult) => {
  const x = numbers(a)
  const y = numbers(b)
  return x.length === y.length && x.every((v, i) => v === y[i] || (Number.isNaN(v) && Number.isNaN(y[i]!))) && JSON.stringify(a.diverged) === JSON.stringify(b.diverged)
}
/** The largest relative difference between two finite results, taken on losses and weights. */
function worstDifference(a: TrainResult, b: TrainResult): number {
  const scale = Math.max(...b.w.map(Math.abs), Math.abs(b.b), 1e-300)
  let worst = 0
  a.history.forEach((p, i) => (worst = Math.max(worst, relativeError(p.trainLoss, b.history[i]!.trainLoss), relativeError(p.testLoss, b.history[i]!.testLoss))))
  // Weights near zero compare against the vector's scale, not their own.
  a.w.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - b.w[j]!) / scale)))
  return Math.max(worst, Math.abs(a.b - b.b) / scale)
}

describe('optimizer properties', async () => {
  const engine = await createEngine()

  it(`λ = 0 makes coupled, decoupled and independent decay identical, for every optimizer (${RUNS} configs)`, () => {
    fc.assert(
      fc.property(shapeArb, optimizerArb, fc.double({ min: 1e-4, max: 0.05, noNaN: true }), fc.constantFrom('float32' as const, 'float64' as const), (shape, opt, lr, dtype) => {
        const base: TrainOptions = { ...shape, ...opt, lr, dtype, lambda: 0 }
        const coupled = engine.train({ ...base, decay: 'coupled' })
        expect(sameNumbers(engine.train({ ...base, decay: 'decoupled' }), coupled)).toBe(true)
        expect(sameNumbers(engine.train({ ...base, decay: 'independent' }), coupled)).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })

  it(`plain SGD: decoupled decay agrees with coupled to rounding (float64, 1e-9), any penalty and schedule (${RUNS} configs)`, () => {
    fc.assert(
      fc.property(shapeArb, fc.double({ min: 1e-4, max: 0.01, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), (shape, lr, lambda) => {
        const base: TrainOptions = { ...shape, lr, lambda, dtype: 'float64' }
        const coupled = engine.train({ ...base, decay: 'coupled' })
        fc.pre(coupled.diverged === null)
        const decoupled = engine.train({ ...base, decay: 'decoupled' })
        expect(decoupled.diverged).toBeNull()
        expect(worstDifference(decoupled, coupled)).toBeLessThanOrEqual(1e-9)
        // …and independent decay with λ·lr is decoupled decay with λ.
        const independent = engine.train({ ...base, decay: 'independent', lambda: lambda * lr })
        expect(worstDifference(independent, decoupled)).toBeLessThanOrEqual(1e-9)
      }),
      { numRuns: RUNS },
    )
  })

  it('with momentum or Adam, coupled and decoupled decay differ (the point of AdamW)', () => {
    const base: TrainOptions = { lambda: 3, epochs: 30, dtype: 'float64' }
    for (const opt of [{ momentum: 0.9 }, { optimizer: 'adam' as const, lr: 0.01 }]) {
      const coupled = engine.train({ ...base, ...opt, decay: 'coupled' })
      const decoupled = engine.train({ ...base, ...opt, decay: 'decoupled' })
      expect(relativeError(decoupled.wNorm, coupled.wNorm)).toBeGreaterThan(0.01)
    }
  })

  it(`random optimizer configs never throw; results are finite or report divergence; same seed, same bits (${RUNS} configs)`, () => {
    fc.assert(
      fc.property(shapeArb, optimizerArb, fc.double({ min: 1e-4, max: 3, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true }), fc.constantFrom('coupled' as const, 'decoupled' as const, 'independent' as const), fc.constantFrom('float32' as const, 'float64' as const), (shape, opt, lr, lambda, decay, dtype) => {
        const config: TrainOptions = { ...shape, ...opt, lr, lambda, decay, dtype }
        const r = engine.train(config)
        if (r.diverged === null) expect([r.wNorm, r.b, r.trainLoss, r.testLoss, ...r.w].every(Number.isFinite)).toBe(true)
        else expect(r.history.every((p) => p.epoch < r.diverged!.epoch)).toBe(true)
        expect(sameNumbers(engine.train(config), r)).toBe(true)
      }),
      { numRuns: RUNS },
    )
  })

  it('a trainer stepped in pieces gives the bits of train (the schedule and the moments carry over)', () => {
    fc.assert(
      fc.property(shapeArb, optimizerArb, fc.double({ min: 1e-4, max: 0.05, noNaN: true }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 }), (shape, opt, lr, pieces) => {
        const config: TrainOptions = { ...shape, ...opt, lr, lambda: 0.5, decay: 'decoupled' }
        const t = engine.trainer(config)
        try {
          for (const n of pieces) t.step(n)
          t.update({ lr, beta1: 'beta1' in opt ? opt.beta1 : 0.9 })
          t.step()
          expect(sameNumbers(t.result(), engine.train(config))).toBe(true)
        } finally {
          t.dispose()
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    )
  })

  it('trainer.update changes the optimizer mid-run and keeps its state; reset clears it', () => {
    const config: TrainOptions = { optimizer: 'adam', lr: 0.01, lambda: 1, decay: 'decoupled', epochs: 40, dtype: 'float64' }
    const t = engine.trainer(config)
    try {
      t.step(20)
      t.update({ lr: 0.005, beta2: 0.99, decay: 'coupled' })
      t.step()
      const changed = t.result()
      // The same change made by a fresh trainer after replaying 20 epochs gives the same bits…
      const u = engine.trainer(config)
      u.step(20)
      u.update({ lr: 0.005, beta2: 0.99, decay: 'coupled' })
      u.step()
      expect(sameNumbers(u.result(), changed)).toBe(true)
      u.dispose()
      // …and differs from the unchanged run.
      expect(changed.wNorm).not.toBe(engine.train(config).wNorm)
      // reset keeps the settings in force and clears the momentum, moments and step count.
      t.reset()
      t.step()
      expect(sameNumbers(t.result(), engine.train({ ...config, lr: 0.005, beta2: 0.99, decay: 'coupled' }))).toBe(true)
    } finally {
      t.dispose()
    }
  })

  it('nesterov without momentum, and out-of-range optimizer values, are ConfigErrors naming the key', () => {
    const cases: [TrainOptions, string, RegExp][] = [
      [{ nesterov: true }, 'nesterov', /nesterov needs momentum greater than 0/],
      [{ momentum: 1 }, 'momentum', /momentum must be a number from 0 to less than 1; got 1/],
      [{ momentum: -0.1 }, 'momentum', /momentum must be/],
      [{ beta1: 1 }, 'beta1', /beta1 must be a number from 0 to less than 1/],
      [{ beta2: 1.5 }, 'beta2', /beta2 must be/],
      [{ eps: 0 }, 'eps', /eps must be a number greater than 0 up to 1e6; got 0/],
      [{ optimizer: 'adamw' as 'adam' }, 'optimizer', /optimizer must be one of "sgd", "adam"; got "adamw"/],
      [{ decay: 'weight' as 'coupled' }, 'decay', /decay must be one of "coupled", "decoupled", "independent"/],
      [{ schedule: 'step' as 'cosine' }, 'schedule', /schedule must be one of "constant", "cosine"/],
    ]
    for (const [config, key, message] of cases) {
      let error: unknown
      try {
        engine.train(config)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).key).toBe(key)
      expect((error as Error).message).toMatch(message)
    }
    // Nesterov with Adam is ignored, as momentum is (torch checks it only when building SGD).
    expect(() => engine.train({ optimizer: 'adam', nesterov: true, epochs: 1 })).not.toThrow()
    const t = engine.trainer({ momentum: 0.9, nesterov: true })
    expect(() => t.update({ momentum: 0 })).toThrow(/nesterov needs momentum greater than 0/)
    expect(t.config.momentum).toBe(0.9)
    t.dispose()
  })
})
