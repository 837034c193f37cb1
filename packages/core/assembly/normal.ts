// see: J. A. Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples" (2005),
// ZIGNOR with 128 blocks; the Marsaglia-Tsang (2000) ziggurat with the uniform and the block
// index taken from independent bits, and a 53-bit uniform so f64 samples are not coarse.
import { rngBlock, rngRewind } from "./rng";

// @ts-ignore: decorator
@inline const BLOCKS: i32 = 128;
// @ts-ignore: decorator
@inline const TAIL_START: f64 = 3.442619855899;
// @ts-ignore: decorator
@inline const BLOCK_AREA: f64 = 9.91256303526217e-3;

// Static tables (no managed objects, so the module needs no garbage-collected runtime).
const BLOCK_X: usize = memory.data((BLOCKS + 1) * 8, 16);
const BLOCK_RATIO: usize = memory.data(BLOCKS * 8, 16);

// @ts-ignore: decorator
@inline function blockX(i: i32): f64 {
  return load<f64>(BLOCK_X + (<usize>i << 3));
}
// @ts-ignore: decorator
@inline function blockRatio(i: i32): f64 {
  return load<f64>(BLOCK_RATIO + (<usize>i << 3));
}

function initTables(): void {
  let f = Math.exp(-0.5 * TAIL_START * TAIL_START);
  store<f64>(BLOCK_X, BLOCK_AREA / f);
  store<f64>(BLOCK_X + 8, TAIL_START);
  store<f64>(BLOCK_X + (<usize>BLOCKS << 3), 0);
  for (let i = 2; i < BLOCKS; ++i) {
    const x = Math.sqrt(-2 * Math.log(BLOCK_AREA / blockX(i - 1) + f));
    store<f64>(BLOCK_X + (<usize>i << 3), x);
    f = Math.exp(-0.5 * x * x);
  }
  for (let i = 0; i < BLOCKS; ++i) store<f64>(BLOCK_RATIO + (<usize>i << 3), blockX(i + 1) / blockX(i));
}
initTables();

// The tables scaled by 2^52 and 2^-52 (exact: powers of two) for normalsDot's fast path.
const RATIO_2_52: usize = memory.data(BLOCKS * 8, 16);
const X_2_M52: usize = memory.data(BLOCKS * 8, 16);
for (let i = 0; i < BLOCKS; ++i) {
  store<f64>(RATIO_2_52 + (<usize>i << 3), blockRatio(i) * 4503599627370496.0);
  store<f64>(X_2_M52 + (<usize>i << 3), blockX(i) * 2.220446049250313e-16);
}

// The sampler reads the generator through a buffer: `rngBlock` makes BLOCK outputs at a time and
// `closeStream` rewinds the generator to just after the last output used, so the stream is the
// same as one `nextInt32` at a time. Every draw here takes outputs in pairs.
// @ts-ignore: decorator
@inline const BLOCK: i32 = 64;
const OUT: usize = memory.data(BLOCK * 4, 16);
const SAVED: usize = memory.data(BLOCK * 4, 16);
let streamState: usize = 0;
let streamPos: i32 = 0;
let streamLen: i32 = 0;

/** Starts drawing from the generator at `state` (one stream at a time; end with `closeStream`). */
export function openStream(state: usize): void {
  streamState = state;
  streamPos = 0;
  streamLen = 0;
}

/** Leaves the generator just after the last output drawn since `openStream`. */
export function closeStream(): void {
  if (streamLen > 0) rngRewind(streamState, SAVED, streamLen, streamPos);
  streamPos = 0;
  streamLen = 0;
}

/** The next output of the open stream. */
function draw(): i32 {
  if (streamPos >= streamLen) {
    rngBlock(streamState, OUT, SAVED, BLOCK);
    streamPos = 0;
    streamLen = BLOCK;
  }
  const v = load<i32>(OUT + (<usize>streamPos << 2));
  streamPos += 1;
  return v;
}

/** A uniform double in (0, 1) with 53 random bits from the open stream, as seedrandom's `prng.double()`. */
function drawDouble(): f64 {
  let result: f64;
  do {
    const top = <f64>(<u32>draw() >> 11);
    const bot = <f64><u32>draw() * 2.3283064365386963e-10;
    result = (top + bot) * 4.76837158203125e-7; // 2^-21
  } while (result == 0);
  return result;
}

/** A sample from the normal tail beyond `start`, negated when `negative` (Marsaglia 1964). */
function tail(start: f64, negative: bool): f64 {
  let x: f64, y: f64;
  do {
    x = Math.log(drawDouble()) / start;
    y = Math.log(drawDouble());
  } while (-2 * y < x * x);
  return negative ? x - start : start - x;
}

/**
 * Completes the sample whose two draws `hi`, `lo` are given, drawing more from the open stream
 * when the point falls outside the rectangles (the wedges and the tail, about 1.2% of draws).
 */
function finishNormal(hi: i32, lo: u32): f64 {
  while (true) {
    // u in [-1, 1): 32 signed bits from hi, 21 more from lo's top; the block from lo's low 7 bits.
    const u = (<f64>hi + <f64>(lo >> 11) * 4.76837158203125e-7) * 4.656612873077393e-10;
    const i = <i32>(lo & 127);
    if (Math.abs(u) < blockRatio(i)) return u * blockX(i);
    if (i == 0) return tail(TAIL_START, u < 0);
    const xi = blockX(i);
    const xj = blockX(i + 1);
    const x = u * xi;
    const f0 = Math.exp(-0.5 * (xi * xi - x * x));
    const f1 = Math.exp(-0.5 * (xj * xj - x * x));
    if (f1 + (f0 - f1) * drawDouble() < 1.0) return x;
    hi = draw();
    lo = <u32>draw();
  }
}

/** A standard normal variate from the open stream. */
export function streamNormal(): f64 {
  const hi = draw();
  return finishNormal(hi, <u32>draw());
}

/**
 * Writes `n` values <T>(scale · z) at `out`, z ~ N(0, 1) from the open stream, and returns
 * Σ_j <T>(scale · z_j) · c summed in order in T (the seed's y = X·(c·1) sums a row this way).
 */
export function normalsDot<T>(out: usize, n: i32, scale: f64, c: T): T {
  let pos = streamPos;
  let len = streamLen;
  let s: T = 0;
  for (let k = 0; k < n; ++k) {
    let hi: i32, lo: u32;
    if (pos + 2 <= len) {
      hi = load<i32>(OUT + (<usize>pos << 2));
      lo = load<u32>(OUT + (<usize>pos << 2), 4);
      pos += 2;
    } else {
      streamPos = pos;
      hi = draw();
      lo = <u32>draw();
      pos = streamPos;
      len = streamLen;
    }
    // u = n · 2^-52 exactly (53 bits: hi's 32 signed, lo's top 21), so comparing n against
    // ratio · 2^52 and multiplying it by x · 2^-52 give the same bits as finishNormal's u.
    const n52 = <f64>((<i64>hi << 21) | <i64>(lo >> 11));
    const b = <usize>(lo & 127) << 3;
    let z: f64;
    if (Math.abs(n52) < load<f64>(RATIO_2_52 + b)) {
      z = n52 * load<f64>(X_2_M52 + b);
    } else {
      streamPos = pos;
      z = finishNormal(hi, lo);
      pos = streamPos;
      len = streamLen;
    }
    const v = <T>(scale * z);
    store<T>(out + (<usize>k << alignof<T>()), v);
    s += v * c;
  }
  streamPos = pos;
  return s;
}

/** Fills `n` f64 slots at `out` with standard normal variates from the generator at `state` (for tests). */
export function normalFill(state: usize, out: usize, n: i32): void {
  openStream(state);
  normalsDot<f64>(out, n, 1.0, 0);
  closeStream();
}
