// The penalized objective and losses of given f64 weights, for exact optima and SGD results alike.

/** The mean of ½ (x·w + b − y)² over `rows` examples of type T, with f64 weights, all in f64. */
export function meanLossAt<T>(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f64): f64 {
  const t = alignof<T>();
  let s: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const row = x + (<usize>i * <usize>d << t);
    let p: f64 = b;
    for (let j = 0; j < d; j++) p += <f64>load<T>(row + (<usize>j << t)) * load<f64>(w + (<usize>j << 3));
    const r = p - <f64>load<T>(y + (<usize>i << t));
    s += 0.5 * r * r;
  }
  return s / <f64>rows;
}

/** λ1‖w‖₁ + λ2·½‖w‖² of the d weights of type T at `w`, in f64. */
export function penaltyValue<T>(w: usize, d: i32, lambda1: f64, lambda2: f64): f64 {
  let l1: f64 = 0;
  let l2: f64 = 0;
  for (let j = 0; j < d; j++) {
    const v = <f64>load<T>(w + (<usize>j << alignof<T>()));
    l1 += Math.abs(v);
    l2 += v * v;
  }
  return lambda1 * l1 + lambda2 * 0.5 * l2;
}

/**
 * mean(½ r²) + λ1‖w‖₁ + λ2·½‖w‖² of weights and data both of type T, all arithmetic in f64,
 * so that an SGD result and an exact optimum are compared on equal terms.
 */
export function objectiveOf<T>(x: usize, y: usize, rows: i32, d: i32, w: usize, b: f64, lambda1: f64, lambda2: f64): f64 {
  const t = alignof<T>();
  let s: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const row = x + (<usize>i * <usize>d << t);
    let p: f64 = b;
    for (let j = 0; j < d; j++) p += <f64>load<T>(row + (<usize>j << t)) * <f64>load<T>(w + (<usize>j << t));
    const r = p - <f64>load<T>(y + (<usize>i << t));
    s += 0.5 * r * r;
  }
  return s / <f64>rows + penaltyValue<T>(w, d, lambda1, lambda2);
}
