import { ConfigError } from './errors.js'

/** wasm32 memory ends at 4 GiB; the core keeps the last 64 KiB unused, and we keep a margin for small buffers. */
export const MAX_MEMORY_BYTES = 4 * 2 ** 30 - 64 * 2 ** 20

/** The most history points one call keeps (all seeds together), so a run cannot exhaust memory with them. */
export const MAX_HISTORY_POINTS = 1_000_000

/**
 * Refuses, before any work, settings whose loss history (⌊epochs / evalEvery⌋ points per run, over
 * `runs` runs) would exceed {@link MAX_HISTORY_POINTS}; `key` is the setting blamed (evalEvery, or
 * epochs when only it changed).
 */
export function checkHistory(config: { epochs: number; evalEvery: number }, runs = 1, key: 'evalEvery' | 'epochs' = 'evalEvery'): void {
  const { epochs, evalEvery } = config
  const points = Math.floor(epochs / evalEvery) * runs
  if (points <= MAX_HISTORY_POINTS) return
  const perRun = Math.floor(MAX_HISTORY_POINTS / runs)
  const over = runs > 1 ? ` over ${runs} runs` : ''
  const fix = key === 'evalEvery' ? `raise evalEvery to at least ${Math.floor(epochs / (perRun + 1)) + 1} or lower epochs` : `lower epochs to at most ${(perRun + 1) * evalEvery - 1}`
  throw new ConfigError(
    key,
    config[key],
    `epochs = ${epochs} with evalEvery = ${evalEvery}${over} would keep ${points} history points; at most 1e6 history points fit in one call (${fix})`,
  )
}

/** The sizes of one problem in wasm memory. */
export interface ProblemShape {
  numInputs: number
  nTrain: number
  nTest: number
  nValid: number
  bytesPerValue: 4 | 8
}

/** Bytes that a problem's buffers take in wasm memory (data, weights, scratch, optimizer state, permutation). */
export function problemBytes(s: ProblemShape): number {
  const t = s.bytesPerValue
  const examples = s.nTrain + s.nTest + s.nValid
  return t * (examples * s.numInputs + examples + 6 * s.numInputs + 2) + 4 * s.nTrain + 2048 + 128
}

/** Shows bytes in GiB for messages. */
export function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`
}

/**
 * Refuses, before anything is allocated, a problem that cannot fit in wasm32 memory; `extraBytes`
 * is what the call needs besides (the exact solver's workspace). The error names the count that
 * contributes most, through `sizeKey` (caller data is named as `data`).
 */
export function checkFits(s: ProblemShape, sizeKey: (which: 'nTrain' | 'nTest' | 'nValid') => string, extraBytes = 0, what = 'the problem'): void {
  const total = problemBytes(s) + extraBytes
  if (total <= MAX_MEMORY_BYTES) return
  const which = (['nTrain', 'nTest', 'nValid'] as const).reduce((a, b) => (s[b] > s[a] ? b : a))
  const dtype = s.bytesPerValue === 4 ? 'float32' : 'float64'
  throw new ConfigError(
    sizeKey(which),
    s[which],
    `${what} needs ${gib(total)} of wasm memory in ${dtype} (${which} = ${s[which]}, numInputs = ${s.numInputs}); at most ${gib(MAX_MEMORY_BYTES)} fits in wasm32 (reduce ${which} or numInputs${dtype === 'float64' ? ', or use float32' : ''})`,
  )
}
