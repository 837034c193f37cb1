// What the CSV parser (csv.ts) gives and throws: the numeric table, its options and CsvError.

/** The longest line accepted: anything longer is not a CSV file of numbers (e.g. /dev/zero). */
export const MAX_LINE_BYTES = 16 * 2 ** 20
/** The most columns accepted. */
export const MAX_COLUMNS = 1_000_000

/** A parsed numeric table: row-major values in blocks of `blockRows` rows. */
export interface NumericTable {
  /** The name used in messages. */
  file: string
  /** The header row's names, when the first row is all names. */
  header?: string[]
  /** Columns per row. */
  width: number
  /** Data rows (the header not counted). */
  rows: number
  /** Rows per block (the last block may hold fewer). */
  blockRows: number
  /** Row-major values, `blockRows × width` per block; ignored columns hold NaN. */
  blocks: Float64Array[]
  /** The delimiter used (given or detected). */
  delimiter: string
}

/** The value at row r, column j. */
export function valueAt(t: NumericTable, r: number, j: number): number {
  return t.blocks[Math.floor(r / t.blockRows)]![(r % t.blockRows) * t.width + j]!
}

/** Options of {@link createCsvParser}. */
export interface CsvParseOptions {
  /** The name messages start with (a file name; default `"the CSV"`). */
  name?: string
  /** A single character; detected from the first line (comma, semicolon or tab) when absent. */
  delimiter?: string
  /** Columns not to parse (their values read as NaN), decided from the header once it is read. */
  ignore?: (header: readonly string[] | undefined, width: number) => boolean[]
  /** Appended to the message for text in the first data row under a header, given the column's name (e.g. how to leave it out). */
  textColumnHint?: (name: string) => string
}

/** A malformed CSV: the message names the file and, where there is one, the line and column. */
export class CsvError extends Error {
  /** Always `'CsvError'`. */
  override name = 'CsvError'
  /** The line (counted from 1) at fault, when there is one. */
  readonly line: number | undefined
  /** The column (counted from 1) at fault, when there is one. */
  readonly column: number | undefined
  /** The header's name of that column, when the file has a header and a cell is not a number. */
  readonly columnName: string | undefined

  constructor(message: string, line?: number, column?: number, columnName?: string) {
    super(message)
    this.line = line
    this.column = column
    this.columnName = columnName
  }
}

/** A streaming parser: push chunks of bytes in order (anywhere may be a boundary), then end. */
export interface CsvParser {
  /** Parses the next bytes; throws {@link CsvError} at the first malformed line. */
  push(chunk: Uint8Array): void
  /** Finishes the input and returns the table; throws {@link CsvError} if it is malformed or empty. */
  end(): NumericTable
  /** Bytes pushed so far. */
  readonly bytes: number
}
