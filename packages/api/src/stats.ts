/** Mean and 10th / 90th percentiles of a set of values (over seeds). */
export interface Spread {
  /** The mean. */
  mean: number
  /** The 10th percentile. */
  p10: number
  /** The 90th percentile. */
  p90: number
}

/** The q-quantile of ascending `sorted` values, interpolating linearly (numpy's default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
}

/** The spread of `values`, or null when there are none. */
export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null
  const sorted = Float64Array.from(values).sort()
  let sum = 0
  for (const v of values) sum += v
  return { mean: sum / values.length, p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) }
}

/** The arithmetic mean of `values`, or null when there are none. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}
