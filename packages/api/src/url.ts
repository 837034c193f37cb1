/**
 * @weight-decay/api/url: the same API as `@weight-decay/api`, but the core's wasm is loaded
 * from the `wasm/core.wasm` file shipped in the package (`new URL('../wasm/core.wasm',
 * import.meta.url)`), which vite, webpack and Parcel emit as an asset and pages can serve and
 * cache on their own. Use it when the wasm should be a separate, streaming-compiled file.
 * @packageDocumentation
 * @module @weight-decay/api/url
 */
import { openEngine, predictor, type Engine, type EngineOptions } from './engine.js'
import { openPool, type WorkerPool, type WorkerPoolOptions } from './pool.js'
import { urlCore } from './wasm-url.js'

// Everything the default entry exports; the two functions below take precedence over its own.
export * from './index.js'
export { DEFAULT_WASM_URL } from './wasm-url.js'

/**
 * Instantiates the WebAssembly core, loaded from {@link DEFAULT_WASM_URL} unless `options.wasm`
 * is given (in Node read from the file, in browsers stream-compiled).
 *
 * @example
 * const engine = await createEngine()
 * const { wNorm } = engine.train({ lambda: 10 })
 */
export function createEngine(options: EngineOptions = {}): Promise<Engine> {
  return openEngine(options, urlCore)
}

/**
 * A pool of workers, as `createWorkerPool` of `@weight-decay/api`, with the wasm loaded from
 * {@link DEFAULT_WASM_URL} unless `options.wasm` is given.
 *
 * @example
 * const pool = await createWorkerPool({ size: 2 })
 * await pool.terminate()
 */
export function createWorkerPool(options: WorkerPoolOptions = {}): Promise<WorkerPool> {
  return openPool(options, urlCore)
}

/**
 * Predictions x·w + b of a saved model (its JSON text or object, validated by `loadModel`) for
 * rows in the order of its `featureNames`, on an engine made on first use.
 *
 * @example
 * const yhat = await predict(readFileSync('model.json', 'utf8'), [[59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.86, 87]])
 */
export const predict = predictor(() => createEngine())
