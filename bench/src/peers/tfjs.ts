// The seed's loop in TensorFlow.js on its WebAssembly backend: what a JS developer would pick
// instead of this project. The gradient is written out with tensor ops (r = Xw + b − y,
// g_w = Xᵀr + m·λ·w, g_b = Σr), because tfjs-core alone registers no gradient functions
// (autograd needs the whole @tensorflow/tfjs). TF.js's wasm backend has no float64.

type Tf = typeof import('@tensorflow/tfjs-core')
type Tensor = import('@tensorflow/tfjs-core').Tensor
type Variable = import('@tensorflow/tfjs-core').Variable

/** A loaded TF.js with the wasm backend, or the reason it could not load. */
export type TfLoad = { tf: Tf; version: string; simd: boolean; threads: boolean } | { skipped: string }

/** Loads @tensorflow/tfjs-core with @tensorflow/tfjs-backend-wasm (offline: the .wasm files ship in the package). */
export async function loadTf(): Promise<TfLoad> {
  try {
    const tf = await import('@tensorflow/tfjs-core')
    await import('@tensorflow/tfjs-backend-wasm')
    if (!(await tf.setBackend('wasm'))) return { skipped: 'the TF.js wasm backend did not initialise' }
    await tf.ready()
    return {
      tf,
      version: tf.version_core,
      simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
      threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
    }
  } catch (error) {
    return { skipped: `TF.js could not load: ${(error as Error).message.split('\n')[0]}` }
  }
}

/** The sizes and hyperparameters of one TF.js run. */
export interface TfRunOptions {
  numInputs: number
  batchSize: number
  epochs: number
  lr: number
  lambda: number
  /** Record train/test loss every this many epochs; 0 for none. */
  evalEvery: number
}

/** A dataset as TF.js tensors (d2l.synthetic_data). */
export interface TfData {
  x: Tensor
  y: Tensor
  xTest: Tensor
  yTest: Tensor
}

/** d2l.synthetic_data for the train and test sets: y = X·(0.01·1) + 0.05 + N(0, 0.01²). */
export function tfData(tf: Tf, numInputs: number, nTrain: number, nTest: number): TfData {
  const trueW = tf.fill([numInputs, 1], 0.01)
  const make = (rows: number) => {
    const x = tf.randomNormal([rows, numInputs])
    const y = tf.tidy(() => tf.add(tf.add(tf.matMul(x, trueW), 0.05), tf.randomNormal([rows, 1], 0, 0.01)))
    return { x, y }
  }
  const train = make(nTrain)
  const test = make(nTest)
  trueW.dispose()
  return { x: train.x, y: train.y, xTest: test.x, yTest: test.y }
}

/** Disposes a dataset's tensors. */
export function disposeTfData(data: TfData): void {
  for (const t of [data.x, data.y, data.xTest, data.yTest]) t.dispose()
}

/** Trains one run on `data` with the book's loop (gradient by hand); returns ‖w‖ and the history. */
export function tfTrain(tf: Tf, data: TfData, o: TfRunOptions): { wNorm: number; history: [number, number, number][] } {
  const n = data.x.shape[0]!
  const w: Variable = tf.variable(tf.randomNormal([o.numInputs, 1]), true)
  const b: Variable = tf.variable(tf.zeros([1]), true)
  const net = (x: Tensor) => tf.add(tf.matMul(x, w), b)
  const loss = (yHat: Tensor, y: Tensor) => tf.div(tf.square(tf.sub(yHat, y)), 2)
  const meanLoss = (x: Tensor, y: Tensor) => tf.tidy(() => tf.mean(loss(net(x), y)).dataSync()[0]!)
  const order = Array.from({ length: n }, (_, i) => i)
  const history: [number, number, number][] = []
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    tf.util.shuffle(order)
    for (let start = 0; start < n; start += o.batchSize) {
      tf.tidy(() => {
        const idx = tf.tensor1d(order.slice(start, start + o.batchSize), 'int32')
        const xb = tf.gather(data.x, idx)
        const yb = tf.gather(data.y, idx)
        const r = tf.sub(net(xb), yb)
        const m = idx.shape[0]!
        const gw = tf.add(tf.matMul(xb, r, true, false), tf.mul(w, m * o.lambda))
        w.assign(tf.sub(w, tf.mul(gw, o.lr / o.batchSize)))
        b.assign(tf.sub(b, tf.mul(tf.sum(r), o.lr / o.batchSize)))
      })
    }
    if (o.evalEvery > 0 && epoch % o.evalEvery === 0) {
      history.push([epoch, meanLoss(data.x, data.y), meanLoss(data.xTest, data.yTest)])
    }
  }
  const wNorm = tf.tidy(() => tf.norm(w).dataSync()[0]!)
  w.dispose()
  b.dispose()
  return { wNorm, history }
}
