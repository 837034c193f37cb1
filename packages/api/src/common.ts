// Everything both entry points export; `createEngine` and `createWorkerPool` are defined per
// entry, with that entry's default wasm (embedded in index.ts, a file URL in url.ts).
export { Engine, type EngineOptions, type ProgressCallback, type SolveResult } from './engine.js'
export { WorkerPool, type WorkerPoolOptions, type PoolCallOptions } from './pool.js'
export {
  DEFAULT_CONFIG,
  CONFIG_RULES,
  MAX_COUNT,
  MAX_SEED_LENGTH,
  describeRule,
  checkValue,
  suggestKey,
  type Rule,
  type NumberRule,
  type ChoiceRule,
  type BooleanRule,
  type SeedRule,
  type ExperimentConfig,
  type Dtype,
  type Penalty,
  type Seed,
} from './config.js'
export { ConfigError, AbortError } from './errors.js'
export { Trainer, type HistoryPoint, type TrainResult, type Timing, type Hyperparameters } from './trainer.js'
export type { TrainOptions } from './options.js'
export type { DataInput, InitInput, MatrixInput } from './data.js'
export { CD_TOLERANCE, CD_MAX_PASSES, type Optimum } from './optimum.js'
export {
  DEFAULT_SEEDS,
  DEFAULT_N_VALID,
  DEFAULT_VALID_FRACTION,
  MAX_SWEEP_VALUES,
  type SweepOptions,
  type SweepResult,
  type SweepRow,
  type SeedsOption,
} from './sweep.js'
export type { SeedsResult, SeedsPoint } from './seeds.js'
export type { Spread } from './stats.js'
export { lambdaGrid, MAX_GRID, type LambdaGridOptions } from './grid.js'
export { MAX_MEMORY_BYTES } from './limits.js'
export type { WasmSource, WasmModule, WorkerSource, WorkerLike, WebWorkerLike, NodeWorkerLike } from './platform.js'
