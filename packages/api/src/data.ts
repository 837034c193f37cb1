import { MAX_COUNT, rejectUnknownKeys } from './config.js'
import { ConfigError, describeValue } from './errors.js'
import { gib, MAX_MEMORY_BYTES } from './limits.js'

/** A matrix given either as rows or as one row-major flat array (which needs `numInputs`). */
export type MatrixInput = ArrayLike<number>[] | Float64Array | Float32Array

/** A caller's own examples; sizes come from the arrays. Without xTest and yTest there is no test set (test losses are NaN). */
export interface DataInput {
  /** Training inputs: rows, or row-major values. */
  xTrain: MatrixInput
  /** Training targets, one per row. */
  yTrain: ArrayLike<number>
  /** Test inputs: rows, or row-major values; leave out (with yTest) for no test set. */
  xTest?: MatrixInput
  /** Test targets, one per row. */
  yTest?: ArrayLike<number>
}

/** Initial parameters instead of random ones. */
export interface InitInput {
  /** Initial weights, numInputs of them. */
  w: ArrayLike<number>
  /** Initial bias (default 0). */
  b?: number
}

/** Validated data: row-major Float64Arrays with their sizes. */
export interface Dataset {
  numInputs: number
  nTrain: number
  nTest: number
  xTrain: Float64Array
  yTrain: Float64Array
  xTest: Float64Array
  yTest: Float64Array
  /** Rows held out of training to choose λ (sweeps only). */
  nValid?: number
  xValid?: Float64Array
  yValid?: Float64Array
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))
}

/** The most values a caller's array may hold: more cannot fit in wasm32 memory even as float32. */
const MAX_VALUES = Math.floor(MAX_MEMORY_BYTES / 4)

function checkValueCount(key: string, v: unknown, count: number): void {
  if (count > MAX_VALUES) {
    throw new ConfigError(key, v, `${key} has ${count} values; at most ${MAX_VALUES} fit in wasm32 memory (${gib(MAX_MEMORY_BYTES)})`)
  }
}

/** Copies a vector, checking that every entry is a finite number. */
export function toVector(key: string, v: unknown, expectedLength?: number, lengthReason = ''): Float64Array {
  if (!isArrayLike(v)) {
    throw new ConfigError(key, v, `${key} must be an array of numbers; got ${describeValue(v)}`)
  }
  // Read once: a Proxy's length could differ between reads.
  const length = v.length
  if (expectedLength !== undefined && length !== expectedLength) {
    throw new ConfigError(key, v, `${key} must have ${expectedLength} entries${lengthReason}; got ${length}`)
  }
  checkValueCount(key, v, length)
  const out = new Float64Array(length)
  const proto = Object.getPrototypeOf(v) as unknown
  if (proto === Float64Array.prototype || proto === Float32Array.prototype) {
    // A plain typed array holds numbers only: one copy, then a tight scan for a non-finite one
    // (the generic loop below costs about 8 ms per million values, this one a fraction of it).
    out.set(v as Float64Array | Float32Array)
    for (let i = 0; i < length; i++) {
      if (!Number.isFinite(out[i]!)) throw new ConfigError(key, v, `${key}[${i}] must be a finite number; got ${describeValue(out[i])}`)
    }
    return out
  }
  for (let i = 0; i < length; i++) {
    const x = v[i]
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new ConfigError(key, v, `${key}[${i}] must be a finite number; got ${describeValue(x)}`)
    }
    out[i] = x
  }
  return out
}

/** Flattens a matrix to row-major, checking shape and finiteness; returns it with its width. */
export function toMatrix(key: string, m: unknown, width: number | undefined): { values: Float64Array; rows: number; width: number } {
  if (m instanceof Float64Array || m instanceof Float32Array) {
    if (width === undefined) {
      throw new ConfigError(key, m, `${key} is a flat array, so numInputs is required to know its row width`)
    }
    if (m.length % width !== 0) {
      throw new ConfigError(key, m, `${key} has ${m.length} values, not a whole number of rows of numInputs = ${width}`)
    }
    const values = toVector(key, m)
    return { values, rows: m.length / width, width }
  }
  if (!Array.isArray(m)) {
    throw new ConfigError(key, m, `${key} must be an array of rows or a row-major Float64Array; got ${describeValue(m)}`)
  }
  const rows = m.length
  const first = m[0]
  const w = width ?? (isArrayLike(first) ? first.length : 0)
  // Before allocating: a sparse array can claim 2^31 rows.
  if (rows > MAX_COUNT) throw new ConfigError(key, m, `${key} has ${rows} rows; at most 2^30`)
  checkValueCount(key, m, rows * w)
  const values = new Float64Array(rows * w)
  for (let r = 0; r < rows; r++) {
    const row: unknown = m[r]
    if (!isArrayLike(row)) {
      throw new ConfigError(key, m, `${key}[${r}] must be an array of numbers; got ${describeValue(row)}`)
    }
    if (row.length !== w) {
      throw new ConfigError(key, m, `${key}[${r}] has ${row.length} values; every row must have ${w} (numInputs)`)
    }
    for (let j = 0; j < w; j++) {
      const x = row[j]
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new ConfigError(key, m, `${key}[${r}][${j}] (row ${r}, column ${j}) must be a finite number; got ${describeValue(x)}`)
      }
      values[r * w + j] = x
    }
  }
  return { values, rows, width: w }
}

/** Validates a caller's data and brings it to one shape; `numInputs` is used when given. */
export function toDataset(data: unknown, numInputs: number | undefined): Dataset {
  if (typeof data !== 'object' || data === null) {
    throw new ConfigError('data', data, `data must be an object { xTrain, yTrain, xTest, yTest }; got ${describeValue(data)}`)
  }
  const d = data as Record<string, unknown>
  rejectUnknownKeys(d, ['xTrain', 'yTrain', 'xTest', 'yTest'], 'data.')
  const train = toMatrix('data.xTrain', d.xTrain, numInputs)
  if (train.rows === 0) throw new ConfigError('data.xTrain', d.xTrain, 'data.xTrain must have at least one row')
  if (train.width === 0) throw new ConfigError('data.xTrain', d.xTrain, 'data.xTrain rows must have at least one column')
  if ((d.xTest === undefined) !== (d.yTest === undefined)) {
    const given = d.xTest === undefined ? 'yTest' : 'xTest'
    throw new ConfigError(`data.${given}`, d[given], 'data.xTest and data.yTest go together: give both, or neither for no test set')
  }
  const test = d.xTest === undefined ? { values: new Float64Array(0), rows: 0, width: train.width } : toMatrix('data.xTest', d.xTest, train.width)
  if (d.xTest !== undefined && test.rows === 0) throw new ConfigError('data.xTest', d.xTest, 'data.xTest must have at least one row (leave xTest and yTest out for no test set)')
  const yTrain = toVector('data.yTrain', d.yTrain, train.rows, ', one per row of data.xTrain')
  const yTest = d.yTest === undefined ? new Float64Array(0) : toVector('data.yTest', d.yTest, test.rows, ', one per row of data.xTest')
  return {
    numInputs: train.width,
    nTrain: train.rows,
    nTest: test.rows,
    xTrain: train.values,
    yTrain,
    xTest: test.values,
    yTest,
  }
}
