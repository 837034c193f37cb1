// see: seedrandom 3.0.5, lib/xor4096.js (Richard Brent's xorgens xor4096, Weyl-combined),
// ported bit for bit: same seeding from integers and UTF-16 strings, same outputs.

/** Bytes of one generator's state: 128 words of xor state, the Weyl word, the index. */
export const RNG_STATE_BYTES: i32 = 520;

// @ts-ignore: decorator
@inline const WEYL: i32 = 0x61c88647;
// @ts-ignore: decorator
@inline const W_OFFSET: usize = 512;
// @ts-ignore: decorator
@inline const I_OFFSET: usize = 516;

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

/** The next int32 output, as seedrandom's `prng.int32()`. */
// @ts-ignore: decorator
@inline export function nextInt32(state: usize): i32 {
  const w = load<i32>(state + W_OFFSET) + WEYL;
  store<i32>(state + W_OFFSET, w);
  const i0 = load<i32>(state + I_OFFSET);
  let v = load<i32>(xAt(state, i0 + 34));
  const i = (i0 + 1) & 127;
  let t = load<i32>(xAt(state, i));
  v ^= v << 13;
  t ^= t << 17;
  v ^= <i32>(<u32>v >> 15);
  t ^= <i32>(<u32>t >> 12);
  v = v ^ t;
  store<i32>(xAt(state, i), v);
  store<i32>(state + I_OFFSET, i);
  return v + (w ^ <i32>(<u32>w >> 16));
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
