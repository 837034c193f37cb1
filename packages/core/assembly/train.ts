// Minibatch SGD on the penalized squared loss, exactly as the seed's loop (DESIGN.md).
import { sgdStep } from "./model";
import { allFinite } from "./kernels";
import { shuffle } from "./data";

/**
 * Runs `epochs` epochs of minibatch SGD over the `n` rows listed in `perm`, updating w (width d)
 * and the bias at `bPtr` in place; `grad` is d values of scratch. Each batch of m ≤ batchSize rows does
 *   w -= lr/batchSize · (Σ r_k x_k + m·(λ1·sign(w) + λ2·w)),  b -= lr/batchSize · Σ r_k.
 * When `reshuffle` is set, `perm` gets a new Fisher-Yates permutation from `rng` before each
 * epoch. Returns the number of epochs that ended with finite parameters; it stops after the
 * first one that did not.
 */
export function sgdEpochs<T>(
  x: usize, y: usize, n: i32, d: i32, w: usize, bPtr: usize, grad: usize, perm: usize,
  rng: usize, reshuffle: bool, batchSize: i32, lr: f64, lambda1: f64, lambda2: f64, epochs: i32,
): i32 {
  const scale = <T>(lr / <f64>batchSize);
  const l1 = <T>lambda1;
  const l2 = <T>lambda2;
  let b = load<T>(bPtr);
  for (let e = 0; e < epochs; ++e) {
    if (reshuffle) shuffle(rng, perm, n);
    for (let start = 0; start < n; start += batchSize) {
      const m = min(batchSize, n - start);
      const mT = <T>m;
      const gb = sgdStep<T>(x, y, d, w, b, perm, start, m, grad, scale, mT * l1, mT * l2);
      b -= scale * gb;
    }
    store<T>(bPtr, b);
    if (!(allFinite<T>(w, d) && b - b == 0)) return e;
  }
  return epochs;
}
