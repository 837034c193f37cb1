// What this page agrees to run on the main thread without freezing; the API allows far more.

/** Largest value of each count the page accepts (the API's own limits are much higher). */
export const PAGE_CAPS = {
  numInputs: 5000,
  nTrain: 5000,
  nTest: 5000,
  batchSize: 5000,
  epochs: 10_000,
  evalEvery: 10_000,
} as const

/** At most this many data values, (nTrain + nTest) × numInputs, in the page. */
export const MAX_CELLS = 2_000_000
/** Runs compared at once. */
export const MAX_RUNS = 8
/** λ changes per run: a link with this many reproduces exactly; the page refuses one more before it happens. */
export const MAX_CHANGES = 100
/** Longest a run may become by continuing it after its end (λ changed on a finished run). */
export const MAX_RUN_EPOCHS = 50_000

/** The regularization path's settings and their ranges. */
export const SWEEP_LIMITS = {
  min: { low: 1e-6, high: 1e6 },
  max: { low: 1e-6, high: 1e6 },
  count: { low: 2, high: 64 },
  seeds: { low: 1, high: 32 },
} as const
/**
 * Most features for the double-descent view: it cross-validates 13 training-set sizes up to 3 × d,
 * 4 seeds each; about 1 s of workers at 200 features, 4 s at 300, 15 s at 400 (2-core machine).
 */
export const DESCENT_MAX_FEATURES = 300

/** The largest CSV file the page reads (the CLI reads any size). */
export const MAX_CSV_BYTES = 64 * 2 ** 20
/**
 * At most this many values of a CSV (rows × features) in the page: each run copies, checks and
 * standardizes its own, about 15 ms per million values on the page's thread in Chromium, so a
 * run's setup stays well within a 50 ms task. Generated data (MAX_CELLS) is made in the core.
 */
export const MAX_CSV_CELLS = 1_000_000
