// Vector primitives over T (f32 or f64) in linear memory; every hot loop goes through these.

/** The dot product of the `n` values at `a` and at `b`. */
// @ts-ignore: decorator
@inline export function dot<T>(a: usize, b: usize, n: i32): T {
  let s: T = 0;
  for (let j = 0; j < n; ++j) {
    const o = <usize>j << alignof<T>();
    s += load<T>(a + o) * load<T>(b + o);
  }
  return s;
}

/** y += alpha · x over `n` values. */
// @ts-ignore: decorator
@inline export function axpy<T>(alpha: T, x: usize, y: usize, n: i32): void {
  for (let j = 0; j < n; ++j) {
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
  let s: T = 0;
  // x - x is 0 for finite x and NaN otherwise; NaN survives the sum.
  for (let j = 0; j < n; ++j) {
    const v = load<T>(p + (<usize>j << alignof<T>()));
    s += v - v;
  }
  return s == 0;
}

/** The Euclidean norm of the `n` values at `p`, accumulated in f64. */
export function norm2<T>(p: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let j = 0; j < n; ++j) {
    const v = <f64>load<T>(p + (<usize>j << alignof<T>()));
    s += v * v;
  }
  return Math.sqrt(s);
}
