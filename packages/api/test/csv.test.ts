// The streaming CSV parser shared by the CLI and the web page: values read back exactly, chunk
// boundaries anywhere change nothing (values or errors), and malformed files name line and column.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createCsvParser, CsvError, holdOutRows, parseNumericCsv, tableData, valueAt, type CsvParseOptions, type NumericTable } from '../src/index.js'

const enc = new TextEncoder()

/** Parses `bytes` pushed in pieces cut at `cuts` (positions, any order, duplicates allowed). */
function parseInPieces(bytes: Uint8Array, cuts: number[], options: CsvParseOptions = {}): NumericTable {
  const parser = createCsvParser(options)
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  let from = 0
  for (const c of [...at, bytes.length]) {
    parser.push(bytes.subarray(from, c))
    from = c
  }
  return parser.end()
}

/** The outcome of a parse as plain data: the table's values, or the error's message and position. */
function outcome(run: () => NumericTable): unknown {
  try {
    const t = run()
    const values: number[] = []
    for (let r = 0; r < t.rows; r++) for (let j = 0; j < t.width; j++) values.push(valueAt(t, r, j))
    return { header: t.header, width: t.width, rows: t.rows, delimiter: t.delimiter, values }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    return { error: error.message, line: error.line, column: error.column }
  }
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true })
const csvFile = fc
  .record({
    width: fc.integer({ min: 1, max: 5 }),
    rows: fc.integer({ min: 1, max: 12 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n'),
    header: fc.boolean(),
    bom: fc.boolean(),
    comment: fc.boolean(),
    quoteEvery: fc.integer({ min: 2, max: 5 }),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      values: fc.array(fc.array(finite, { minLength: shape.width, maxLength: shape.width }), { minLength: shape.rows, maxLength: shape.rows }),
    }),
  )
  .map(({ shape, values }) => {
    const header = shape.header ? Array.from({ length: shape.width }, (_, j) => `col "${j}"`) : undefined
    const lines: string[] = []
    if (shape.comment) lines.push('# made by fast-check')
    if (header) lines.push(header.map((h) => `"${h.replaceAll('"', '""')}"`).join(shape.delimiter))
    let k = 0
    for (const row of values) lines.push(row.map((v) => (++k % shape.quoteEvery === 0 ? `"${v}"` : String(v))).join(shape.delimiter))
    const text = (shape.bom ? '\ufeff' : '') + lines.join(shape.eol) + shape.eol
    return { text, header, values, width: shape.width, delimiter: shape.width === 1 ? ',' : shape.delimiter }
  })

describe('createCsvParser', () => {
  it('reads back every value exactly, however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(csvFile, fc.array(fc.nat(), { maxLength: 20 }), (file, cuts) => {
        const bytes = enc.encode(file.text)
        const t = parseInPieces(bytes, cuts)
        expect(t.header).toEqual(file.header)
        expect([t.rows, t.width, t.delimiter]).toEqual([file.values.length, file.width, file.delimiter])
        // -0 reads back as -0 too (String(-0) is "0", so compare what the text says).
        file.values.forEach((row, r) => row.forEach((v, j) => expect(valueAt(t, r, j)).toBe(Number(String(v)))))
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same table or the same error for any chunking of any bytes near CSV', () => {
    // Files built from CSV's own punctuation, digits and a letter: mostly malformed, all of it must cut the same.
    const bytes = fc.array(fc.constantFrom(...'0123456789.,;\t"\n\r #-ex\ufeff'.split('')), { maxLength: 80 }).map((cs) => enc.encode(cs.join('')))
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 12 }), (b, cuts) => {
        expect(outcome(() => parseInPieces(b, cuts))).toEqual(outcome(() => parseNumericCsv(b)))
      }),
      { numRuns: 1000 },
    )
  })

  it('names the line and column of malformed content', () => {
    const cases: [string, string, number | undefined, number | undefined][] = [
      ['a,b\n1,2\n3,x"y\n', 'f.csv: line 3, column 2: a quote inside an unquoted field (quote the whole field, doubling any quote in it)', 3, 2],
      ['a,b\n1,2\n3\n', 'f.csv: line 3, column 2: the row has 1 fields but the first row has 2 (column 2 is missing)', 3, 2],
      ['1,2\n3,4,5\n', 'f.csv: line 2, column 3: the row has 3 fields but the first row has 2 (column 3 is one too many)', 2, 3],
      ['a,b\n1,"2\n', 'f.csv: line 2, column 2: a quoted field opens here and is not closed before the end of the file', 2, 2],
      ['a,b\n"1"x,2\n', 'f.csv: line 2, column 1: characters after a closing quote', 2, 1],
      ['a,b\n1,2\n3,\n', 'f.csv: line 3, column 2 ("b"): is empty; every cell must be a number', 3, 2],
      ['a,a\n1,2\n', 'f.csv: line 1: columns 1 and 2 are both named "a"; header names must be unique', 1, undefined],
      ['1,b\n1,2\n', 'f.csv: line 1, column 2: "b" is not a number; a header row must be all names and a data row all numbers', 1, 2],
      ['# only a comment\n\n', 'f.csv has no rows: expected an optional header row and rows of numbers', undefined, undefined],
      ['a,b\n', 'f.csv has a header but no data rows', undefined, undefined],
    ]
    for (const [text, message, line, column] of cases) {
      expect(outcome(() => parseNumericCsv(enc.encode(text), { name: 'f.csv' }))).toEqual({ error: message, line, column })
    }
  })

  it('says which named column holds text, with the caller’s hint, and leaves ignored columns unparsed', () => {
    const text = enc.encode('id,x,y\nA7,1,2\n')
    try {
      parseNumericCsv(text, { name: 'f.csv', textColumnHint: (name) => ` (leave out ${name})` })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(CsvError)
      expect((error as CsvError).message).toBe('f.csv: line 2, column 1 ("id"): "A7" is not a finite number; every cell must be a number (leave out id)')
      expect((error as CsvError).columnName).toBe('id')
    }
    const t = parseNumericCsv(text, { ignore: (header) => header!.map((h) => h === 'id') })
    expect([valueAt(t, 0, 0), valueAt(t, 0, 1), valueAt(t, 0, 2)]).toEqual([NaN, 1, 2])
  })

  it('stops a line longer than MAX_LINE_BYTES, fed in chunks, without holding it', () => {
    const parser = createCsvParser({ name: 'zero' })
    const chunk = new Uint8Array(1 << 20).fill(0x30)
    expect(() => {
      for (let i = 0; i < 20; i++) parser.push(chunk)
    }).toThrow('zero: line 1 is longer than 16 MiB without a line break')
  })
})

describe('tableData and holdOutRows', () => {
  const table = parseNumericCsv(enc.encode('a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n'))

  it('takes the feature and target columns in file order, the marked rows as the test set', () => {
    const isTest = Uint8Array.of(0, 1, 0, 1)
    const { data, numInputs, featureNames, targetName, rows } = tableData(table, [2, 0], 1, isTest)
    expect({ numInputs, featureNames, targetName, rows }).toEqual({ numInputs: 2, featureNames: ['c', 'a'], targetName: 'b', rows: { train: 2, test: 2 } })
    expect([...(data.xTrain as Float64Array)]).toEqual([3, 1, 9, 7])
    expect(Array.from(data.yTrain)).toEqual([2, 8])
    expect([...(data.xTest as Float64Array)]).toEqual([6, 4, 12, 10])
    expect(Array.from(data.yTest!)).toEqual([5, 11])
    expect(tableData(table, [0], 2).data.xTest).toBeUndefined()
  })

  it('holds out round(fraction × n) rows, at least 1 and at most n − 1, the same for the same stream', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 500 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer(), (n, fraction, seed) => {
        const stream = () => {
          let s = seed
          return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 2 ** 32)
        }
        const a = holdOutRows(n, fraction, stream())
        expect(a.reduce((x, v) => x + v, 0)).toBe(Math.min(n - 1, Math.max(1, Math.round(fraction * n))))
        expect(holdOutRows(n, fraction, stream())).toEqual(a)
      }),
    )
    expect(holdOutRows(5, 0, Math.random)).toEqual(new Uint8Array(5))
  })
})

describe('@weight-decay/api/csv', () => {
  it('exports the same functions without loading the core: its modules import nothing else', async () => {
    const entry = await import('@weight-decay/api/csv')
    const main = await import('@weight-decay/api')
    for (const name of ['createCsvParser', 'parseNumericCsv', 'tableData', 'holdOutRows', 'CsvError'] as const) expect(entry[name]).toBe(main[name])
    // The static imports reachable from the built entry (a worker or a loader gets exactly these).
    const dist = new URL('../dist/', import.meta.url)
    const seen = new Set<string>()
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const text = readFileSync(new URL(file, dist), 'utf8')
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.\/[^']+)'/gm)) visit(m[1]!.slice(2))
    }
    visit('csv-entry.js')
    expect([...seen].sort()).toEqual(['csv-data.js', 'csv-entry.js', 'csv-head.js', 'csv-table.js', 'csv.js', 'decimal-bytes.js'])
  })
})
