// see: J. A. Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples" (2005),
// ZIGNOR with 128 blocks; the Marsaglia-Tsang (2000) ziggurat with the uniform and the block
// index taken from independent bits, and a 53-bit uniform so f64 samples are not coarse.
import { nextInt32, nextDouble } from "./rng";

// @ts-ignore: decorator
@inline const BLOCKS: i32 = 128;
// @ts-ignore: decorator
@inline const TAIL_START: f64 = 3.442619855899;
// @ts-ignore: decorator
@inline const BLOCK_AREA: f64 = 9.91256303526217e-3;

const blockX = new StaticArray<f64>(BLOCKS + 1);
const blockRatio = new StaticArray<f64>(BLOCKS);

function initTables(): void {
  let f = Math.exp(-0.5 * TAIL_START * TAIL_START);
  unchecked(blockX[0] = BLOCK_AREA / f);
  unchecked(blockX[1] = TAIL_START);
  unchecked(blockX[BLOCKS] = 0);
  for (let i = 2; i < BLOCKS; ++i) {
    const x = Math.sqrt(-2 * Math.log(BLOCK_AREA / unchecked(blockX[i - 1]) + f));
    unchecked(blockX[i] = x);
    f = Math.exp(-0.5 * x * x);
  }
  for (let i = 0; i < BLOCKS; ++i) unchecked(blockRatio[i] = blockX[i + 1] / blockX[i]);
}
initTables();

/** A sample from the normal tail beyond `start`, negated when `negative` (Marsaglia 1964). */
function tail(state: usize, start: f64, negative: bool): f64 {
  let x: f64, y: f64;
  do {
    x = Math.log(nextDouble(state)) / start;
    y = Math.log(nextDouble(state));
  } while (-2 * y < x * x);
  return negative ? x - start : start - x;
}

/** A standard normal variate from the generator at `state`. */
export function nextNormal(state: usize): f64 {
  while (true) {
    const hi = nextInt32(state);
    const lo = <u32>nextInt32(state);
    // u in [-1, 1): 32 signed bits from hi, 21 more from lo's top; the block from lo's low 7 bits.
    const u = (<f64>hi + <f64>(lo >> 11) * 4.76837158203125e-7) * 4.656612873077393e-10;
    const i = <i32>(lo & 127);
    if (Math.abs(u) < unchecked(blockRatio[i])) return u * unchecked(blockX[i]);
    if (i == 0) return tail(state, TAIL_START, u < 0);
    const xi = unchecked(blockX[i]);
    const xj = unchecked(blockX[i + 1]);
    const x = u * xi;
    const f0 = Math.exp(-0.5 * (xi * xi - x * x));
    const f1 = Math.exp(-0.5 * (xj * xj - x * x));
    if (f1 + (f0 - f1) * nextDouble(state) < 1.0) return x;
  }
}

/** Fills `n` f64 slots at `out` with standard normal variates (for tests). */
export function normalFill(state: usize, out: usize, n: i32): void {
  for (let k = 0; k < n; ++k) store<f64>(out + (<usize>k << 3), nextNormal(state));
}
