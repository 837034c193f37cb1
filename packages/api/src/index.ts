/**
 * @weight-decay/api: the weight-decay laboratory's typed API over its WebAssembly core.
 * @packageDocumentation
 */
export { createEngine, Engine, type EngineOptions } from './engine.js'
export {
  DEFAULT_CONFIG,
  CONFIG_RULES,
  MAX_COUNT,
  MAX_SEED_LENGTH,
  describeRule,
  type ExperimentConfig,
  type Dtype,
  type Penalty,
  type Seed,
} from './config.js'
export { ConfigError, AbortError } from './errors.js'
export { Trainer, type HistoryPoint, type TrainResult, type Timing, type Hyperparameters } from './trainer.js'
export type { TrainOptions } from './options.js'
export type { DataInput, InitInput, MatrixInput } from './data.js'
export { MAX_MEMORY_BYTES, MAX_BUFFER_BYTES } from './limits.js'
export { DEFAULT_WASM_URL, type WasmSource } from './load.js'
