import type { RunConfig, Seed } from './config.js'
import { spread, type Spread } from './stats.js'
import type { TrainResult } from './trainer.js'

/** One epoch of many seeds' runs. */
export interface SeedsPoint {
  /** Epochs completed. */
  epoch: number
  /** Spread of the training loss over seeds. */
  trainLoss: Spread
  /** Spread of the test loss over seeds. */
  testLoss: Spread
  /** Seeds with a finite point at this epoch (diverged runs stop early). */
  runs: number
}

/** Many seeds of one config, for charts with bands. */
export interface SeedsResult {
  /** The resolved config (seed aside). */
  config: RunConfig
  /** The seeds, in order. */
  seeds: Seed[]
  /** Spreads per evaluated epoch. */
  history: SeedsPoint[]
  /** Spreads of the final values over the seeds that did not diverge (null if all did). */
  wNorm: Spread | null
  /** Spread of the final training loss. */
  trainLoss: Spread | null
  /** Spread of the final test loss. */
  testLoss: Spread | null
  /** How many seeds diverged. */
  diverged: number
}

/** What the aggregate needs of one seed's run (not its weights: many seeds of a wide problem would not fit). */
export type SeedRun = Pick<TrainResult, 'config' | 'history' | 'wNorm' | 'trainLoss' | 'testLoss' | 'diverged'>

/** The part of a run that {@link aggregateSeeds} keeps. */
export function seedRun(r: TrainResult): SeedRun {
  return { config: r.config, history: r.history, wNorm: r.wNorm, trainLoss: r.trainLoss, testLoss: r.testLoss, diverged: r.diverged }
}

/** Aggregates per-seed results, in seed order, into per-epoch and final spreads. */
export function aggregateSeeds(seeds: Seed[], results: readonly SeedRun[]): SeedsResult {
  const byEpoch = new Map<number, { train: number[]; test: number[] }>()
  for (const r of results) {
    for (const p of r.history) {
      let slot = byEpoch.get(p.epoch)
      if (!slot) byEpoch.set(p.epoch, (slot = { train: [], test: [] }))
      slot.train.push(p.trainLoss)
      slot.test.push(p.testLoss)
    }
  }
  const history = [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, s]) => ({ epoch, trainLoss: spread(s.train)!, testLoss: spread(s.test)!, runs: s.train.length }))
  const ok = results.filter((r) => r.diverged === null)
  return {
    config: results[0]!.config,
    seeds: seeds.slice(),
    history,
    wNorm: spread(ok.map((r) => r.wNorm)),
    trainLoss: spread(ok.map((r) => r.trainLoss)),
    testLoss: spread(ok.map((r) => r.testLoss)),
    diverged: results.length - ok.length,
  }
}
