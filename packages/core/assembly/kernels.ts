// Vector primitives over T (f32 or f64) in linear memory, in wasm SIMD (f32x4 / f64x2) with a
// scalar tail for widths that are not a multiple of the lane count. Fixed summation orders keep
// every result deterministic (no relaxed SIMD).

/** Sum of the lanes of `v` as T: (l0 + l1) + (l2 + l3) for f32x4, l0 + l1 for f64x2. */
// @ts-ignore: decorator
@inline export function hsum<T>(v: v128): T {
  if (sizeof<T>() == 4) {
    return (v128.extract_lane<T>(v, 0) + v128.extract_lane<T>(v, 1)) + (v128.extract_lane<T>(v, 2) + v128.extract_lane<T>(v, 3));
  } else {
    return v128.extract_lane<T>(v, 0) + v128.extract_lane<T>(v, 1);
  }
}

/** The dot product of the `n` values at `a` and at `b` (four vector accumulators, then the tail). */
export function dot<T>(a: usize, b: usize, n: i32): T {
  const lanes = <i32>(16 / sizeof<T>());
  let s0 = v128.splat<T>(0);
  let s1 = s0;
  let s2 = s0;
  let s3 = s0;
  let j = 0;
  for (; j <= n - 4 * lanes; j += 4 * lanes) {
    const o = <usize>j << alignof<T>();
    s0 = v128.add<T>(s0, v128.mul<T>(v128.load(a + o), v128.load(b + o)));
    s1 = v128.add<T>(s1, v128.mul<T>(v128.load(a + o, 16), v128.load(b + o, 16)));
    s2 = v128.add<T>(s2, v128.mul<T>(v128.load(a + o, 32), v128.load(b + o, 32)));
    s3 = v128.add<T>(s3, v128.mul<T>(v128.load(a + o, 48), v128.load(b + o, 48)));
  }
  for (; j <= n - lanes; j += lanes) {
    const o = <usize>j << alignof<T>();
    s0 = v128.add<T>(s0, v128.mul<T>(v128.load(a + o), v128.load(b + o)));
  }
  let s = hsum<T>(v128.add<T>(v128.add<T>(s0, s1), v128.add<T>(s2, s3)));
  for (; j < n; ++j) {
    const o = <usize>j << alignof<T>();
    s += load<T>(a + o) * load<T>(b + o);
  }
  return s;
}

/**
 * The dot products of the four rows at `a0` … `a3` with `b` (n values each), stored as T at
 * out[0 .. 3]; each vector of `b` is loaded once for the four rows (two accumulators per row).
 */
export function dot4<T>(a0: usize, a1: usize, a2: usize, a3: usize, b: usize, n: i32, out: usize): void {
  const lanes = <i32>(16 / sizeof<T>());
  let s0 = v128.splat<T>(0);
  let s1 = s0, s2 = s0, s3 = s0;
  let j = 0;
  let p0 = a0, p1 = a1, p2 = a2, p3 = a3, pb = b;
  for (; j <= n - 2 * lanes; j += 2 * lanes) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    s0 = v128.add<T>(v128.add<T>(s0, v128.mul<T>(v128.load(p0), b0)), v128.mul<T>(v128.load(p0, 16), b1));
    s1 = v128.add<T>(v128.add<T>(s1, v128.mul<T>(v128.load(p1), b0)), v128.mul<T>(v128.load(p1, 16), b1));
    s2 = v128.add<T>(v128.add<T>(s2, v128.mul<T>(v128.load(p2), b0)), v128.mul<T>(v128.load(p2, 16), b1));
    s3 = v128.add<T>(v128.add<T>(s3, v128.mul<T>(v128.load(p3), b0)), v128.mul<T>(v128.load(p3, 16), b1));
    p0 += 32;
    p1 += 32;
    p2 += 32;
    p3 += 32;
    pb += 32;
  }
  if (j <= n - lanes) {
    const b0 = v128.load(pb);
    s0 = v128.add<T>(s0, v128.mul<T>(v128.load(p0), b0));
    s1 = v128.add<T>(s1, v128.mul<T>(v128.load(p1), b0));
    s2 = v128.add<T>(s2, v128.mul<T>(v128.load(p2), b0));
    s3 = v128.add<T>(s3, v128.mul<T>(v128.load(p3), b0));
    j += lanes;
  }
  let t0 = hsum<T>(s0);
  let t1 = hsum<T>(s1);
  let t2 = hsum<T>(s2);
  let t3 = hsum<T>(s3);
  for (; j < n; ++j) {
    const o = <usize>j << alignof<T>();
    const bj = load<T>(b + o);
    t0 += load<T>(a0 + o) * bj;
    t1 += load<T>(a1 + o) * bj;
    t2 += load<T>(a2 + o) * bj;
    t3 += load<T>(a3 + o) * bj;
  }
  store<T>(out, t0);
  store<T>(out + sizeof<T>(), t1);
  store<T>(out + 2 * sizeof<T>(), t2);
  store<T>(out + 3 * sizeof<T>(), t3);
}

/** y += alpha · x over `n` values. */
export function axpy<T>(alpha: T, x: usize, y: usize, n: i32): void {
  const lanes = <i32>(16 / sizeof<T>());
  const va = v128.splat<T>(alpha);
  let j = 0;
  for (; j <= n - lanes; j += lanes) {
    const o = <usize>j << alignof<T>();
    v128.store(y + o, v128.add<T>(v128.load(y + o), v128.mul<T>(va, v128.load(x + o))));
  }
  for (; j < n; ++j) {
    const o = <usize>j << alignof<T>();
    store<T>(y + o, load<T>(y + o) + alpha * load<T>(x + o));
  }
}

/** Sets the `n` values at `p` to zero. */
// @ts-ignore: decorator
@inline export function zero<T>(p: usize, n: i32): void {
  memory.fill(p, 0, <usize>n << alignof<T>());
}

/** Whether all `n` values at `p` are finite. */
export function allFinite<T>(p: usize, n: i32): bool {
  const lanes = <i32>(16 / sizeof<T>());
  // x - x is 0 for finite x and NaN otherwise; NaN survives the sum.
  let v = v128.splat<T>(0);
  let j = 0;
  for (; j <= n - lanes; j += lanes) {
    const x = v128.load(p + (<usize>j << alignof<T>()));
    v = v128.add<T>(v, v128.sub<T>(x, x));
  }
  let s = hsum<T>(v);
  for (; j < n; ++j) {
    const x = load<T>(p + (<usize>j << alignof<T>()));
    s += x - x;
  }
  return s == 0;
}

/**
 * The Euclidean norm of the `n` values at `p`, accumulated in f64; +Infinity when a value is not
 * finite (NaN included: the weights of a diverged run), rescaled when the squares overflow.
 */
export function norm2<T>(p: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < n; ++j) {
    const v = <f64>load<T>(p + (<usize>j << alignof<T>()));
    s += v * v;
  }
  // Finite sums (every run that did not diverge) keep the plain sum's bits.
  if (s - s == 0) return Math.sqrt(s);
  let big: f64 = 0;
  for (let j = 0; j < n; ++j) {
    const v = Math.abs(<f64>load<T>(p + (<usize>j << alignof<T>())));
    if (!(v - v == 0)) return Infinity;
    if (v > big) big = v;
  }
  let t: f64 = 0;
  for (let j = 0; j < n; ++j) {
    const v = <f64>load<T>(p + (<usize>j << alignof<T>())) / big;
    t += v * v;
  }
  return big * Math.sqrt(t);
}
