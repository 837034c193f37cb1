// A push parser of numeric CSV: bytes go straight into blocks of Float64Array, so no string is
// kept per row (only the header's names). RFC 4180 quoting, a detected or given delimiter, `#`
// comment lines, blank lines and a BOM; every malformed input is a one-line CsvError naming the
// line and column. Environment-neutral (no Buffer, no streams): the CLI feeds it a file's chunks,
// the web page a File's stream in a worker.
import { parseDecimalBytes } from './decimal-bytes.js'
import { CR, HASH, HEAD_BYTES, LF, QUOTE, SPACE, TAB, concat, detectDelimiter, firstLineEnds, latin1Bytes } from './csv-head.js'
import { CsvError, MAX_COLUMNS, MAX_LINE_BYTES, type CsvParseOptions, type CsvParser, type NumericTable } from './csv-table.js'

export { CsvError, MAX_COLUMNS, MAX_LINE_BYTES, valueAt, type CsvParseOptions, type CsvParser, type NumericTable } from './csv-table.js'

const show = (cell: string) => JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell)

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
