// The optimizers against torch.optim: traces made by bench/python/optim_goldens.py (committed
// fixture), replayed with the same data, initial weights and settings.
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { createEngine, type TrainOptions } from '../dist/index.js'
import { relativeError } from './fixture.js'

interface OptimRun {
  name: string
  n_train: number
  /** L1 drove some weights to zero, where they dither by ±lr_t·λ and sign(w) follows rounding. */
  at_zero: boolean
  /** Settings changed after `epoch` epochs, as trainer.update changes them (torch: param_groups edited). */
  change?: { epoch: number; lr: number; lambda: number; beta1?: number; beta2?: number; momentum?: number }
  dtype: 'float32' | 'float64'
  config: Pick<TrainOptions, 'optimizer' | 'lr' | 'momentum' | 'nesterov' | 'beta1' | 'beta2' | 'eps' | 'decay' | 'schedule' | 'penalty' | 'l1Ratio'> & { lambd: number }
  history: [number, number, number][]
  w: number[]
  b: number
}
interface OptimGolden {
  torch: string
  config: { num_inputs: number; n_train: number; n_test: number; batch_size: number; epochs: number; eval_every: number }
  x_train: number[][]
  y_train: number[]
  x_test: number[][]
  y_test: number[]
  w0: number[]
  b0: number
  runs: OptimRun[]
}

// The tolerances, as for the seed's goldens: float32 sums in another order than torch's BLAS.
const TOLERANCE = { float64: 1e-9, float32: 1e-3 } as const

const golden = JSON.parse(readFileSync(new URL('./fixtures/optim-golden.json', import.meta.url), 'utf8')) as OptimGolden

describe(`optimizers against torch.optim ${golden.torch} (test/fixtures/optim-golden.json)`, async () => {
  const engine = await createEngine()
  const c = golden.config
  const worst = new Map<string, number>()
  afterAll(() => {
    for (const [key, value] of [...worst].sort()) console.log(`torch.optim ${key}: worst relative error ${value.toExponential(2)}`)
  })

  for (const run of golden.runs) {
    const { lambd, ...settings } = run.config
    const how = run.change ? ` (update({ ${Object.keys(run.change).filter((k) => k !== 'epoch').join(', ')} }) after epoch ${run.change.epoch})` : ''
    const what = run.at_zero ? 'every recorded loss, and w and b relative to ‖w‖∞ (weights at the L1 kink have no reproducible sign),' : 'every recorded loss, every final weight and b'
    it(`${run.name}, ${settings.schedule}, ${run.dtype}${how}: ${what} within ${TOLERANCE[run.dtype]}`, () => {
      const t = engine.trainer({
        data: { xTrain: golden.x_train.slice(0, run.n_train), yTrain: golden.y_train.slice(0, run.n_train), xTest: golden.x_test, yTest: golden.y_test },
        init: { w: golden.w0, b: golden.b0 },
        shuffle: false,
        dtype: run.dtype,
        batchSize: c.batch_size,
        epochs: c.epochs,
        evalEvery: c.eval_every,
        lambda: lambd,
        ...settings,
      })
      let r
      try {
        if (run.change) {
          const { epoch, ...changes } = run.change
          t.step(epoch)
          t.update(changes)
        }
        t.step()
        r = t.result()
      } finally {
        t.dispose()
      }
      expect(r.diverged).toBeNull()
      expect(r.history.map((p) => p.epoch)).toEqual(run.history.map((h) => h[0]))
      let err = 0
      r.history.forEach((p, i) => {
        const [, train, test] = run.history[i]!
        err = Math.max(err, relativeError(p.trainLoss, train), relativeError(p.testLoss, test))
      })
      if (run.at_zero) {
        const scale = Math.max(...run.w.map(Math.abs))
        run.w.forEach((wj, j) => (err = Math.max(err, Math.abs(r.w[j]! - wj) / scale)))
        err = Math.max(err, Math.abs(r.b - run.b) / scale)
      } else {
        run.w.forEach((wj, j) => (err = Math.max(err, relativeError(r.w[j]!, wj))))
        err = Math.max(err, relativeError(r.b, run.b))
      }
      const key = `${settings.optimizer} ${run.dtype}${run.at_zero ? " (L1 at zero, w relative to ‖w‖∞)" : ""}`
      worst.set(key, Math.max(worst.get(key) ?? 0, err))
      expect(err).toBeLessThanOrEqual(TOLERANCE[run.dtype])
    })
  }

  it('the fixture is not trivial: the cases differ from each other', () => {
    const finals = golden.runs.filter((r) => r.dtype === 'float64').map((r) => r.w[0]!)
    expect(new Set(finals).size).toBe(finals.length)
  })

  // So the replay above can fail: a wrong schedule or decay mode misses every trace by far.
  const flipped = { coupled: 'decoupled', decoupled: 'coupled', independent: 'decoupled' } as const
  for (const run of golden.runs.filter((r) => r.dtype === 'float64' && r.change)) {
    it(`${run.name}: without the mid-run update, the run misses the trace by more than 1e-3`, () => {
      const { lambd, ...settings } = run.config
      const r = engine.train({
        data: { xTrain: golden.x_train.slice(0, run.n_train), yTrain: golden.y_train.slice(0, run.n_train), xTest: golden.x_test, yTest: golden.y_test },
        init: { w: golden.w0, b: golden.b0 },
        shuffle: false,
        dtype: 'float64',
        batchSize: c.batch_size,
        epochs: c.epochs,
        evalEvery: c.eval_every,
        lambda: lambd,
        ...settings,
      })
      expect(Math.max(...r.history.map((p, i) => relativeError(p.testLoss, run.history[i]![2])))).toBeGreaterThan(1e-3)
    })
  }

  for (const run of golden.runs.filter((r) => r.dtype === 'float64' && !r.change)) {
    it(`${run.name}, ${run.config.schedule}: the other schedule, or another decay mode, misses the trace by more than 1e-3`, () => {
      const { lambd, ...settings } = run.config
      const base: TrainOptions = {
        data: { xTrain: golden.x_train.slice(0, run.n_train), yTrain: golden.y_train.slice(0, run.n_train), xTest: golden.x_test, yTest: golden.y_test },
        init: { w: golden.w0, b: golden.b0 },
        shuffle: false,
        dtype: 'float64',
        batchSize: c.batch_size,
        epochs: c.epochs,
        evalEvery: c.eval_every,
        lambda: lambd,
        ...settings,
      }
      const schedule = settings.schedule === 'cosine' ? 'constant' : 'cosine'
      for (const wrong of [{ schedule }, { decay: flipped[settings.decay!] }] as const) {
        const r = engine.train({ ...base, ...wrong })
        const err = Math.max(...r.history.map((p, i) => relativeError(p.testLoss, run.history[i]![2])))
        expect(err).toBeGreaterThan(1e-3)
      }
    })
  }
})
