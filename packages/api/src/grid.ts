import { portableLog10, portablePow10 } from './portable-math.js'
import { ConfigError, describeValue } from './errors.js'

/** Options of {@link lambdaGrid}. */
export interface LambdaGridOptions {
  /** Smallest λ of the grid (> 0 on a log scale). */
  min: number
  /** Largest λ. */
  max: number
  /** Number of values from min to max inclusive (1 only when min = max). */
  count: number
  /** Even steps in log λ (default) or in λ. */
  scale?: 'log' | 'linear'
  /** Put λ = 0 first, in addition to the `count` values. */
  includeZero?: boolean
}

/** The most λ values a grid may have. */
export const MAX_GRID = 10_000

/**
 * A grid of λ values for sweeps, ascending.
 *
 * @example
 * lambdaGrid({ min: 1e-3, max: 10, count: 5 })            // [0.001, 0.01, 0.1, 1, 10]
 * lambdaGrid({ min: 1e-2, max: 1, count: 3, includeZero: true }) // [0, 0.01, 0.1, 1]
 */
export function lambdaGrid(options: LambdaGridOptions): number[] {
  const { min, max, count, scale = 'log', includeZero = false } = options
  const fail = (key: string, value: unknown, rule: string): never => {
    throw new ConfigError(key, value, `${key} must be ${rule}; got ${describeValue(value)}`)
  }
  if (scale !== 'log' && scale !== 'linear') fail('scale', scale, 'one of "log", "linear"')
  const low = scale === 'log' ? 'a finite number greater than 0' : 'a finite number from 0'
  if (typeof min !== 'number' || !Number.isFinite(min) || (scale === 'log' ? min <= 0 : min < 0)) fail('min', min, low)
  if (typeof max !== 'number' || !Number.isFinite(max) || max < min) fail('max', max, `a finite number from min (${min})`)
  if (!Number.isInteger(count) || count < 1 || count > MAX_GRID) fail('count', count, `an integer from 1 to ${MAX_GRID}`)
  if (count === 1 && max !== min) fail('count', count, 'at least 2 when max differs from min')
  if (typeof includeZero !== 'boolean') fail('includeZero', includeZero, 'true or false')
  const values: number[] = []
  // portable-math: Math.log10 and ** differ in the last bit between engines; the grid must not.
  const [lo, hi] = scale === 'log' ? [portableLog10(min), portableLog10(max)] : [0, 0]
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1)
    values.push(scale === 'log' ? portablePow10(lo + t * (hi - lo)) : min + t * (max - min))
  }
  // Land exactly on the end points the caller gave.
  values[0] = min
  values[count - 1] = max
  return includeZero && min > 0 ? [0, ...values] : values
}
