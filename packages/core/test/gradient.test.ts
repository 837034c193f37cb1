import seedrandom from 'seedrandom'
import { describe, expect, it } from 'vitest'
import { loadCore, readF64, writeF64 } from './core.js'

/** Σ_k [½ r_k² + λ1‖w‖₁ + λ2·½‖w‖²] over the batch, computed here independently of the core. */
function penalizedBatchLoss(x: number[][], y: number[], w: number[], b: number, lambda1: number, lambda2: number): number {
  const l1 = w.reduce((s, v) => s + Math.abs(v), 0)
  const l2 = w.reduce((s, v) => s + v * v, 0) / 2
  let loss = 0
  for (let k = 0; k < x.length; k++) {
    const r = x[k]!.reduce((s, v, j) => s + v * w[j]!, 0) + b - y[k]!
    loss += 0.5 * r * r + lambda1 * l1 + lambda2 * l2
  }
  return loss
}

describe('analytic gradient of the penalized batch loss (f64)', () => {
  const core = loadCore()
  const rand = seedrandom.xor4096('gradient-check')
  const normal = () => Math.sqrt(-2 * Math.log(rand.double())) * Math.cos(2 * Math.PI * rand.double())

  for (let trial = 0; trial < 60; trial++) {
    const d = 1 + Math.floor(rand() * 12)
    const rows = 1 + Math.floor(rand() * 7)
    const m = 1 + Math.floor(rand() * rows)
    const penalty = ['l2', 'l1', 'elastic'][trial % 3]!
    const lambda = rand() * 5
    const lambda1 = penalty === 'l2' ? 0 : penalty === 'l1' ? lambda : 0.3 * lambda
    const lambda2 = penalty === 'l1' ? 0 : penalty === 'l2' ? lambda : 0.7 * lambda
    it(`matches central differences: d=${d}, batch ${m} of ${rows} rows, ${penalty} λ=${lambda.toFixed(3)}`, () => {
      const x = Array.from({ length: rows }, () => Array.from({ length: d }, normal))
      const y = Array.from({ length: rows }, normal)
      // Weights away from 0, where the L1 term is differentiable.
      const w = Array.from({ length: d }, () => (rand() < 0.5 ? -1 : 1) * (0.1 + rand()))
      const b = normal()
      const perm = Array.from({ length: rows }, (_, i) => i).sort(() => rand() - 0.5)
      const start = Math.floor(rand() * (rows - m + 1))
      const batch = perm.slice(start, start + m)

      const xPtr = writeF64(core, x.flat())
      const yPtr = writeF64(core, y)
      const wPtr = writeF64(core, w)
      const permPtr = core.alloc(rows * 4)
      new Int32Array(core.memory.buffer, permPtr, rows).set(perm)
      const gPtr = core.alloc(d * 8)
      const gb = core.batchGradient_f64(xPtr, yPtr, d, wPtr, b, permPtr, start, m, lambda1, lambda2, gPtr)
      const gw = readF64(core, gPtr, d)

      const xb = batch.map((i) => x[i]!)
      const yb = batch.map((i) => y[i]!)
      const loss = (ww: number[], bb: number) => penalizedBatchLoss(xb, yb, ww, bb, lambda1, lambda2)
      const h = 1e-6
      const tolerance = 1e-6 // relative, against the gradient's scale
      const scale = Math.max(1, ...Array.from(gw, Math.abs), Math.abs(gb))
      for (let j = 0; j < d; j++) {
        const plus = w.slice()
        const minus = w.slice()
        plus[j]! += h
        minus[j]! -= h
        const fd = (loss(plus, b) - loss(minus, b)) / (2 * h)
        expect(Math.abs(gw[j]! - fd) / scale, `∂/∂w${j}`).toBeLessThan(tolerance)
      }
      const fdB = (loss(w, b + h) - loss(w, b - h)) / (2 * h)
      expect(Math.abs(gb - fdB) / scale, '∂/∂b').toBeLessThan(tolerance)
      for (const p of [xPtr, yPtr, wPtr, permPtr, gPtr]) core.free(p)
    })
  }
})

describe('the SGD step applies exactly that gradient (f64)', () => {
  const core = loadCore()
  const rand = seedrandom.xor4096('sgd-step')
  // Widths and batch sizes around the SIMD lane counts and the four-row groups of sgdStep.
  const shapes = [
    [1, 1], [2, 3], [3, 4], [5, 5], [8, 7], [13, 8], [200, 5], [31, 9], [64, 13], [7, 17],
  ] as const
  for (const [d, m] of shapes) {
    for (const [lambda1, lambda2] of [[0, 0], [0, 2.5], [0.7, 0], [0.3, 1.1]] as const) {
      it(`one step of sgdEpochs is w − lr/m · batchGradient bit for bit: d=${d}, m=${m}, λ1=${lambda1}, λ2=${lambda2}`, () => {
        const normal = () => Math.sqrt(-2 * Math.log(rand.double())) * Math.cos(2 * Math.PI * rand.double())
        const x = Array.from({ length: m * d }, normal)
        const y = Array.from({ length: m }, normal)
        const w = Array.from({ length: d }, normal)
        const b = normal()
        const perm = Array.from({ length: m }, (_, i) => i).sort(() => rand() - 0.5)
        const lr = 0.01
        const xPtr = writeF64(core, x)
        const yPtr = writeF64(core, y)
        const wPtr = writeF64(core, w)
        const bPtr = writeF64(core, [b])
        const permPtr = core.alloc(m * 4)
        new Int32Array(core.memory.buffer, permPtr, m).set(perm)
        const gPtr = core.alloc(d * 8)
        const gb = core.batchGradient_f64(xPtr, yPtr, d, wPtr, b, permPtr, 0, m, lambda1, lambda2, gPtr)
        const gw = readF64(core, gPtr, d)
        const scratch = writeF64(core, new Float64Array(d)) // sgdEpochs needs it zero
        expect(core.sgdEpochs_f64(xPtr, yPtr, m, d, wPtr, bPtr, scratch, permPtr, 0, 0, m, lr, lambda1, lambda2, 1)).toBe(1)
        const scale = lr / m
        expect(readF64(core, wPtr, d)).toEqual(Float64Array.from(w, (v, j) => v - scale * gw[j]!))
        expect(readF64(core, bPtr, 1)[0]).toBe(b - scale * gb)
        for (const p of [xPtr, yPtr, wPtr, bPtr, permPtr, gPtr, scratch]) core.free(p)
      })
    }
  }
})
