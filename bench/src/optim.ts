// Scenario 6: what the optimizers cost against plain SGD (issue 14). Runs of the two are
// interleaved round by round, so drift in the machine's load falls on both alike.
import type { Engine, TrainOptions } from '@weight-decay/api'
import { LARGE } from './large.js'
import { ms, summarize, type Summary } from './stats.js'

/** What main.ts lends a scenario: its table, its notes and its repetition counts. */
export interface ScenarioKit {
  heading(title: string): void
  record(row: { scenario: string; impl: string; summary: Summary; ratio?: number; note?: string }): void
  notes: string[]
  reps(full: number, quick?: number): number
}

/** Per-call milliseconds of `a` and `b`, alternated in `rounds` rounds of `perRound` calls each. */
function interleaved(a: () => number, b: () => number, rounds: number, perRound: number): [number[], number[]] {
  const ta: number[] = []
  const tb: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < perRound; i++) ta.push(a())
    for (let i = 0; i < perRound; i++) tb.push(b())
  }
  return [ta, tb]
}

const wall = (fn: () => unknown) => (): number => {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

/** The seed's config and the large problem, each with Adam (and SGD with momentum) against plain SGD. */
export async function optimizers(engine: Engine, kit: ScenarioKit): Promise<void> {
  const seedScenario = "6a. optimizers, the seed's config: one train(λ = 3), data + training + evaluation, float32"
  kit.heading(seedScenario)
  const sgd: TrainOptions = { lambda: 3 }
  const variants: [string, TrainOptions][] = [
    ['Adam + L2 (coupled)', { lambda: 3, optimizer: 'adam' }],
    ['AdamW (decoupled), cosine', { lambda: 3, optimizer: 'adam', decay: 'decoupled', schedule: 'cosine' }],
    ['SGD, Nesterov momentum 0.9', { lambda: 3, momentum: 0.9, nesterov: true }],
  ]
  for (let i = 0; i < 200; i++) engine.train(sgd)
  let seedRatio = NaN
  for (const [label, options] of variants) {
    for (let i = 0; i < 200; i++) engine.train(options)
    const [base, other] = interleaved(wall(() => engine.train(sgd)), wall(() => engine.train(options)), kit.reps(20, 4), 100)
    const s = summarize(base)
    const o = summarize(other)
    const ratio = o.median / s.median
    if (Number.isNaN(seedRatio)) {
      kit.record({ scenario: seedScenario, impl: 'plain SGD (the seed)', summary: s })
      seedRatio = ratio
    }
    kit.record({ scenario: seedScenario, impl: label, summary: o, ratio, note: 'ratio against plain SGD, measured alternately' })
  }
  kit.notes.push(`Optimizers, seed's config (Adam ≤ 2× SGD): ${seedRatio <= 2 ? 'met' : 'NOT met'}, Adam/SGD median ratio ${seedRatio.toFixed(2)} (busy shared machine; medians of alternated runs).`)

  for (const dtype of ['float32', 'float64'] as const) {
    const scenario = `6b. optimizers, large: d=${LARGE.numInputs}, nTrain=${LARGE.nTrain}, batch ${LARGE.batchSize}, ${LARGE.epochs} epochs, ${dtype}, training only`
    kit.heading(scenario)
    const make = (options: TrainOptions) => engine.trainer({ ...LARGE, dtype, evalEvery: 1_000_000, ...options })
    const plain = make({})
    const adam = make({ optimizer: 'adam' })
    try {
      const trainMs = (t: ReturnType<typeof make>) => (): number => {
        t.reset()
        const before = t.timing.trainMs
        t.step()
        return t.timing.trainMs - before
      }
      trainMs(plain)()
      trainMs(adam)()
      const [base, other] = interleaved(trainMs(plain), trainMs(adam), kit.reps(8, 2), 1)
      const s = summarize(base)
      const o = summarize(other)
      const ratio = o.median / s.median
      kit.record({ scenario, impl: 'plain SGD (trainer.timing.trainMs)', summary: s })
      kit.record({ scenario, impl: 'Adam', summary: o, ratio, note: 'ratio against plain SGD, measured alternately' })
      if (dtype === 'float32') {
        kit.notes.push(`Optimizers, large float32 (Adam ≤ 1.5× SGD): ${ratio <= 1.5 ? 'met' : 'NOT met'}, Adam ${ms(o.median)} ms against SGD ${ms(s.median)} ms = ${ratio.toFixed(2)}× (busy shared machine; medians of alternated runs).`)
      }
    } finally {
      plain.dispose()
      adam.dispose()
    }
  }
}
