// A push parser of numeric CSV: bytes go straight into blocks of Float64Array, so no string is
// kept per row (only the header's names). RFC 4180 quoting, a detected or given delimiter, `#`
// comment lines, blank lines and a BOM; every malformed input is a one-line CsvError naming the
// line and column. Environment-neutral (no Buffer, no streams): the CLI feeds it a file's chunks,
// the web page a File's stream in a worker.
import { parseDecimalBytes } from './decimal-bytes.js'

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

const QUOTE = 0x22
const LF = 0x0a
const CR = 0x0d
const SPACE = 0x20
const TAB = 0x09
const HASH = 0x23
/** Bytes gathered at most before the delimiter is detected. */
const HEAD_BYTES = 1 << 20

/** Where the first line with text starts, after a BOM, blank lines and comment lines; -1 if not yet known. */
function firstLineStart(head: Uint8Array): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  for (;;) {
    let j = i
    while (j < head.length && (head[j] === SPACE || head[j] === TAB || head[j] === CR)) j++
    if (j >= head.length) return -1
    if (head[j] === HASH || head[j] === LF) {
      while (j < head.length && head[j] !== LF) j++
      if (j >= head.length) return -1
      i = j + 1
    } else return i
  }
}

/** Whether `head` holds the first line with text up to its end. */
function firstLineEnds(head: Uint8Array): boolean {
  const start = firstLineStart(head)
  return start >= 0 && head.indexOf(LF, start) >= 0
}

/** Counts of the candidate delimiters outside quotes on the first line that has any text. */
function detectDelimiter(head: Uint8Array): string {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  // Skip comment and blank lines.
  for (;;) {
    let j = i
    while (j < head.length && (head[j] === SPACE || head[j] === TAB || head[j] === CR)) j++
    if (j < head.length && head[j] === HASH) {
      while (j < head.length && head[j] !== LF) j++
      i = j + 1
    } else if (j < head.length && head[j] === LF) i = j + 1
    else break
  }
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (let j = i; j < head.length && (quoted || head[j] !== LF); j++) {
    const c = head[j]!
    if (c === QUOTE) quoted = !quoted
    else if (!quoted) {
      if (c === 0x2c) counts[',']++
      else if (c === 0x3b) counts[';']++
      else if (c === TAB) counts['\t']++
    }
  }
  let best = ','
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best as ',']) best = d
  return best
}

const show = (cell: string) => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell)

/** The bytes of a string's UTF-16 units, each cut to 8 bits (Latin-1). */
function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff
  return b
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/**
 * A push parser of a CSV file of numbers with an optional header row of names.
 *
 * @example
 * const parser = createCsvParser({ name: 'data.csv' })
 * for await (const chunk of file.stream()) parser.push(chunk)
 * const table = parser.end() // { header, width, rows, blocks, ... }
 */
export function createCsvParser(options: CsvParseOptions = {}): CsvParser {
  const file = options.name ?? 'the CSV'
  // A BOM inside a cell stays (as Buffer's decoding keeps it); the file's own BOM is skipped before.
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true })
  const text = (b: Uint8Array, len: number) => utf8.decode(b.subarray(0, len))
  const fail = (line: number, column: number, what: string): never => {
    throw new CsvError(`${file}: line ${line}, column ${column}: ${what}`, line, column)
  }

  let delimiter = options.delimiter === undefined ? -1 : options.delimiter.charCodeAt(0)
  const trimTab = () => delimiter !== TAB
  // Parser state.
  let field = new Uint8Array(256)
  let fieldLen = 0
  let state = 0 // 0 field start, 1 unquoted, 2 quoted, 3 quote in quoted (closing or escaped), 4 after closing quote, 5 comment
  let col = 0 // fields completed in this record
  let line = 1
  let recordLine = 1
  let lineBytes = 0
  let quoteLine = 0
  let quoteCol = 0
  let anyText = false // the record has a non-blank byte or a quote
  let first = true
  let bom = 0
  let bytesRead = 0
  let ended = false
  // The first line is gathered whole before anything is parsed: the BOM and the delimiter are read from it.
  let head: Uint8Array | undefined = new Uint8Array(0)

  let header: string[] | undefined
  let firstCells: string[] | undefined
  let width = 0
  let rows = 0
  let blockRows = 0
  const blocks: Float64Array[] = []
  let block: Float64Array | undefined
  let blockUsed = 0 // rows in the current block
  let skip: boolean[] | undefined
  let rowBase = 0

  const endField = () => {
    // Trailing blanks of an unquoted field (CR of CRLF included).
    if (state === 1) while (fieldLen > 0 && (field[fieldLen - 1] === SPACE || field[fieldLen - 1] === CR || (field[fieldLen - 1] === TAB && trimTab()))) fieldLen--
    if (firstCells) {
      if (firstCells.length >= MAX_COLUMNS) fail(recordLine, col + 1, `more than ${MAX_COLUMNS} columns`)
      firstCells.push(text(field, fieldLen))
    } else if (col < width && skip?.[col]) {
      block![rowBase + col] = NaN
    } else if (col < width) {
      const v = parseDecimalBytes(field, fieldLen)
      if (!Number.isFinite(v)) {
        const cell = text(field, fieldLen)
        const name = header ? ` (${JSON.stringify(header[col])})` : ''
        const what = cell === '' ? 'is empty' : `${show(cell)} is not a finite number`
        // Text in the first data row is likely a column of ids or labels.
        const hint = header && rows === 0 && cell !== '' && options.textColumnHint ? options.textColumnHint(header[col]!) : ''
        throw new CsvError(`${file}: line ${recordLine}, column ${col + 1}${name}: ${what}; every cell must be a number${hint}`, recordLine, col + 1, header?.[col])
      }
      block![rowBase + col] = v
    }
    col++
    fieldLen = 0
    state = 0
  }

  const startBlock = () => {
    blockRows = Math.max(1, Math.floor(2 ** 20 / width))
    block = new Float64Array(blockRows * width)
    blocks.push(block)
    blockUsed = 0
  }

  const endRecord = () => {
    if (!anyText && col === 0 && fieldLen === 0 && state !== 2) {
      // A blank line.
      fieldLen = 0
      state = 0
      return
    }
    endField()
    if (firstCells) {
      const cells = firstCells
      firstCells = undefined
      const numeric = cells.map((c) => Number.isFinite(parseDecimalBytes(latin1Bytes(c), c.length)) && /^[\x20-\x7e]*$/.test(c))
      width = cells.length
      if (numeric.every((n) => !n)) {
        header = cells
        const seen = new Map<string, number>()
        cells.forEach((name, j) => {
          const before = seen.get(name)
          if (before !== undefined) throw new CsvError(`${file}: line ${recordLine}: columns ${before + 1} and ${j + 1} are both named ${JSON.stringify(name)}; header names must be unique`, recordLine)
          seen.set(name, j)
        })
      } else if (!numeric.every((n) => n)) {
        const column = numeric.findIndex((n) => !n)
        fail(recordLine, column + 1, `${JSON.stringify(cells[column])} is not a number; a header row must be all names and a data row all numbers`)
      } else {
        startBlock()
        cells.forEach((c, j) => (block![j] = Number(c)))
        blockUsed = 1
        rows = 1
        if (blockUsed === blockRows) startBlock()
      }
      if (!block) startBlock()
      skip = options.ignore?.(header, width)
    } else {
      if (col !== width) {
        const got = col
        const column = got < width ? got + 1 : width + 1
        const what = got < width ? `column ${column} is missing` : `column ${column} is one too many`
        fail(recordLine, column, `the row has ${got} fields but the first row has ${width} (${what})`)
      }
      rows++
      blockUsed++
      if (blockUsed === blockRows) startBlock()
    }
    rowBase = blockUsed * width
    col = 0
    anyText = false
  }

  const beginRecordIfNeeded = () => {
    if (firstCells === undefined && width === 0 && !header && rows === 0) firstCells = []
  }

  const pushByte = (c: number) => {
    if (fieldLen === field.length) {
      const bigger = new Uint8Array(field.length * 2)
      bigger.set(field)
      field = bigger
    }
    field[fieldLen++] = c
  }

  const feed = (buf: Uint8Array): void => {
    let i = 0
    if (first) {
      first = false
      if (delimiter < 0) delimiter = detectDelimiter(buf).charCodeAt(0)
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) bom = 3
      i = bom
    }
    const n = buf.length
    for (; i < n; i++) {
      const c = buf[i]!
      if (++lineBytes > MAX_LINE_BYTES) {
        throw new CsvError(
          `${file}: line ${line} is longer than ${MAX_LINE_BYTES / 2 ** 20} MiB without a line break; this is not a CSV file of numbers (a binary file, or a device such as /dev/zero?)`,
          line,
        )
      }
      switch (state) {
        case 0: // field start
          if (c === LF) {
            line++
            lineBytes = 0
            endRecord()
            recordLine = line
          } else if (c === delimiter) {
            beginRecordIfNeeded()
            anyText = true
            endField()
          } else if (c === SPACE || c === CR || (c === TAB && trimTab())) {
            // leading blanks
          } else if (c === HASH && col === 0 && !anyText) {
            state = 5
          } else if (c === QUOTE) {
            beginRecordIfNeeded()
            anyText = true
            state = 2
            quoteLine = line
            quoteCol = col + 1
          } else {
            beginRecordIfNeeded()
            anyText = true
            state = 1
            pushByte(c)
          }
          break
        case 1: // unquoted
          if (c === delimiter) endField()
          else if (c === LF) {
            line++
            lineBytes = 0
            endRecord()
            recordLine = line
          } else if (c === QUOTE) fail(line, col + 1, 'a quote inside an unquoted field (quote the whole field, doubling any quote in it)')
          else pushByte(c)
          break
        case 2: // quoted
          if (c === QUOTE) state = 3
          else {
            if (c === LF) {
              line++
              lineBytes = 0
            }
            pushByte(c)
          }
          break
        case 3: // after a quote inside quotes: "" is a quote, else the field closed
          if (c === QUOTE) {
            pushByte(c)
            state = 2
            break
          }
          state = 4
        // falls through
        case 4: // after the closing quote
          if (c === delimiter) endField()
          else if (c === LF) {
            line++
            lineBytes = 0
            endRecord()
            recordLine = line
          } else if (!(c === SPACE || c === CR || (c === TAB && trimTab()))) fail(line, col + 1, 'characters after a closing quote')
          break
        case 5: // comment line
          if (c === LF) {
            line++
            lineBytes = 0
            state = 0
            recordLine = line
          }
          break
      }
    }
  }

  return {
    get bytes() {
      return bytesRead
    },
    push(chunk: Uint8Array): void {
      if (ended) throw new Error('CsvParser: push after end')
      bytesRead += chunk.length
      if (!head) return feed(chunk)
      // Usually the first chunk holds the first line: feed it as it is (no copy, and the hot loop
      // sees one kind of array, e.g. only Node's Buffers).
      if (head.length === 0 && firstLineEnds(chunk)) {
        head = undefined
        return feed(chunk)
      }
      head = concat(head, chunk)
      if (firstLineEnds(head) || head.length >= HEAD_BYTES) {
        const all = head
        head = undefined
        feed(all)
      }
    },
    end(): NumericTable {
      if (ended) throw new Error('CsvParser: end called twice')
      ended = true
      if (head) {
        const all = head
        head = undefined
        feed(all)
      }
      if (state === 2 || state === 3) {
        if (state === 2) fail(quoteLine, quoteCol, 'a quoted field opens here and is not closed before the end of the file')
        state = 4
      }
      if (state !== 5 && (anyText || col > 0 || fieldLen > 0)) endRecord()
      if (!header && rows === 0) throw new CsvError(`${file} has no rows: expected an optional header row and rows of numbers`)
      if (rows === 0) throw new CsvError(`${file} has a header but no data rows`)
      // Drop the unused tail of the last block.
      const last = rows - (blocks.length - 1) * blockRows
      if (last < blockRows) blocks[blocks.length - 1] = blocks[blocks.length - 1]!.slice(0, last * width)
      if (last === 0) blocks.pop()
      const table: NumericTable = { file, width, rows, blockRows, blocks, delimiter: String.fromCharCode(delimiter) }
      if (header) table.header = header
      return table
    },
  }
}

/**
 * Parses a whole CSV file of numbers held in memory (see {@link createCsvParser}).
 *
 * @example
 * const table = parseNumericCsv(new TextEncoder().encode('x,y\n1,2\n3,4\n'))
 */
export function parseNumericCsv(bytes: Uint8Array, options: CsvParseOptions = {}): NumericTable {
  const parser = createCsvParser(options)
  parser.push(bytes)
  return parser.end()
}
