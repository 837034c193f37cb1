import type { ExperimentConfig } from './config.js'
import { instantiateCore, type Core } from './core.js'
import { compileCore, type WasmSource } from './load.js'
import { resolveTrainOptions, type TrainOptions } from './options.js'
import { Problem } from './problem.js'
import { Trainer, type TrainResult } from './trainer.js'

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** The core's wasm: a URL, its bytes, or a compiled module. Defaults to the file shipped with this package. */
  wasm?: WasmSource
}

/**
 * An instance of the core with its own memory. Runs reuse that memory; engines share nothing
 * mutable, so several may live side by side.
 */
export class Engine {
  private core: Core

  /** @internal use {@link createEngine}. */
  constructor(core: Core) {
    this.core = core
  }

  /** Bytes of wasm memory this engine has reserved (it grows to the largest problem, then stays). */
  get memoryBytes(): number {
    return this.core.memoryBytes
  }

  /**
   * Trains one run to the end. Any subset of the config may be given; the rest are
   * {@link DEFAULT_CONFIG}. Throws {@link ConfigError} for invalid input before any work.
   *
   * @example
   * const r = engine.train({ lambda: 3, seed: 'abc' })
   * console.log(r.wNorm, r.history.at(-1))
   */
  train(options: TrainOptions = {}): TrainResult {
    const trainer = this.trainer(options)
    try {
      trainer.step()
      return trainer.result()
    } finally {
      trainer.dispose()
    }
  }

  /**
   * A run that advances on demand (`step`), whose hyperparameters may change between steps
   * (`update`); call `dispose()` when done to release its memory.
   */
  trainer(options: TrainOptions = {}): Trainer {
    const spec = resolveTrainOptions(options)
    const t0 = globalThis.performance.now()
    const problem = new Problem(this.core, spec)
    const dataMs = globalThis.performance.now() - t0
    return new Trainer(problem, spec.config, dataMs, spec.onEval)
  }
}

/**
 * Loads and instantiates the WebAssembly core (in Node from the file, in browsers by streaming
 * compilation, under bundlers from the URL they emit). May be called many times.
 *
 * @example
 * const engine = await createEngine()
 * const { wNorm } = engine.train({ lambda: 10 })
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const module = await compileCore(options.wasm)
  return new Engine(await instantiateCore(module))
}

export type { ExperimentConfig }
