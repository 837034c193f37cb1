// Instantiates build/core.wasm directly, for tests of the raw kernels.
import { readFileSync } from 'node:fs'

export interface RawCore {
  memory: WebAssembly.Memory
  RNG_STATE_BYTES: WebAssembly.Global
  alloc(bytes: number): number
  free(ptr: number): void
  liveBytes(): number
  rngSeedInt(state: number, seed: number): void
  rngSeedChars(state: number, chars: number, len: number): void
  rngFill(state: number, out: number, n: number, kind: number): void
  normalFill(state: number, out: number, n: number): void
  identity(perm: number, n: number): void
  shuffle(rng: number, perm: number, n: number): void
  sgdEpochs_f64(x: number, y: number, n: number, d: number, w: number, bPtr: number, grad: number, perm: number, rng: number, reshuffle: number, batchSize: number, lr: number, lambda1: number, lambda2: number, epochs: number): number
  sgdEpochs_f32(x: number, y: number, n: number, d: number, w: number, bPtr: number, grad: number, perm: number, rng: number, reshuffle: number, batchSize: number, lr: number, lambda1: number, lambda2: number, epochs: number): number
  batchGradient_f64(x: number, y: number, d: number, w: number, b: number, perm: number, start: number, m: number, lambda1: number, lambda2: number, gw: number): number
}

const bytes = readFileSync(new URL('../build/core.wasm', import.meta.url))
const module = new WebAssembly.Module(bytes)

export function loadCore(): RawCore {
  const instance = new WebAssembly.Instance(module, {
    env: { abort: () => { throw new Error('core aborted') } },
  })
  return instance.exports as unknown as RawCore
}

/** Seeds a fresh generator state as seedrandom.xor4096(seed) does and returns its address. */
export function seeded(core: RawCore, seed: string | number): number {
  const state = core.alloc(core.RNG_STATE_BYTES.value as number)
  if (typeof seed === 'number' && seed === (seed | 0)) {
    core.rngSeedInt(state, seed)
  } else {
    const text = `${seed}\0`
    const chars = core.alloc(text.length * 2)
    const units = new Uint16Array(core.memory.buffer, chars, text.length)
    for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i)
    core.rngSeedChars(state, chars, text.length)
    core.free(chars)
  }
  return state
}

/** Copies `n` f64 values out of wasm memory. */
export function readF64(core: RawCore, ptr: number, n: number): Float64Array {
  return Float64Array.from(new Float64Array(core.memory.buffer, ptr, n))
}

/** Copies values into freshly allocated wasm memory and returns the address. */
export function writeF64(core: RawCore, values: ArrayLike<number>): number {
  const ptr = core.alloc(values.length * 8)
  new Float64Array(core.memory.buffer, ptr, values.length).set(values)
  return ptr
}
