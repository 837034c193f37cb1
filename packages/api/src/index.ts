/**
 * @weight-decay/api: the weight-decay laboratory's typed API over its WebAssembly core.
 * This entry embeds the core's wasm in its JavaScript, so it works unchanged
 * in Node (ESM and `require`), every bundler, plain pages and cross-origin from a CDN.
 * `@weight-decay/api/url` loads the wasm as a separate file instead.
 * @packageDocumentation
 * @module @weight-decay/api
 */
// Every public name is exported here; url.ts re-exports them all, with its own createEngine
// and createWorkerPool (the wasm file instead of the embedded copy).
export { createEngine, createWorkerPool, predict } from './embedded.js'
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
  type RunConfig,
  EXTRA_RULES,
  type Dtype,
  type Penalty,
  type Seed,
} from './config.js'
export { checkCombination, type Optimizer, type DecayMode, type Schedule } from './config.js'
export { ConfigError, AbortError } from './errors.js'
export type { Standardization } from './problem.js'
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
export { MAX_MEMORY_BYTES, MAX_HISTORY_POINTS, checkHistory } from './limits.js'
export type { WasmSource, WasmModule, WorkerSource, WorkerLike, WebWorkerLike, NodeWorkerLike } from './platform.js'
export type { CvOptions, CvResult, CvRow } from './cv.js'
export { makeModel, loadModel, VERSION, MODEL_FORMAT, MODEL_FORMAT_VERSION, type Model, type FittedResult } from './model.js'
export type { CoefPath } from './path.js'
export { KKT_RELATIVE } from './optimum.js'
export { SOLVER_MAX_ABS } from './magnitude.js'
export type { Predictions, FitPoints } from './predictions.js'
export type { CoefPathOptions } from './path.js'
export { createCsvParser, parseNumericCsv, valueAt, CsvError, MAX_LINE_BYTES, MAX_COLUMNS, type CsvParser, type CsvParseOptions, type NumericTable } from './csv.js'
export { columnName, holdOutRows, tableColumns, tableData, type TableData } from './csv-data.js'
export { parseDecimalBytes } from './decimal-bytes.js'
