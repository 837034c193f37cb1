import { ConfigError } from './errors.js'

/** wasm32 memory ends at 4 GiB; the core keeps the last 64 KiB unused, and we keep a margin for small buffers. */
export const MAX_MEMORY_BYTES = 4 * 2 ** 30 - 64 * 2 ** 20

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
