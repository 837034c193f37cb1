// Reads and writes of f64 arrays and row-major matrices in linear memory, inlined where used.

/** The i-th f64 at p. */
// @ts-ignore: decorator
@inline export function get(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** Stores v as the i-th f64 at p. */
// @ts-ignore: decorator
@inline export function put(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** The address of element (i, j) of the row-major matrix at a with m columns per row. */
// @ts-ignore: decorator
@inline export function at(a: usize, m: i32, i: i32, j: i32): usize {
  return a + ((<usize>i * <usize>m + <usize>j) << 3);
}
