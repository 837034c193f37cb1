// The exact optimum at each run's λ, solved in a Web Worker (never on the page's thread), for the
// weights view: where L1's exact zeros show (SGD's subgradient steps hover around zero but rarely
// land on it).
import type { SolveResult } from '@weight-decay/api'
import { getPool } from './pool.js'
import type { Config } from './state.js'
import type { DataOptions } from './user-data.js'
import { message } from './notices.js'

export class ExactWeights {
  private readonly cache = new Map<string, SolveResult | string>()
  /** The visitor's data (its key names it in the cache), or none for generated data. */
  data: { key: string; options: DataOptions } | null = null

  /** `onReady` is called when a requested optimum arrives. */
  constructor(private readonly onReady: () => void) {}

  /** The optimum for this config at λ, why there is none, or undefined while it is being solved. */
  get(config: Config, lambda: number): SolveResult | string | undefined {
    const key = JSON.stringify({ ...config, lambda, data: this.data?.key })
    const options = this.data?.options
    if (this.cache.has(key)) return this.cache.get(key)
    if (this.cache.size > 64) this.cache.clear()
    this.cache.set(key, undefined as unknown as string)
    getPool()
      // With the visitor's data each solve copies it to a worker (tens of ms at the largest size): one per task.
      .then((pool) => (options ? new Promise<void>((resolve) => setTimeout(resolve, 0)) : Promise.resolve()).then(() => pool.solve({ ...config, ...options, lambda })))
      .then(
        (result) => this.cache.set(key, result),
        (error: unknown) => this.cache.set(key, `no exact optimum: ${message(error)}`),
      )
      .finally(() => this.onReady())
    return undefined
  }
}
