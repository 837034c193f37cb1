// Reads the user's CSV files into the API's `data` shape. Parsing is csv-parse's; this module
// only decides the header, the target column and the seeded test hold-out, and names the line
// and column of anything that is not a number.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { CsvError } from 'csv-parse/sync'
import { lazy } from './lazy.js'
import type { DataInput, Seed } from '@weight-decay/api'
import { decimal } from './decimal.js'
import { RuntimeFailure, UsageError, describeFsError } from './errors.js'

const csvParse = lazy<typeof import('csv-parse/sync')>('csv-parse/sync')
const seedrandom = lazy<typeof import('seedrandom')>('seedrandom')

/** The files and choices behind `--data`. */
export interface DataFiles {
  train: string
  test?: string
  /** Header name or column number counted from 1; default the last column. */
  target?: string
  /** Share of the rows held out as the test set when there is no test file. */
  testFraction?: number
  /** Seed of the hold-out (the run's seed). */
  seed?: Seed
}

/** One parsed file: numbers by row and the header if it had one. */
interface Table {
  file: string
  header?: string[]
  rows: number[][]
}

function readTable(file: string): Table {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new RuntimeFailure(`cannot read ${file}: ${describeFsError(error)}`)
  }
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = csvParse().parse(text, { bom: true, trim: true, skip_empty_lines: true, info: true }) as unknown as typeof records
  } catch (error) {
    if (error instanceof csvParse().CsvError) throw new UsageError(`${file}: ${describeCsvError(error, text)}`)
    throw error
  }
  if (records.length === 0) throw new UsageError(`${file} has no rows: expected an optional header row and rows of numbers`)
  const first = records[0]!.record
  const numeric = first.map((cell) => decimal(cell) !== undefined)
  let header: string[] | undefined
  if (numeric.every((n) => !n)) {
    header = first
    records = records.slice(1)
  } else if (!numeric.every((n) => n)) {
    const column = numeric.findIndex((n) => !n)
    throw new UsageError(
      `${file}: line ${records[0]!.info.lines}, column ${column + 1}: ${JSON.stringify(first[column])} is not a number; ` +
        'a header row must be all names and a data row all numbers',
    )
  }
  if (records.length === 0) throw new UsageError(`${file} has a header but no data rows`)
  const rows: number[][] = []
  for (const { record, info } of records) {
    rows.push(
      record.map((cell, j) => {
        const value = decimal(cell)
        if (value === undefined) {
          const name = header ? ` (${JSON.stringify(header[j])})` : ''
          const what = cell === '' ? 'is empty' : `${JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell)} is not a finite number`
          throw new UsageError(`${file}: line ${info.lines}, column ${j + 1}${name}: ${what}; every cell must be a number`)
        }
        return value
      }),
    )
  }
  const table: Table = { file, rows }
  if (header) table.header = header
  return table
}

/**
 * Where the quoted field that never closes begins (csv-parse reports only where the file ends):
 * a scan that tracks lines, fields and quotes as RFC 4180 defines them.
 */
function openingQuote(text: string): { line: number; column: number } | undefined {
  let line = 1
  let column = 1
  let fieldStart = true
  let open: { line: number; column: number } | undefined
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (open) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++
        else open = undefined
      } else if (ch === '\n') line++
      continue
    }
    if (ch === '"' && fieldStart) open = { line, column }
    else if (ch === ',') {
      column++
      fieldStart = true
      continue
    } else if (ch === '\n') {
      line++
      column = 1
      fieldStart = true
      continue
    }
    if (ch !== ' ' && ch !== '\t' && ch !== '\r') fieldStart = false
  }
  return open
}

/** One line naming where csv-parse stopped and why. */
function describeCsvError(error: CsvError, text: string): string {
  const e = error as CsvError & { lines?: number; column?: number; record?: string[]; invalid_field_length?: number; columns?: unknown }
  const line = e.lines ?? 0
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
    case 'CSV_RECORD_INCONSISTENT_COLUMNS': {
      const got = e.record?.length ?? 0
      const expected = Number(/expect (\d+)/.exec(e.message)?.[1] ?? NaN)
      const column = got < expected ? got + 1 : expected + 1
      const what = got < expected ? `column ${column} is missing` : `column ${column} is one too many`
      return `line ${line}, column ${column}: the row has ${got} fields but the first row has ${expected} (${what})`
    }
    case 'CSV_QUOTE_NOT_CLOSED': {
      const at = openingQuote(text) ?? { line, column: (e.column ?? 0) + 1 }
      return `line ${at.line}, column ${at.column}: a quoted field opens here and is not closed before the end of the file`
    }
    case 'INVALID_OPENING_QUOTE':
      return `line ${line}, column ${(e.column ?? 0) + 1}: a quote inside an unquoted field`
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `line ${line}, column ${(e.column ?? 0) + 1}: characters after a closing quote`
    default:
      return `line ${line}, column ${(e.column ?? 0) + 1}: ${e.message.replace(/ (on|at) line \d+.*$/, '')}`
  }
}

/** The 0-based index of the target column. */
function targetIndex(table: Table, target: string | undefined): number {
  const width = table.rows[0]!.length
  if (target === undefined) return width - 1
  if (table.header) {
    const exact = table.header.indexOf(target)
    if (exact >= 0) return exact
    const folded = table.header.findIndex((h) => h.toLowerCase() === target.toLowerCase())
    if (folded >= 0) return folded
  }
  if (/^\d+$/.test(target)) {
    const n = Number(target)
    if (n >= 1 && n <= width) return n - 1
    throw new UsageError(`--target ${target}: ${table.file} has ${width} columns; give a column number from 1 to ${width}`)
  }
  if (!table.header) {
    throw new UsageError(`--target ${JSON.stringify(target)}: ${table.file} has no header row, so give a column number from 1 to ${width}`)
  }
  const names = table.header.map((h) => JSON.stringify(h)).join(', ')
  throw new UsageError(`--target ${JSON.stringify(target)} is not a column of ${table.file}; its columns are ${names.length > 200 ? `${names.slice(0, 200)}…` : names}`)
}

function split(table: Table, target: number): { x: number[][]; y: number[] } {
  return {
    x: table.rows.map((row) => row.filter((_, j) => j !== target)),
    y: table.rows.map((row) => row[target]!),
  }
}

/** Rows held out as the test set: a seeded permutation's first share, each side in file order. */
function holdOut(n: number, fraction: number, seed: Seed): { train: number[]; test: number[] } {
  const nTest = Math.min(n - 1, Math.max(1, Math.round(fraction * n)))
  // seedrandom's xor4096 is the generator of the core too; a stream of its own for this split.
  const rng = seedrandom().xor4096(`${seed}/test`)
  const order = Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return { test: order.slice(0, nTest).sort((a, b) => a - b), train: order.slice(nTest).sort((a, b) => a - b) }
}

/** Loads `--data` (and `--test-data`) into the API's data input. */
export function loadData(files: DataFiles): { data: DataInput; name: string } {
  const train = readTable(files.train)
  const width = train.rows[0]!.length
  if (width < 2) throw new UsageError(`${files.train} has 1 column; it needs at least one feature column besides the target`)
  const target = targetIndex(train, files.target)
  const name = basename(files.train)
  if (files.test === undefined) {
    const n = train.rows.length
    if (n < 2) throw new UsageError(`${files.train} has 1 data row; at least 2 are needed to hold out a test set (or give --test-data)`)
    const { train: keep, test: held } = holdOut(n, files.testFraction ?? 0.2, files.seed ?? 'weight-decay')
    const all = split(train, target)
    return {
      data: { xTrain: keep.map((i) => all.x[i]!), yTrain: keep.map((i) => all.y[i]!), xTest: held.map((i) => all.x[i]!), yTest: held.map((i) => all.y[i]!) },
      name,
    }
  }
  const test = readTable(files.test)
  const testWidth = test.rows[0]!.length
  if (testWidth !== width) {
    throw new UsageError(`${files.test} has ${testWidth} columns but ${files.train} has ${width}; both need the same columns`)
  }
  if (train.header && test.header && train.header.join('\u0000') !== test.header.join('\u0000')) {
    const j = train.header.findIndex((h, i) => h !== test.header![i])
    throw new UsageError(`${files.test}: column ${j + 1} is ${JSON.stringify(test.header[j])} but in ${files.train} it is ${JSON.stringify(train.header[j])}; both need the same columns in the same order`)
  }
  const a = split(train, target)
  const b = split(test, target)
  return { data: { xTrain: a.x, yTrain: a.y, xTest: b.x, yTest: b.y }, name }
}
