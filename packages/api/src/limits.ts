import { ConfigError } from './errors.js'

/** wasm32 linear memory is at most 4 GiB; keep a margin for the allocator and small buffers. */
export const MAX_MEMORY_BYTES = 4 * 2 ** 30 - 64 * 2 ** 20
/** The core's allocator hands out blocks below 1 GiB. */
export const MAX_BUFFER_BYTES = 2 ** 30 - 1024

/** The sizes of one problem in wasm memory. */
export interface ProblemShape {
  numInputs: number
  nTrain: number
  nTest: number
  nValid: number
  bytesPerValue: 4 | 8
}

/** Bytes that a problem's buffers take in wasm memory (data, weights, scratch, permutation). */
export function problemBytes(s: ProblemShape): number {
  const t = s.bytesPerValue
  const examples = s.nTrain + s.nTest + s.nValid
  return t * (examples * s.numInputs + examples + 3 * s.numInputs + 2) + 4 * s.nTrain + 2048
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`
}

/** Refuses, before anything is allocated, a problem that cannot fit in wasm32 memory. */
export function checkFits(s: ProblemShape, sizeKey: (which: 'nTrain' | 'nTest' | 'nValid') => string): void {
  const dtype = s.bytesPerValue === 4 ? 'float32' : 'float64'
  for (const which of ['nTrain', 'nTest', 'nValid'] as const) {
    const bytes = s[which] * s.numInputs * s.bytesPerValue
    if (bytes > MAX_BUFFER_BYTES) {
      const key = sizeKey(which)
      throw new ConfigError(
        key,
        s[which],
        `${which} × numInputs = ${s[which]} × ${s.numInputs} values take ${gib(bytes)} in ${dtype}; one matrix may take at most 1 GiB of wasm memory (reduce ${which} or numInputs, or use float32)`,
      )
    }
  }
  const total = problemBytes(s)
  if (total > MAX_MEMORY_BYTES) {
    throw new ConfigError(
      sizeKey('nTrain'),
      s.nTrain,
      `the problem needs ${gib(total)} of wasm memory in ${dtype}; at most ${gib(MAX_MEMORY_BYTES)} fits in wasm32 (reduce nTrain, nTest or numInputs)`,
    )
  }
}
