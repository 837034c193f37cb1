// From a parsed numeric table to the API's `data`: the target and feature columns, and a seeded
// share of rows held out as the test set. Environment-neutral; the apps resolve column names
// given by users (with their own words for errors) and supply the random stream of the split.
import type { NumericTable } from './csv-table.js'
import type { DataInput } from './data.js'

/** The name of column j: its header name, or `col<j+1>` without a header. */
export function columnName(table: Pick<NumericTable, 'header'>, j: number): string {
  return table.header ? table.header[j]! : `col${j + 1}`
}

/**
 * Rows held out as a test set: the first `round(fraction × n)` (at least 1, at most n − 1) of a
 * Fisher–Yates permutation drawn from `random` (uniform in [0, 1)). 1 marks a test row.
 *
 * @example
 * const isTest = holdOutRows(100, 0.2, Math.random) // 20 ones
 */
export function holdOutRows(n: number, fraction: number, random: () => number): Uint8Array {
  const isTest = new Uint8Array(n)
  if (fraction === 0 || n < 2) return isTest
  const nTest = Math.min(n - 1, Math.max(1, Math.round(fraction * n)))
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = order[i]!
    order[i] = order[j]!
    order[j] = t
  }
  for (let i = 0; i < nTest; i++) isTest[order[i]!] = 1
  return isTest
}

/**
 * The chosen columns of a table's rows as row-major features and a target, in file order;
 * with `mask`, only the rows r where `mask[r] === value`.
 */
export function tableColumns(table: NumericTable, features: readonly number[], target: number, mask?: Uint8Array, value = 1): { x: Float64Array; y: Float64Array } {
  let count = table.rows
  if (mask) {
    count = 0
    for (let r = 0; r < table.rows; r++) if (mask[r] === value) count++
  }
  const d = features.length
  const x = new Float64Array(count * d)
  const y = new Float64Array(count)
  let k = 0
  const w = table.width
  for (let b = 0; b < table.blocks.length; b++) {
    const block = table.blocks[b]!
    const rowsHere = block.length / w
    for (let i = 0; i < rowsHere; i++) {
      if (mask && mask[b * table.blockRows + i] !== value) continue
      const base = i * w
      for (let j = 0; j < d; j++) x[k * d + j] = block[base + features[j]!]!
      y[k++] = block[base + target]!
    }
  }
  return { x, y }
}

/** What {@link tableData} made: the API's data input and how the table went into it. */
export interface TableData {
  /** Ready for `engine.train({ data, numInputs })`: flat row-major arrays. */
  data: DataInput
  /** Feature columns: `features.length`. */
  numInputs: number
  /** The features' names, in order (header names, or `col<j>`). */
  featureNames: string[]
  /** The target's name. */
  targetName: string
  /** Rows in the training and test sets. */
  rows: { train: number; test: number }
}

/**
 * A table's target and feature columns as the API's `data`: rows marked 1 in `isTest` become
 * the test set (none without it).
 *
 * @example
 * const { data, numInputs } = tableData(table, [0, 1, 2], 3, holdOutRows(table.rows, 0.2, Math.random))
 * engine.train({ data, numInputs })
 */
export function tableData(table: NumericTable, features: readonly number[], target: number, isTest?: Uint8Array): TableData {
  const nTest = isTest ? isTest.reduce((a, v) => a + v, 0) : 0
  const train = isTest ? tableColumns(table, features, target, isTest, 0) : tableColumns(table, features, target)
  const data: DataInput = { xTrain: train.x, yTrain: train.y }
  if (isTest && nTest > 0) {
    const test = tableColumns(table, features, target, isTest, 1)
    data.xTest = test.x
    data.yTest = test.y
  }
  return {
    data,
    numInputs: features.length,
    featureNames: features.map((j) => columnName(table, j)),
    targetName: columnName(table, target),
    rows: { train: table.rows - nTest, test: nTest },
  }
}
