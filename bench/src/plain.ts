// A plain TypeScript implementation of the seed's experiment (DESIGN.md, "The experiment,
// exactly"): what a JS developer would write without WebAssembly. It is a benchmark peer and a
// second test oracle for the engine (bench/test/oracle.test.ts). Arithmetic is JS doubles; with
// `dtype: 'float32'` only the storage is Float32Array (values round when stored).
import type { ExperimentConfig } from '@weight-decay/api'
import seedrandom from 'seedrandom'

/** The settings the plain loop understands: the API's, without the penalty or optimizer choices (the seed's L2 SGD only). */
export type PlainConfig = Omit<ExperimentConfig, 'penalty' | 'l1Ratio' | 'optimizer' | 'momentum' | 'nesterov' | 'beta1' | 'beta2' | 'eps' | 'decay' | 'schedule'>

/** The seed's defaults. */
export const PLAIN_DEFAULTS: PlainConfig = {
  numInputs: 200,
  nTrain: 20,
  nTest: 100,
  trueW: 0.01,
  trueB: 0.05,
  noiseStd: 0.01,
  initStd: 1,
  batchSize: 5,
  epochs: 100,
  lr: 0.003,
  lambda: 0,
  evalEvery: 5,
  shuffle: true,
  dtype: 'float32',
  seed: 'weight-decay',
}

type Vec = Float32Array | Float64Array

/** Row-major examples. */
export interface PlainData {
  xTrain: Vec
  yTrain: Vec
  xTest: Vec
  yTest: Vec
}

/** What one plain run returns (the engine's TrainResult, minus what the bench does not need). */
export interface PlainResult {
  history: { epoch: number; trainLoss: number; testLoss: number }[]
  w: Float64Array
  b: number
  wNorm: number
  timing: { dataMs: number; trainMs: number; evalMs: number }
}

type Rng = () => number

/** N(0, 1) by the Box–Muller transform, both values of each pair used. */
function normalSource(rng: Rng): () => number {
  let spare: number | undefined
  return () => {
    if (spare !== undefined) {
      const s = spare
      spare = undefined
      return s
    }
    let u = rng()
    while (u === 0) u = rng()
    const r = Math.sqrt(-2 * Math.log(u))
    const t = 2 * Math.PI * rng()
    spare = r * Math.sin(t)
    return r * Math.cos(t)
  }
}

function alloc(dtype: PlainConfig['dtype'], n: number): Vec {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n)
}

/** d2l.synthetic_data: X ~ N(0, 1), y = X·(trueW·1) + trueB + N(0, noiseStd²). */
function synthetic(c: PlainConfig, rows: number, normal: () => number): { x: Vec; y: Vec } {
  const d = c.numInputs
  const x = alloc(c.dtype, rows * d)
  const y = alloc(c.dtype, rows)
  for (let i = 0; i < rows * d; i++) x[i] = normal()
  for (let r = 0; r < rows; r++) {
    let s = 0
    for (let j = 0; j < d; j++) s += x[r * d + j]! * c.trueW
    y[r] = s + c.trueB
  }
  for (let r = 0; r < rows; r++) y[r] = y[r]! + c.noiseStd * normal()
  return { x, y }
}

/** Mean of ½ r² over the rows (no penalty). */
function meanLoss(x: Vec, y: Vec, rows: number, d: number, w: Vec, b: number): number {
  let s = 0
  for (let r = 0; r < rows; r++) {
    let dot = 0
    const o = r * d
    for (let j = 0; j < d; j++) dot += x[o + j]! * w[j]!
    const res = dot + b - y[r]!
    s += 0.5 * res * res
  }
  return s / rows
}

/**
 * Trains one run: synthetic data and N(0, initStd²) weights from the seed unless `data` and
 * `init` are given; minibatch SGD with the L2 penalty added per example, as the seed does.
 */
export function trainPlain(options: Partial<PlainConfig> = {}, data?: PlainData, init?: { w: ArrayLike<number>; b: number }): PlainResult {
  const c: PlainConfig = { ...PLAIN_DEFAULTS, ...options }
  const d = c.numInputs
  const t0 = performance.now()
  const rng = seedrandom.xor4096(String(c.seed))
  const normal = normalSource(rng)
  let xTrain: Vec, yTrain: Vec, xTest: Vec, yTest: Vec
  if (data) {
    ;({ xTrain, yTrain, xTest, yTest } = data)
  } else {
    const train = synthetic(c, c.nTrain, normal)
    const test = synthetic(c, c.nTest, normal)
    ;[xTrain, yTrain, xTest, yTest] = [train.x, train.y, test.x, test.y]
  }
  const nTrain = yTrain.length
  const nTest = yTest.length
  const w = alloc(c.dtype, d)
  let b = 0
  if (init) {
    w.set(init.w)
    b = init.b
  } else {
    for (let j = 0; j < d; j++) w[j] = c.initStd * normal()
  }
  const timing = { dataMs: performance.now() - t0, trainMs: 0, evalMs: 0 }

  const perm = new Int32Array(nTrain)
  for (let i = 0; i < nTrain; i++) perm[i] = i
  const grad = new Float64Array(d)
  const history: PlainResult['history'] = []
  for (let epoch = 1; epoch <= c.epochs; epoch++) {
    const t1 = performance.now()
    if (c.shuffle) {
      for (let i = nTrain - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1))
        const tmp = perm[i]!
        perm[i] = perm[j]!
        perm[j] = tmp
      }
    }
    for (let start = 0; start < nTrain; start += c.batchSize) {
      const m = Math.min(c.batchSize, nTrain - start)
      grad.fill(0)
      let gb = 0
      for (let k = 0; k < m; k++) {
        const o = perm[start + k]! * d
        let dot = 0
        for (let j = 0; j < d; j++) dot += xTrain[o + j]! * w[j]!
        const r = dot + b - yTrain[perm[start + k]!]!
        gb += r
        for (let j = 0; j < d; j++) grad[j] = grad[j]! + r * xTrain[o + j]!
      }
      // g_w = Σ r x + m·λ·w; w -= lr·g_w / batchSize (DESIGN.md).
      for (let j = 0; j < d; j++) w[j] = w[j]! - (c.lr * (grad[j]! + m * c.lambda * w[j]!)) / c.batchSize
      b -= (c.lr * gb) / c.batchSize
      if (c.dtype === 'float32') b = Math.fround(b)
    }
    const t2 = performance.now()
    timing.trainMs += t2 - t1
    if (epoch % c.evalEvery === 0) {
      history.push({ epoch, trainLoss: meanLoss(xTrain, yTrain, nTrain, d, w, b), testLoss: meanLoss(xTest, yTest, nTest, d, w, b) })
      timing.evalMs += performance.now() - t2
    }
  }
  let norm = 0
  for (let j = 0; j < d; j++) norm += w[j]! * w[j]!
  return { history, w: Float64Array.from(w), b, wNorm: Math.sqrt(norm), timing }
}
