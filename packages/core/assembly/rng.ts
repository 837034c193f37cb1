// see: seedrandom 3.0.5, lib/xor4096.js (Richard Brent's xorgens xor4096, Weyl-combined),
// ported bit for bit: same seeding from integers and UTF-16 strings, same outputs.

/** Bytes of one generator's state: 128 words of xor state, the Weyl word, the index. */
export const RNG_STATE_BYTES: i32 = 520;

/** The Weyl increment per output. */
// @ts-ignore: decorator
@inline export const WEYL: i32 = 0x61c88647;
/** Offset of the Weyl word in a state (bulk samplers keep it in a local meanwhile). */
// @ts-ignore: decorator
@inline export const W_OFFSET: usize = 512;
/** Offset of the index word in a state. */
// @ts-ignore: decorator
@inline export const I_OFFSET: usize = 516;

// @ts-ignore: decorator
@inline function xAt(state: usize, k: i32): usize {
  return state + (<usize>(k & 127) << 2);
}

/** Seeds `state` as seedrandom.xor4096 does; `chars` (UTF-16 units, terminator included) or, when `len` is 0, the int32 `v`. */
function seedState(state: usize, v: i32, chars: usize, len: i32): void {
  let limit = 128;
  if (len > limit) limit = len;
  let w: i32 = 0;
  let i: i32 = 0;
  memory.fill(state, 0, 512);
  for (let j = -32; j < limit; ++j) {
    if (len > 0) v ^= <i32>load<u16>(chars + (<usize>((j + 32) % len) << 1));
    if (j == 0) w = v;
    v ^= v << 10;
    v ^= <i32>(<u32>v >> 15);
    v ^= v << 4;
    v ^= <i32>(<u32>v >> 13);
    if (j >= 0) {
      w = w + WEYL;
      const p = xAt(state, j);
      const t = load<i32>(p) ^ (v + w);
      store<i32>(p, t);
      i = t == 0 ? i + 1 : 0;
    }
  }
  // All-zero key: make it nonzero, as seedrandom does.
  if (i >= 128) store<i32>(xAt(state, len), -1);
  // Warm up 512 steps without advancing the Weyl word.
  i = 127;
  for (let j = 4 * 128; j > 0; --j) {
    let v2 = load<i32>(xAt(state, i + 34));
    i = (i + 1) & 127;
    let t = load<i32>(xAt(state, i));
    v2 ^= v2 << 13;
    t ^= t << 17;
    v2 ^= <i32>(<u32>v2 >> 15);
    t ^= <i32>(<u32>t >> 12);
    store<i32>(xAt(state, i), v2 ^ t);
  }
  store<i32>(state + W_OFFSET, w);
  store<i32>(state + I_OFFSET, i);
}

/** Seeds the generator from an int32, as `seedrandom.xor4096(seed)` with `seed === (seed | 0)`. */
export function rngSeedInt(state: usize, seed: i32): void {
  seedState(state, seed, 0, 0);
}

/** Seeds the generator from `len` UTF-16 units at `chars`, which must end with one extra 0 unit (seedrandom appends '\0'). */
export function rngSeedChars(state: usize, chars: usize, len: i32): void {
  seedState(state, 0, chars, len);
}

/** One step of the xor part: replaces and returns the word after index `i0` (the caller advances the index and the Weyl word). */
// @ts-ignore: decorator
@inline export function xorStep(state: usize, i0: i32): i32 {
  let v = load<i32>(xAt(state, i0 + 34));
  const p = xAt(state, i0 + 1);
  let t = load<i32>(p);
  v ^= v << 13;
  t ^= t << 17;
  v ^= <i32>(<u32>v >> 15);
  t ^= <i32>(<u32>t >> 12);
  v = v ^ t;
  store<i32>(p, v);
  return v;
}

/** The output that combines the xor word `v` with the Weyl word `w` (already advanced). */
// @ts-ignore: decorator
@inline export function mixOutput(v: i32, w: i32): i32 {
  return v + (w ^ <i32>(<u32>w >> 16));
}

/** The next int32 output, as seedrandom's `prng.int32()`. */
// @ts-ignore: decorator
@inline export function nextInt32(state: usize): i32 {
  const w = load<i32>(state + W_OFFSET) + WEYL;
  store<i32>(state + W_OFFSET, w);
  const i0 = load<i32>(state + I_OFFSET);
  const v = xorStep(state, i0);
  store<i32>(state + I_OFFSET, (i0 + 1) & 127);
  return mixOutput(v, w);
}

/** A uniform double in [0, 1) with 32 random bits, as seedrandom's `prng()`. */
// @ts-ignore: decorator
@inline export function nextQuick(state: usize): f64 {
  return <f64><u32>nextInt32(state) * 2.3283064365386963e-10; // 2^-32
}

/** A uniform double in (0, 1) with 53 random bits, as seedrandom's `prng.double()`. */
export function nextDouble(state: usize): f64 {
  let result: f64;
  do {
    const top = <f64>(<u32>nextInt32(state) >> 11);
    const bot = <f64><u32>nextInt32(state) * 2.3283064365386963e-10;
    result = (top + bot) * 4.76837158203125e-7; // 2^-21
  } while (result == 0);
  return result;
}

/** A uniform integer in [0, n), by Lemire's multiply-shift (bias below n / 2^32). */
// @ts-ignore: decorator
@inline export function nextBelow(state: usize, n: u32): u32 {
  return <u32>((<u64><u32>nextInt32(state) * <u64>n) >> 32);
}

/** Fills `out` with `n` outputs for tests: kind 0 int32, 1 `prng()`, 2 `prng.double()`. */
export function rngFill(state: usize, out: usize, n: i32, kind: i32): void {
  for (let k = 0; k < n; ++k) {
    if (kind == 0) store<i32>(out + (<usize>k << 2), nextInt32(state));
    else if (kind == 1) store<f64>(out + (<usize>k << 3), nextQuick(state));
    else store<f64>(out + (<usize>k << 3), nextDouble(state));
  }
}

/** Most outputs one `rngBlock` may make: step t reads the word written at step t − 95, so up to 95 steps are independent. */
// @ts-ignore: decorator
@inline export const MAX_BLOCK: i32 = 95;

/**
 * Advances the generator at `state` by `count` ≤ MAX_BLOCK outputs at once, in i32x4 lanes where
 * the ring of 128 words does not wrap, writing the outputs to `out` and the words they overwrite
 * to `saved` (so `rngRewind` can step back to any point of the block).
 */
export function rngBlock(state: usize, out: usize, saved: usize, count: i32): void {
  const w0 = load<i32>(state + W_OFFSET);
  const i0 = load<i32>(state + I_OFFSET);
  let t = 0;
  while (t < count) {
    const a = (i0 + 1 + t) & 127; // written (and read) at step t
    const b = (i0 + 34 + t) & 127; // read at step t
    let run = min(count - t, min(128 - a, 128 - b));
    const pa = state + (<usize>a << 2);
    const pb = state + (<usize>b << 2);
    const ps = saved + (<usize>t << 2);
    const po = out + (<usize>t << 2);
    let q = 0;
    if (run >= 4) {
      // Weyl words of steps t+1 .. t+4, then four steps further each time.
      let wv = i32x4.add(i32x4.splat(w0 + t * WEYL), i32x4(WEYL, 2 * WEYL, 3 * WEYL, 4 * WEYL));
      const w4 = i32x4.splat(4 * WEYL);
      for (; q <= run - 4; q += 4) {
        const o = <usize>q << 2;
        let tv = v128.load(pa + o);
        let vv = v128.load(pb + o);
        v128.store(ps + o, tv);
        vv = v128.xor(vv, i32x4.shl(vv, 13));
        tv = v128.xor(tv, i32x4.shl(tv, 17));
        vv = v128.xor(vv, i32x4.shr_u(vv, 15));
        tv = v128.xor(tv, i32x4.shr_u(tv, 12));
        vv = v128.xor(vv, tv);
        v128.store(pa + o, vv);
        v128.store(po + o, i32x4.add(vv, v128.xor(wv, i32x4.shr_u(wv, 16))));
        wv = i32x4.add(wv, w4);
      }
    }
    for (; q < run; ++q) {
      const o = <usize>q << 2;
      store<i32>(ps + o, load<i32>(pa + o));
      store<i32>(po + o, mixOutput(xorStep(state, i0 + t + q), w0 + (t + q + 1) * WEYL));
    }
    t += run;
  }
  store<i32>(state + W_OFFSET, w0 + count * WEYL);
  store<i32>(state + I_OFFSET, (i0 + count) & 127);
}

/** Steps the generator back from the end of `rngBlock(state, _, saved, count)` to just after `used` of its outputs. */
export function rngRewind(state: usize, saved: usize, count: i32, used: i32): void {
  const back = count - used;
  if (back <= 0) return;
  const w = load<i32>(state + W_OFFSET);
  const iEnd = load<i32>(state + I_OFFSET);
  const i0 = iEnd - count;
  for (let t = used; t < count; ++t) {
    store<i32>(xAt(state, i0 + 1 + t), load<i32>(saved + (<usize>t << 2)));
  }
  store<i32>(state + W_OFFSET, w - back * WEYL);
  store<i32>(state + I_OFFSET, (iEnd - back) & 127);
}
