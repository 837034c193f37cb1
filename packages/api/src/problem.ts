import type { Core, PrecisionKernels } from './core.js'
import type { Dtype, RunConfig } from './config.js'
import type { Dataset } from './data.js'
import { OPTIM_SLOTS } from './optimizer.js'

/** How features were standardized: training-row means and population standard deviations (0 for a constant column). */
export interface Standardization {
  /** Training-row mean of each feature. */
  mean: Float64Array
  /** Training-row population standard deviation of each feature (0: constant). */
  scale: Float64Array
  /** Indices of constant columns: their weight is 0. */
  constant: number[]
}

/** How a problem's data and initial weights are made. */
export interface ProblemSpec {
  config: RunConfig
  /** The caller's data; synthetic data from the seed when absent. */
  data?: Dataset
  /** The caller's initial weights; N(0, initStd²) from the seed when absent. */
  init?: { w: Float64Array; b: number }
  /** Validation examples to draw after everything else (synthetic data only). */
  nValid?: number
}

/**
 * One problem in wasm memory: its data, initial and current parameters, and the two random
 * streams. The main stream draws, in order, the training X and its noise, the test X and its
 * noise, the initial w, and then one int32 that seeds the separate shuffling stream; the
 * validation set, when asked for, is drawn after that, so it never changes a training run.
 * Caller data may carry its own validation rows (`data.xValid`).
 */
export class Problem {
  readonly core: Core
  readonly kernels: PrecisionKernels
  readonly dtype: Dtype
  readonly d: number
  readonly nTrain: number
  readonly nTest: number
  readonly nValid: number
  readonly b0: number
  readonly shuffleSeed: number
  readonly ptr: {
    xTrain: number
    yTrain: number
    xTest: number
    yTest: number
    xValid: number
    yValid: number
    w0: number
    w: number
    grad: number
    b: number
    perm: number
    rng: number
    shuffleRng: number
    /** The optimizer's settings and scalar state (optimizer.ts). */
    optim: number
    /** SGD's momentum buffer, Adam's first and second moments (d values each). */
    buf: number
    m1: number
    m2: number
  }
  /** Standardization blocks (f64, d each) when `config.standardize`: means, scales, scratch in and out. */
  readonly scaling: { mean: number; scale: number; wIn: number; out: number } | undefined
  private blocks: number[] = []

  constructor(core: Core, spec: ProblemSpec) {
    const { config, data, init } = spec
    this.core = core
    this.dtype = config.dtype
    this.kernels = core.kernels(config.dtype)
    this.d = config.numInputs
    this.nTrain = config.nTrain
    this.nTest = config.nTest
    this.nValid = data ? data.nValid ?? 0 : spec.nValid ?? 0
    const t = this.kernels.bytes
    const d = this.d
    try {
      this.ptr = {
        xTrain: this.alloc(this.nTrain * d * t),
        yTrain: this.alloc(this.nTrain * t),
        xTest: this.alloc(this.nTest * d * t),
        yTest: this.alloc(this.nTest * t),
        xValid: this.alloc(this.nValid * d * t),
        yValid: this.alloc(this.nValid * t),
        w0: this.alloc(d * t),
        w: this.alloc(d * t),
        grad: this.alloc(d * t),
        b: this.alloc(8),
        perm: this.alloc(this.nTrain * 4),
        rng: this.alloc(core.rngStateBytes),
        shuffleRng: this.alloc(core.rngStateBytes),
        optim: this.alloc(OPTIM_SLOTS * 8),
        buf: this.alloc(d * t),
        m1: this.alloc(d * t),
        m2: this.alloc(d * t),
      }
      if (config.standardize) {
        this.scaling = { mean: this.alloc(d * 8), scale: this.alloc(d * 8), wIn: this.alloc(d * 8), out: this.alloc(d * 8) }
      }
      // Inside the try: a string seed allocates too, and must not strand the buffers above.
      core.seed(this.ptr.rng, config.seed)
    } catch (error) {
      this.dispose()
      throw error
    }
    const p = this.ptr
    const k = this.kernels
    if (data) {
      k.view(p.xTrain, this.nTrain * d).set(data.xTrain)
      k.view(p.yTrain, this.nTrain).set(data.yTrain)
      k.view(p.xTest, this.nTest * d).set(data.xTest)
      k.view(p.yTest, this.nTest).set(data.yTest)
      if (data.xValid && data.yValid) {
        k.view(p.xValid, this.nValid * d).set(data.xValid)
        k.view(p.yValid, this.nValid).set(data.yValid)
      }
    } else {
      k.syntheticData(p.rng, p.xTrain, p.yTrain, this.nTrain, d, config.trueW, config.trueB, config.noiseStd)
      k.syntheticData(p.rng, p.xTest, p.yTest, this.nTest, d, config.trueW, config.trueB, config.noiseStd)
    }
    if (init) {
      k.view(p.w0, d).set(init.w)
      this.b0 = init.b
    } else {
      k.fillNormal(p.rng, p.w0, d, config.initStd)
      this.b0 = 0
    }
    this.shuffleSeed = core.exports.rngInt32(p.rng)
    if (!data && this.nValid > 0) {
      k.syntheticData(p.rng, p.xValid, p.yValid, this.nValid, d, config.trueW, config.trueB, config.noiseStd)
    }
    const s = this.scaling
    if (s) {
      // Statistics of the training rows only; every set is transformed with them.
      k.columnScales(p.xTrain, this.nTrain, d, s.mean, s.scale)
      k.applyScales(p.xTrain, this.nTrain, d, s.mean, s.scale)
      k.applyScales(p.xTest, this.nTest, d, s.mean, s.scale)
      k.applyScales(p.xValid, this.nValid, d, s.mean, s.scale)
    }
    this.reset()
  }

  private alloc(bytes: number): number {
    const ptr = this.core.alloc(Math.max(bytes, 8))
    this.blocks.push(ptr)
    return ptr
  }

  /** Restores the initial parameters, the identity order and the shuffling stream. */
  reset(): void {
    const p = this.ptr
    const bytes = this.d * this.kernels.bytes
    new Uint8Array(this.core.exports.memory.buffer).copyWithin(p.w, p.w0, p.w0 + bytes)
    this.kernels.view(p.grad, this.d).fill(0)
    this.kernels.view(p.buf, this.d).fill(0)
    this.kernels.view(p.m1, this.d).fill(0)
    this.kernels.view(p.m2, this.d).fill(0)
    this.core.f64(p.optim, OPTIM_SLOTS).fill(0)
    this.kernels.view(p.b, 1)[0] = this.b0
    this.core.exports.identity(p.perm, this.nTrain)
    this.core.seed(p.shuffleRng, this.shuffleSeed)
  }

  /** The current bias, as stored (rounded to f32 in float32 runs). */
  get b(): number {
    return this.kernels.view(this.ptr.b, 1)[0]!
  }

  /** A copy of the current weights as f64. */
  weights(): Float64Array {
    return Float64Array.from(this.kernels.view(this.ptr.w, this.d))
  }

  /** The means and scales of the standardization and its constant columns (scale 0), when standardized. */
  standardization(): Standardization | undefined {
    const s = this.scaling
    if (!s) return undefined
    const scale = Float64Array.from(this.core.f64(s.scale, this.d))
    const constant: number[] = []
    scale.forEach((v, j) => v === 0 && constant.push(j))
    return { mean: Float64Array.from(this.core.f64(s.mean, this.d)), scale, constant }
  }

  /**
   * Parameters in original units: the weights at `w` (of this problem's precision, or f64 when
   * `f64`) and bias `b` are those of the standardized features; unchanged when not standardized.
   */
  original(w: number, b: number, f64 = false): { w: Float64Array; b: number; wNorm: number } {
    const s = this.scaling
    const e = this.core.exports
    if (!s) {
      return f64
        ? { w: Float64Array.from(this.core.f64(w, this.d)), b, wNorm: e.norm2_f64(w, this.d) }
        : { w: this.weights(), b, wNorm: this.kernels.norm2(w, this.d) }
    }
    const unscale = f64 ? e.unscaleWeights_f64 : this.kernels.unscaleWeights
    const b0 = unscale(w, this.d, b, s.mean, s.scale, s.out)
    return { w: Float64Array.from(this.core.f64(s.out, this.d)), b: b0, wNorm: e.norm2_f64(s.out, this.d) }
  }

  /** An exact optimum (f64 weights held in JS) in original units; unchanged when not standardized. */
  originalOptimum<O extends { w: Float64Array; b: number; wNorm: number }>(optimum: O): O {
    const s = this.scaling
    if (!s) return optimum
    this.core.f64(s.wIn, this.d).set(optimum.w)
    return { ...optimum, ...this.original(s.wIn, optimum.b, true) }
  }

  /** Frees every block; the engine's later runs reuse the memory. */
  dispose(): void {
    for (const ptr of this.blocks) this.core.exports.free(ptr)
    this.blocks = []
  }
}
