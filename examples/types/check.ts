// Compiled by tsc under several consumer settings (see the tsconfig.*.json beside it), with
// skipLibCheck off, so every declaration the package ships is checked.
import { ConfigError, createEngine, createWorkerPool, DEFAULT_CONFIG, lambdaGrid, type TrainResult, type WorkerPoolOptions } from '@weight-decay/api'
import { createEngine as createFromUrl, DEFAULT_WASM_URL } from '@weight-decay/api/url'

const engine = await createEngine()
const result: TrainResult = engine.train({ lambda: 3, seed: 'types' })
const options: WorkerPoolOptions = { size: 2, worker: () => ({ postMessage() {}, addEventListener() {}, terminate() {} }) }
const pool = await createWorkerPool({ size: 1 })
const sweep = await pool.sweep({ lambdas: lambdaGrid({ min: 0.1, max: 10, count: 3 }), seeds: 2 })
await pool.terminate()
const other = await createFromUrl({ wasm: DEFAULT_WASM_URL ?? 'core.wasm' })
try {
  engine.train({ lambda: -1 })
} catch (error) {
  if (error instanceof ConfigError) console.log(error.key)
}
console.log(result.wNorm, sweep.rows.length, DEFAULT_CONFIG.epochs, options.size, other.memoryBytes)
