// createEngine and createWorkerPool of the default entry: the wasm embedded in the JavaScript.
import { openEngine, predictor, type Engine, type EngineOptions } from './engine.js'
import { openPool, type WorkerPool, type WorkerPoolOptions } from './pool.js'
import { embeddedCore } from './wasm-embedded.js'

/**
 * Instantiates the WebAssembly core (embedded in this entry unless `options.wasm` is given).
 * May be called many times; engines share the compiled module but no state.
 *
 * @example
 * const engine = await createEngine()
 * const { wNorm } = engine.train({ lambda: 10 })
 */
export function createEngine(options: EngineOptions = {}): Promise<Engine> {
  return openEngine(options, embeddedCore)
}

/**
 * A pool of workers (worker_threads in Node, Web Workers in browsers) with the same API in
 * both; `sweep`, `train`, `solve` and `trainSeeds` return promises, report progress and can be
 * aborted. Call `terminate()` when done. See {@link WorkerPoolOptions} for where workers come from.
 *
 * @example
 * const pool = await createWorkerPool({ size: 2 })
 * const controller = new AbortController()
 * const result = await pool.sweep({ lambdas: [0, 1, 10], seeds: 8 }, { onProgress: (d, t) => console.log(d, t), signal: controller.signal })
 * await pool.terminate()
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): Promise<WorkerPool> {
  return openPool(options, embeddedCore)
}

/**
 * Predictions x·w + b of a saved model (its JSON text or object, validated by `loadModel`) for
 * rows in the order of its `featureNames`, on an engine made on first use.
 *
 * @example
 * const yhat = await predict(readFileSync('model.json', 'utf8'), [[59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.86, 87]])
 */
export const predict = predictor(() => createEngine())
