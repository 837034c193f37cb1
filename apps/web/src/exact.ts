// The exact optimum beside a run in the weights view: where L1's exact zeros show (SGD's
// subgradient steps hover around zero but rarely land on it). Solved on the main thread, so
// only for small problems; the regularization path solves larger ones in workers.
import type { Engine, SolveResult } from '@weight-decay/api'
import type { Config } from './state.js'

/** Largest numInputs × nTrain solved on the page (coordinate descent may take many passes). */
export const MAX_EXACT_CELLS = 10_000

export class ExactWeights {
  private key = ''
  private value: SolveResult | string = ''

  constructor(private readonly engine: Engine) {}

  /** The optimum for this config at λ, or why it was not computed; cached for the last request. */
  get(config: Config, lambda: number): SolveResult | string {
    const key = JSON.stringify({ ...config, lambda })
    if (key === this.key) return this.value
    this.key = key
    const cells = config.numInputs * config.nTrain
    if (cells > MAX_EXACT_CELLS) {
      this.value = `the exact optimum is not solved on the page above ${MAX_EXACT_CELLS.toLocaleString('en')} values (numInputs × nTrain = ${cells.toLocaleString('en')}); the regularization path solves it in workers.`
    } else {
      try {
        this.value = this.engine.solve({ ...config, lambda })
      } catch (error) {
        this.value = `no exact optimum: ${error instanceof Error ? error.message : String(error)}`
      }
    }
    return this.value
  }
}
