// Reads the user's CSV files into the API's `data` shape: the header, the target and excluded
// columns, the seeded test hold-out, and where each row went. Parsing is the API's streaming
// parser (fed by csv.ts), straight into typed arrays; so is taking the columns out.
import { basename } from 'node:path'
import type { DataInput, Seed } from '@weight-decay/api'
import { columnName, holdOutRows, tableColumns, valueAt, type NumericTable } from '@weight-decay/api/csv'
import { readNumericCsv, type CsvOptions } from './csv.js'
import { UsageError } from './errors.js'
import { lazy } from './lazy.js'
import { Progress } from './progress.js'

const seedrandom = lazy<typeof import('seedrandom')>('seedrandom')

/** The files and choices behind `--data`. */
export interface DataFiles {
  /** A path, or `-` for stdin. */
  train: string
  test?: string
  /** Header name or column number counted from 1; default the last column. */
  target?: string
  /** Share of the rows held out as the test set when there is no test file (0: none). */
  testFraction?: number
  /** Seed of the hold-out (the run's seed). */
  seed?: Seed
  /** Field delimiter; detected when absent. */
  delimiter?: string
  /** Columns to leave out, by name or number counted from 1. */
  exclude?: string[]
}

/** What a CSV run used, for the JSON config and headings. */
export interface DataInfo {
  file: string
  testFile?: string
  target: string
  features: string[]
  excluded: string[]
  /** Share held out as the test set (absent with a test file). */
  testFraction?: number
  rows: { train: number; test: number }
  delimiter: string
}

/** Loaded data: the API input and what it was made of. */
export interface LoadedData {
  data: DataInput
  numInputs: number
  /** Short name for titles. */
  name: string
  info: DataInfo
  /** For each data row of the file, whether it went to the test set (no test file only). */
  isTest?: Uint8Array
}

/** The 0-based index of a column given by name (exact, then case-insensitive) or number. */
function columnIndex(table: NumericTable, spec: string, flag: string): number {
  const width = table.width
  if (table.header) {
    const exact = table.header.indexOf(spec)
    if (exact >= 0) return exact
    const folded = table.header.findIndex((h) => h.toLowerCase() === spec.toLowerCase())
    if (folded >= 0) return folded
  }
  if (/^\d+$/.test(spec)) {
    const n = Number(spec)
    if (n >= 1 && n <= width) return n - 1
    throw new UsageError(`${flag} ${spec}: ${table.file} has ${width} columns; give a column number from 1 to ${width}`)
  }
  if (!table.header) {
    throw new UsageError(`${flag} ${JSON.stringify(spec)}: ${table.file} has no header row, so give a column number from 1 to ${width}`)
  }
  const names = table.header.map((h) => JSON.stringify(h)).join(', ')
  throw new UsageError(`${flag} ${JSON.stringify(spec)} is not a column of ${table.file}; its columns are ${names.length > 200 ? `${names.slice(0, 200)}…` : names}`)
}

/** Rows held out as the test set: a seeded permutation's first share. */
function holdOut(n: number, fraction: number, seed: Seed): Uint8Array {
  if (fraction === 0) return new Uint8Array(n)
  // seedrandom's xor4096 is the generator of the core too; a stream of its own for this split.
  return holdOutRows(n, fraction, seedrandom().xor4096(`${seed}/test`))
}

/** Reads one file with a progress bar on a terminal. */
async function read(path: string, delimiter: string | undefined, ignore?: CsvOptions['ignore']): Promise<NumericTable> {
  const progress = new Progress(`reading ${path === '-' ? 'stdin' : basename(path)}`)
  try {
    const options: CsvOptions = { onProgress: (done, total) => total > 0 && progress.update(done, total) }
    if (delimiter !== undefined) options.delimiter = delimiter
    if (ignore) options.ignore = ignore
    return await readNumericCsv(path, options)
  } finally {
    progress.stop()
  }
}

/** Loads `--data` (and `--test-data`) into the API's data input. */
export async function loadData(files: DataFiles): Promise<LoadedData> {
  // Excluded columns are not parsed, so they may hold ids or text.
  const excludedMask = (header: readonly string[] | undefined, width: number) =>
    Array.from({ length: width }, (_, j) =>
      (files.exclude ?? []).some((spec) => (header !== undefined && (header[j] === spec || header[j]!.toLowerCase() === spec.toLowerCase())) || (/^\d+$/.test(spec) && Number(spec) === j + 1)),
    )
  const train = await read(files.train, files.delimiter, files.exclude ? excludedMask : undefined)
  const width = train.width
  if (width < 2) throw new UsageError(`${train.file} has 1 column; it needs at least one feature column besides the target`)
  const target = files.target === undefined ? width - 1 : columnIndex(train, files.target, '--target')
  const excluded = new Set<number>()
  for (const spec of files.exclude ?? []) {
    const j = columnIndex(train, spec, '--exclude')
    if (j === target) throw new UsageError(`--exclude ${JSON.stringify(spec)} is the target column; choose another --target or leave it out of --exclude`)
    excluded.add(j)
  }
  const features = Array.from({ length: width }, (_, j) => j).filter((j) => j !== target && !excluded.has(j))
  if (features.length === 0) throw new UsageError(`--exclude leaves no feature column in ${train.file}`)
  const name = files.train === '-' ? 'stdin' : basename(files.train)
  const info: DataInfo = {
    file: train.file,
    target: columnName(train, target),
    features: features.map((j) => columnName(train, j)),
    excluded: [...excluded].sort((a, b) => a - b).map((j) => columnName(train, j)),
    rows: { train: 0, test: 0 },
    delimiter: train.delimiter,
  }
  if (files.test === undefined) {
    const n = train.rows
    const fraction = files.testFraction ?? 0.2
    if (n < 2 && fraction > 0) throw new UsageError(`${train.file} has 1 data row; at least 2 are needed to hold out a test set (or give --test-data, or --test-fraction 0)`)
    const isTest = holdOut(n, fraction, files.seed ?? 'weight-decay')
    const nTest = isTest.reduce((a, v) => a + v, 0)
    const tr = tableColumns(train, features, target, isTest, 0)
    const data: DataInput = { xTrain: tr.x, yTrain: tr.y }
    if (nTest > 0) {
      const te = tableColumns(train, features, target, isTest, 1)
      data.xTest = te.x
      data.yTest = te.y
    }
    info.testFraction = fraction
    info.rows = { train: n - nTest, test: nTest }
    return { data, numInputs: features.length, name, info, isTest }
  }
  const test = await read(files.test, files.delimiter ?? train.delimiter, files.exclude ? excludedMask : undefined)
  if (test.width !== width) {
    throw new UsageError(`${test.file} has ${test.width} columns but ${train.file} has ${width}; both need the same columns`)
  }
  if (train.header && test.header && train.header.join('\u0000') !== test.header.join('\u0000')) {
    const j = train.header.findIndex((h, i) => h !== test.header![i])
    throw new UsageError(`${test.file}: column ${j + 1} is ${JSON.stringify(test.header[j])} but in ${train.file} it is ${JSON.stringify(train.header[j])}; both need the same columns in the same order`)
  }
  const a = tableColumns(train, features, target)
  const b = tableColumns(test, features, target)
  info.testFile = test.file
  info.rows = { train: train.rows, test: test.rows }
  return { data: { xTrain: a.x, yTrain: a.y, xTest: b.x, yTest: b.y }, numInputs: features.length, name, info }
}

/** A table for `predict`: the model's features picked by name (extra columns listed, a missing one an error). */
export async function loadRows(path: string, featureNames: readonly string[], delimiter?: string): Promise<{ x: Float64Array; rows: number; extra: string[] }> {
  // Columns the model does not use are not parsed: they may hold ids or text.
  const wanted = new Set(featureNames)
  const table = await read(path, delimiter, (header, width) => Array.from({ length: width }, (_, j) => !wanted.has(header ? header[j]! : `col${j + 1}`)))
  const index = new Map<string, number>()
  for (let j = 0; j < table.width; j++) index.set(columnName(table, j), j)
  const picked = featureNames.map((name) => {
    const j = index.get(name)
    if (j === undefined) {
      const have = [...index.keys()].map((k) => JSON.stringify(k)).join(', ')
      throw new UsageError(`${table.file} has no column ${JSON.stringify(name)}, which the model needs; its columns are ${have.length > 200 ? `${have.slice(0, 200)}…` : have}`)
    }
    return j
  })
  const used = new Set(picked)
  const extra = [...index.entries()].filter(([, j]) => !used.has(j)).map(([k]) => k)
  const x = new Float64Array(table.rows * picked.length)
  for (let r = 0; r < table.rows; r++) {
    for (let j = 0; j < picked.length; j++) x[r * picked.length + j] = valueAt(table, r, picked[j]!)
  }
  return { x, rows: table.rows, extra }
}

/** Config keys that describe synthetic data (or come from the file) and so are left out of a CSV run's JSON config. */
const FROM_FILE = ['numInputs', 'nTrain', 'nTest', 'trueW', 'trueB', 'noiseStd'] as const

/** The config of a CSV run as the JSON output shows it: the file, target, features and rows instead of the synthetic keys. */
export function configForJson<C extends object>(config: C, info: DataInfo | undefined): C | (Omit<C, (typeof FROM_FILE)[number]> & { data: DataInfo }) {
  if (!info) return config
  const out = { ...config } as Record<string, unknown>
  for (const key of FROM_FILE) delete out[key]
  out.data = info
  return out as Omit<C, (typeof FROM_FILE)[number]> & { data: DataInfo }
}
