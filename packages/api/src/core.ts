import type { Dtype } from './config.js'
import type { WasmModule } from './platform.js'

// The shapes used here are written out (not WebAssembly.*), so the declarations need no DOM types.
type WasmMemory = { readonly buffer: ArrayBuffer }
type WasmGlobal = { readonly value: unknown }
type WasmInstance = { readonly exports: object }

/** The raw exports of core.wasm (see packages/core/assembly/index.ts). Pointers are byte offsets. */
export interface CoreExports {
  memory: WasmMemory
  RNG_STATE_BYTES: WasmGlobal
  alloc(bytes: number): number
  free(ptr: number): void
  liveBytes(): number
  rngSeedInt(state: number, seed: number): void
  rngSeedChars(state: number, chars: number, len: number): void
  rngInt32(state: number): number
  rngFill(state: number, out: number, n: number, kind: number): void
  normalFill(state: number, out: number, n: number): void
  identity(perm: number, n: number): void
  shuffle(rng: number, perm: number, n: number): void
  syntheticData_f32(rng: number, x: number, y: number, rows: number, d: number, trueW: number, trueB: number, noiseStd: number): void
  syntheticData_f64(rng: number, x: number, y: number, rows: number, d: number, trueW: number, trueB: number, noiseStd: number): void
  fillNormal_f32(rng: number, out: number, n: number, scale: number): void
  fillNormal_f64(rng: number, out: number, n: number, scale: number): void
  sgdEpochs_f32(x: number, y: number, n: number, d: number, w: number, bPtr: number, grad: number, perm: number, rng: number, reshuffle: number, batchSize: number, lr: number, lambda1: number, lambda2: number, epochs: number): number
  sgdEpochs_f64(x: number, y: number, n: number, d: number, w: number, bPtr: number, grad: number, perm: number, rng: number, reshuffle: number, batchSize: number, lr: number, lambda1: number, lambda2: number, epochs: number): number
  meanLoss_f32(x: number, y: number, rows: number, d: number, w: number, b: number): number
  meanLoss_f64(x: number, y: number, rows: number, d: number, w: number, b: number): number
  batchGradient_f64(x: number, y: number, d: number, w: number, b: number, perm: number, start: number, m: number, lambda1: number, lambda2: number, gw: number): number
  norm2_f32(p: number, n: number): number
  norm2_f64(p: number, n: number): number
  columnMeans_f32(x: number, n: number, d: number, mean: number): void
  columnMeans_f64(x: number, n: number, d: number, mean: number): void
  vectorMean_f32(y: number, n: number): number
  vectorMean_f64(y: number, n: number): number
  ridgeScales_f32(x: number, y: number, n: number, d: number, xmean: number, ymean: number, perColumn: number, scale: number): number
  ridgeScales_f64(x: number, y: number, n: number, d: number, xmean: number, ymean: number, perColumn: number, scale: number): number
  ridgeSpread_f32(x: number, n: number, d: number, xmean: number, work: number): number
  ridgeSpread_f64(x: number, n: number, d: number, xmean: number, work: number): number
  ridgePack_f32(x: number, y: number, n: number, d: number, xmean: number, ymean: number, scale: number, sy: number, primal: number, a: number, yt: number, rhs: number): void
  ridgePack_f64(x: number, y: number, n: number, d: number, xmean: number, ymean: number, scale: number, sy: number, primal: number, a: number, yt: number, rhs: number): void
  panelBytes(rows: number, cols: number): number
  gramPanels(a: number, rows: number, cols: number, g: number): void
  ridgeCholesky(g: number, m: number, primal: number, scale: number, shift: number, rhs: number, diag: number, sol: number, scratch: number): number
  saveDiagonal(g: number, m: number, diag: number): void
  restoreGram(g: number, m: number, diag: number): void
  ridgeResidual(a: number, n: number, d: number, primal: number, scale: number, shift: number, yt: number, sol: number, res: number, tmp: number): void
  ridgeCholeskyStep(f: number, m: number, res: number, sol: number): void
  ridgeEigenStep(q: number, tau: number, zt: number, eig: number, m: number, res: number, sol: number, coef: number): void
  ridgeEigen(g: number, m: number, primal: number, equilibrated: number, scale: number, rhs: number, q: number, tau: number, zt: number, eig: number, proj: number, work: number, diagShift: number): number
  ridgeEigenReduce(g: number, m: number, primal: number, equilibrated: number, scale: number, rhs: number, q: number, tau: number, eig: number, off: number, proj: number, diagShift: number): number
  ridgeEigenVectors(q: number, tau: number, zt: number, eig: number, off: number, proj: number, m: number, work: number, big: number, bigLength: number): number
  ridgeEigenSolve(q: number, tau: number, zt: number, eig: number, proj: number, m: number, shift: number, sol: number, coef: number): void
  ridgeWeights(a: number, n: number, d: number, primal: number, uniform: number, scale: number, sy: number, sol: number, w: number): void
  ridgePathFactor(g: number, m: number, primal: number, scale: number, rhs: number, q: number, d: number, e: number, tau: number, proj: number, p: number, w: number): number
  ridgePathSolve(q: number, m: number, d: number, e: number, tau: number, proj: number, shift: number, sol: number, work: number): number
  simdPeak(buf: number, iterations: number): number
  ridgeMinNorm(q: number, tau: number, zt: number, eig: number, m: number, scale: number, w: number, work: number): void
  ridgeGradient(a: number, n: number, d: number, primal: number, scale: number, sy: number, w: number, lambda: number, yt: number, r: number, t: number, loss: number): number
  cdPrepare_f32(x: number, y: number, n: number, d: number, xmean: number, ymean: number, xc: number, yc: number, z: number): void
  cdPrepare_f64(x: number, y: number, n: number, d: number, xmean: number, ymean: number, xc: number, yc: number, z: number): void
  cdSolve(xc: number, yc: number, n: number, d: number, z: number, lambda1: number, lambda2: number, w: number, r: number, tol: number, maxPasses: number, gram: number, rhs: number, idx: number, sgn: number, mag: number, rv: number, maxActive: number, kktTol: number, strong: number, lambdaPrev: number, grad: number, gradKnown: number): number
  cdLastKkt(): number
  cdKkt(xc: number, yc: number, n: number, d: number, w: number, r: number, lambda1: number, lambda2: number): number
  cdUseGram(g: number, xty: number, d: number): void
  cdXty(xc: number, yc: number, n: number, d: number, out: number): void
  packCentred_f32(x: number, n: number, d: number, mean: number, scale: number, primal: number, a: number): void
  packCentred_f64(x: number, n: number, d: number, mean: number, scale: number, primal: number, a: number): void
  cdLambdaMax(xc: number, yc: number, n: number, d: number): number
  intercept(xmean: number, ymean: number, w: number, d: number): number
  meanLossAt_f32(x: number, y: number, rows: number, d: number, w: number, b: number): number
  meanLossAt_f64(x: number, y: number, rows: number, d: number, w: number, b: number): number
  objectiveOf_f32(x: number, y: number, rows: number, d: number, w: number, b: number, lambda1: number, lambda2: number): number
  objectiveOf_f64(x: number, y: number, rows: number, d: number, w: number, b: number, lambda1: number, lambda2: number): number
  penaltyValue_f64(w: number, d: number, lambda1: number, lambda2: number): number
  columnScales_f32(x: number, n: number, d: number, mean: number, scale: number): number
  columnScales_f64(x: number, n: number, d: number, mean: number, scale: number): number
  applyScales_f32(x: number, rows: number, d: number, mean: number, scale: number): void
  applyScales_f64(x: number, rows: number, d: number, mean: number, scale: number): void
  unscaleWeights_f32(w: number, d: number, b: number, mean: number, scale: number, out: number): number
  unscaleWeights_f64(w: number, d: number, b: number, mean: number, scale: number, out: number): number
  ridgeLoo_f32(x: number, y: number, n: number, d: number, xmean: number, ymean: number, lambdas: number, nl: number, gram: number, eig: number, u: number, s: number, work: number, out: number): number
  ridgeLoo_f64(x: number, y: number, n: number, d: number, xmean: number, ymean: number, lambdas: number, nl: number, gram: number, eig: number, u: number, s: number, work: number, out: number): number
  optimEpochs_f32(x: number, y: number, n: number, d: number, w: number, bPtr: number, grad: number, perm: number, rng: number, reshuffle: number, batchSize: number, epoch0: number, epochs: number, params: number, buf: number, m: number, v: number): number
  optimEpochs_f64(x: number, y: number, n: number, d: number, w: number, bPtr: number, grad: number, perm: number, rng: number, reshuffle: number, batchSize: number, epoch0: number, epochs: number, params: number, buf: number, m: number, v: number): number
  predict_f32(x: number, rows: number, d: number, w: number, b: number, out: number): void
  predict_f64(x: number, rows: number, d: number, w: number, b: number, out: number): void
}

/** The kernels of one precision, so callers never branch on dtype per call. */
export interface PrecisionKernels {
  bytes: 4 | 8
  syntheticData: CoreExports['syntheticData_f64']
  fillNormal: CoreExports['fillNormal_f64']
  sgdEpochs: CoreExports['sgdEpochs_f64']
  meanLoss: CoreExports['meanLoss_f64']
  norm2: CoreExports['norm2_f64']
  columnMeans: CoreExports['columnMeans_f64']
  vectorMean: CoreExports['vectorMean_f64']
  ridgeScales: CoreExports['ridgeScales_f64']
  ridgeSpread: CoreExports['ridgeSpread_f64']
  ridgePack: CoreExports['ridgePack_f64']
  cdPrepare: CoreExports['cdPrepare_f64']
  packCentred: CoreExports['packCentred_f64']
  /** Mean ½ r² of f64 weights on this precision's data. */
  meanLossAt: CoreExports['meanLossAt_f64']
  /** The penalized objective of this precision's weights on its data, in f64 arithmetic. */
  objectiveOf: CoreExports['objectiveOf_f64']
  /** Column means and population standard deviations (scale 0 for a constant column); returns the constant count. */
  columnScales: CoreExports['columnScales_f64']
  /** Standardizes rows in place. */
  applyScales: CoreExports['applyScales_f64']
  /** Weights of this precision on standardized features, in original units. */
  unscaleWeights: CoreExports['unscaleWeights_f64']
  /** Exact ridge leave-one-out over a λ grid. */
  ridgeLoo: CoreExports['ridgeLoo_f64']
  /** Momentum / Nesterov / Adam epochs with coupled or decoupled decay and a schedule (optim.ts). */
  optimEpochs: CoreExports['optimEpochs_f64']
  /** x·w + b of this precision's rows and weights, as f64. */
  predict: CoreExports['predict_f64']
  /** A fresh typed-array view (views detach when memory grows, so never keep one). */
  view(ptr: number, length: number): Float32Array | Float64Array
}

/** An instantiated core: its exports, and views that are always made after any allocation. */
export class Core {
  readonly exports: CoreExports
  readonly rngStateBytes: number

  constructor(instance: WasmInstance) {
    this.exports = instance.exports as unknown as CoreExports
    this.rngStateBytes = this.exports.RNG_STATE_BYTES.value as number
  }

  /** Allocates `bytes` of wasm memory (addresses are unsigned; 0 means memory could not grow). */
  alloc(bytes: number): number {
    const ptr = this.exports.alloc(bytes) >>> 0
    if (ptr === 0) {
      throw new Error(`out of wasm memory: cannot allocate ${(bytes / 2 ** 20).toFixed(1)} MiB more (this engine already holds ${(this.memoryBytes / 2 ** 20).toFixed(0)} MiB; dispose unused trainers or use another engine)`)
    }
    return ptr
  }

  /** Runs `fn` with an allocator whose blocks (at least 8 bytes each) are all freed when it returns or throws. */
  withBlocks<R>(fn: (alloc: (bytes: number) => number) => R): R {
    const blocks: number[] = []
    try {
      return fn((bytes) => {
        const p = this.alloc(Math.max(8, bytes))
        blocks.push(p)
        return p
      })
    } finally {
      for (const p of blocks) this.exports.free(p)
    }
  }

  /** Bytes of linear memory now reserved. */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength
  }

  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, length)
  }
  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.exports.memory.buffer, ptr, length)
  }
  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, ptr, length)
  }
  u16(ptr: number, length: number): Uint16Array {
    return new Uint16Array(this.exports.memory.buffer, ptr, length)
  }

  kernels(dtype: Dtype): PrecisionKernels {
    const e = this.exports as unknown as Record<string, unknown>
    const suffix = dtype === 'float32' ? '_f32' : '_f64'
    const pick = <K extends keyof PrecisionKernels>(name: K): PrecisionKernels[K] => e[`${name}${suffix}`] as unknown as PrecisionKernels[K]
    return {
      bytes: dtype === 'float32' ? 4 : 8,
      syntheticData: pick('syntheticData'),
      fillNormal: pick('fillNormal'),
      sgdEpochs: pick('sgdEpochs'),
      meanLoss: pick('meanLoss'),
      norm2: pick('norm2'),
      columnMeans: pick('columnMeans'),
      vectorMean: pick('vectorMean'),
      ridgeScales: pick('ridgeScales'),
      ridgeSpread: pick('ridgeSpread'),
      ridgePack: pick('ridgePack'),
      cdPrepare: pick('cdPrepare'),
      packCentred: pick('packCentred'),
      meanLossAt: pick('meanLossAt'),
      objectiveOf: pick('objectiveOf'),
      columnScales: pick('columnScales'),
      applyScales: pick('applyScales'),
      unscaleWeights: pick('unscaleWeights'),
      ridgeLoo: pick('ridgeLoo'),
      optimEpochs: pick('optimEpochs'),
      predict: pick('predict'),
      view: dtype === 'float32' ? (p, n) => this.f32(p, n) : (p, n) => this.f64(p, n),
    }
  }

  /** Seeds the generator at `state` exactly as `seedrandom.xor4096(seed)` would be seeded. */
  seed(state: number, seed: string | number): void {
    if (typeof seed === 'number' && seed === (seed | 0)) {
      this.exports.rngSeedInt(state, seed)
      return
    }
    // seedrandom mixes in String(seed) followed by one '\0' unit.
    const text = `${seed}\0`
    const chars = this.alloc(text.length * 2)
    try {
      const units = this.u16(chars, text.length)
      for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i)
      this.exports.rngSeedChars(state, chars, text.length)
    } finally {
      this.exports.free(chars)
    }
  }
}

/** Instantiates the core; `abort` from the module becomes a JS error with its message. */
export async function instantiateCore(module: WasmModule): Promise<Core> {
  let core: Core | undefined
  const imports = {
    env: {
      abort(message: number, file: number, line: number, column: number): never {
        const text = core ? readString(core, message) : ''
        const where = core ? readString(core, file) : ''
        throw new Error(`core aborted: ${text} (${where}:${line}:${column})`)
      },
    },
  }
  const instance = await WebAssembly.instantiate(module as WebAssembly.Module, imports)
  core = new Core(instance)
  return core
}

/** Reads an AssemblyScript string (UTF-16 with its byte length stored just before it). */
function readString(core: Core, ptr: number): string {
  if (!ptr) return ''
  const bytes = new Uint32Array(core.exports.memory.buffer, ptr - 4, 1)[0]!
  return String.fromCharCode(...core.u16(ptr, bytes >>> 1))
}
