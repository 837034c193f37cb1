// Synthetic data of the seed's experiment (d2l.synthetic_data) and Fisher-Yates shuffling.
import { openStream, closeStream, streamNormal, normalsDot } from "./normal";
import { nextBelow } from "./rng";

/** Fills `n` values of type T at `out` with `scale` × N(0, 1), in stream order. */
export function fillNormal<T>(rng: usize, out: usize, n: i32, scale: f64): void {
  openStream(rng);
  normalsDot<T>(out, n, scale, 0);
  closeStream();
}

/**
 * Draws `rows` examples of width `d`: X ~ N(0, 1) row-major at `x`, then
 * y = X·(trueW·1) + trueB + N(0, noiseStd²) at `y` (X first, then all the noise, as d2l does).
 */
export function syntheticData<T>(
  rng: usize, x: usize, y: usize, rows: i32, d: i32, trueW: f64, trueB: f64, noiseStd: f64,
): void {
  openStream(rng);
  const tw = <T>trueW;
  const tb = <T>trueB;
  // Each row's sum is taken while its values are drawn, in the same order as a separate pass.
  for (let r = 0; r < rows; ++r) {
    const row = x + (<usize>r * <usize>d << alignof<T>());
    store<T>(y + (<usize>r << alignof<T>()), normalsDot<T>(row, d, 1.0, tw) + tb);
  }
  for (let r = 0; r < rows; ++r) {
    const p = y + (<usize>r << alignof<T>());
    store<T>(p, load<T>(p) + <T>(noiseStd * streamNormal()));
  }
  closeStream();
}

/** Sets `perm` (n int32) to the identity permutation. */
export function identity(perm: usize, n: i32): void {
  for (let k = 0; k < n; ++k) store<i32>(perm + (<usize>k << 2), k);
}

// see: R. Durstenfeld, Algorithm 235 "Random permutation" (CACM 1964), the in-place Fisher-Yates.
/** Shuffles the `n` int32 at `perm` in place with the generator at `rng`. */
export function shuffle(rng: usize, perm: usize, n: i32): void {
  for (let i = n - 1; i > 0; --i) {
    const j = <i32>nextBelow(rng, <u32>(i + 1));
    const pi = perm + (<usize>i << 2);
    const pj = perm + (<usize>j << 2);
    const t = load<i32>(pi);
    store<i32>(pi, load<i32>(pj));
    store<i32>(pj, t);
  }
}
