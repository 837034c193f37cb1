import type { Dtype } from './config.js'
import type { Dataset } from './data.js'
import { ConfigError } from './errors.js'

/**
 * The largest |value| the exact solver takes, by dtype. Float64: squares of values and their
 * sums over any number of rows stay finite (1.8e308 > 2³¹ · (1e140)²), and so do losses.
 * Float32: the float32 range (a larger value would be stored as infinity); the solver's
 * arithmetic is in f64, where such values square safely.
 */
export const SOLVER_MAX_ABS: Record<Dtype, number> = { float64: 1e140, float32: 3.4028234663852886e38 }

/** Throws a ConfigError naming the first value of caller data beyond {@link SOLVER_MAX_ABS} for the dtype. */
export function checkSolverMagnitudes(data: Dataset | undefined, dtype: Dtype): void {
  if (!data) return
  const limit = SOLVER_MAX_ABS[dtype]
  const check = (key: string, values: Float64Array | undefined, width: number): void => {
    if (!values) return
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!
      if (Math.abs(v) <= limit) continue
      const where = width > 0 ? `[${Math.floor(i / width)}][${i % width}]` : `[${i}]`
      throw new ConfigError(
        key,
        v,
        dtype === 'float32'
          ? `${key}${where} = ${v} is beyond the float32 range (|value| ≤ 3.4028e38) of the exact solver's data; rescale the data or use float64`
          : `${key}${where} = ${v} is too large for the exact solver in float64 (|value| ≤ 1e140, so that squares and their sums stay finite); rescale the data`,
      )
    }
  }
  check('data.xTrain', data.xTrain, data.numInputs)
  check('data.yTrain', data.yTrain, 0)
  check('data.xTest', data.xTest, data.numInputs)
  check('data.yTest', data.yTest, 0)
  check('data.xValid', data.xValid, data.numInputs)
  check('data.yValid', data.yValid, 0)
}
