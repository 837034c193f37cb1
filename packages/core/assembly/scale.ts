// Standardization (centre each feature on the training rows, scale to unit population standard
// deviation, as scikit-learn's StandardScaler and glmnet's standardize=TRUE), the way back to
// original units, and predictions of a fitted linear model.

// @ts-ignore: decorator
@inline function f64At(p: usize, j: i32): usize {
  return p + (<usize>j << 3);
}

/**
 * Column means and population standard deviations of the n×d matrix at `x` (type T) into
 * `mean` and `scale` (d f64 each), two passes in f64. A constant column (variance within
 * rounding of 0, scikit-learn's test) gets scale 0. Returns how many columns are constant.
 */
export function columnScales<T>(x: usize, n: i32, d: i32, mean: usize, scale: usize): i32 {
  const t = alignof<T>();
  memory.fill(mean, 0, <usize>d << 3);
  memory.fill(scale, 0, <usize>d << 3);
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << t);
    for (let j = 0; j < d; j++) store<f64>(f64At(mean, j), load<f64>(f64At(mean, j)) + <f64>load<T>(row + (<usize>j << t)));
  }
  for (let j = 0; j < d; j++) store<f64>(f64At(mean, j), load<f64>(f64At(mean, j)) / <f64>n);
  for (let i = 0; i < n; i++) {
    const row = x + (<usize>i * <usize>d << t);
    for (let j = 0; j < d; j++) {
      const c = <f64>load<T>(row + (<usize>j << t)) - load<f64>(f64At(mean, j));
      store<f64>(f64At(scale, j), load<f64>(f64At(scale, j)) + c * c);
    }
  }
  // see: scikit-learn sklearn/preprocessing/_data.py, _is_constant_feature
  const eps: f64 = 2.220446049250313e-16;
  let constant = 0;
  for (let j = 0; j < d; j++) {
    const v = load<f64>(f64At(scale, j)) / <f64>n;
    const m = load<f64>(f64At(mean, j));
    const bound = <f64>n * eps * v + (<f64>n * m * eps) * (<f64>n * m * eps);
    if (v <= bound) {
      store<f64>(f64At(scale, j), 0);
      constant++;
    } else {
      store<f64>(f64At(scale, j), Math.sqrt(v));
    }
  }
  return constant;
}

/** x ← (x − mean) / scale in place, for `rows` rows of d values of type T; a column of scale 0 becomes 0. */
export function applyScales<T>(x: usize, rows: i32, d: i32, mean: usize, scale: usize): void {
  const t = alignof<T>();
  for (let i = 0; i < rows; i++) {
    const row = x + (<usize>i * <usize>d << t);
    for (let j = 0; j < d; j++) {
      const s = load<f64>(f64At(scale, j));
      const p = row + (<usize>j << t);
      const v: f64 = s > 0 ? (<f64>load<T>(p) - load<f64>(f64At(mean, j))) / s : 0;
      store<T>(p, <T>v);
    }
  }
}

/**
 * Weights of standardized features (d values of type T at `w`) in original units into `out`
 * (d f64): w_j / scale_j, and 0 for a constant column. Returns the bias in original units,
 * b − Σ mean_j·out_j.
 */
export function unscaleWeights<T>(w: usize, d: i32, b: f64, mean: usize, scale: usize, out: usize): f64 {
  let shift: f64 = 0;
  for (let j = 0; j < d; j++) {
    const s = load<f64>(f64At(scale, j));
    const v: f64 = s > 0 ? <f64>load<T>(w + (<usize>j << alignof<T>())) / s : 0;
    store<f64>(f64At(out, j), v);
    shift += load<f64>(f64At(mean, j)) * v;
  }
  return b - shift;
}
