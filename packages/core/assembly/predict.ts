// Predictions of the linear model, for pictures of the fit (predicted against true y).
import { dot } from "./kernels";

/** x·w + b of `rows` examples of type T (width `d`) into `out` as f64. */
export function predict<T>(x: usize, rows: i32, d: i32, w: usize, b: T, out: usize): void {
  const stride = <usize>d << alignof<T>();
  for (let r = 0; r < rows; r++) {
    store<f64>(out + (<usize>r << 3), <f64>(dot<T>(x + <usize>r * stride, w, d) + b));
  }
}
