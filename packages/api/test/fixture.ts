// Reads the seed's golden traces from ../shared at test time (never copied into the repo).
import { existsSync, readFileSync } from 'node:fs'

export interface GoldenRun {
  lambd: number
  dtype: 'float32' | 'float64'
  w_norm: number
  b: number
  history: [number, number, number][]
}
export interface Golden {
  config: {
    num_inputs: number
    n_train: number
    n_test: number
    batch_size: number
    num_epochs: number
    lr: number
    eval_every: number
    shuffle: boolean
  }
  X_train: number[][]
  y_train: number[]
  X_test: number[][]
  y_test: number[]
  w0: number[]
  b0: number
  runs: GoldenRun[]
}

/** ../shared beside the checkout, the workplace's /work/shared, or $WEIGHT_DECAY_FIXTURES. */
const candidates = [
  new URL('../../../../shared/fixtures/seed-golden.json', import.meta.url),
  new URL('file:///work/shared/fixtures/seed-golden.json'),
  ...(process.env.WEIGHT_DECAY_FIXTURES ? [new URL(`file://${process.env.WEIGHT_DECAY_FIXTURES}/seed-golden.json`)] : []),
]

export function goldenPath(): URL | undefined {
  return candidates.find((u) => existsSync(u))
}

export function loadGolden(): Golden {
  const path = goldenPath()
  if (!path) throw new Error(`seed-golden.json not found; looked at ${candidates.map((u) => u.pathname).join(', ')}`)
  return JSON.parse(readFileSync(path, 'utf8')) as Golden
}

/** |a − b| / |b|, the relative error of a against the reference b. */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b)
}
