// Parses the visitor's CSV off the page's thread: the File's stream, chunk by chunk, into the
// API's CSV parser (the CLI's parser too). The table stays here; the page asks for the columns
// it trains on. Nothing leaves the tab: there is no network call in this worker.
import { columnName, createCsvParser, CsvError, holdOutRows, tableData, type NumericTable } from '@weight-decay/api/csv'
import xor4096 from 'seedrandom/lib/xor4096.js'
import type { CsvReply, CsvRequest } from './csv-protocol.js'
import { MAX_CSV_BYTES } from './limits.js'

let table: NumericTable | null = null
const reply = (message: CsvReply, transfer: Transferable[] = []) => postMessage(message, { transfer })
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`

/** Whether every value of column j is the same. */
function constantColumns(t: NumericTable): boolean[] {
  const first = t.blocks[0]!
  const same = Array.from({ length: t.width }, () => true)
  for (const block of t.blocks) {
    for (let base = 0; base < block.length; base += t.width) {
      for (let j = 0; j < t.width; j++) if (same[j] && block[base + j] !== first[j]) same[j] = false
    }
  }
  return same
}

async function read(file: File, skip: string[]): Promise<void> {
  table = null
  if (file.size > MAX_CSV_BYTES) {
    return reply({ type: 'error', message: `${file.name} is ${mb(file.size)}; this page reads files of at most ${mb(MAX_CSV_BYTES)}. The command-line tool reads files of any size.` })
  }
  // Columns the visitor left out after a cell of text are not parsed at all (as the CLI's --exclude).
  let skipped: boolean[] = []
  const parser = createCsvParser({ name: file.name, ignore: (header, width) => (skipped = Array.from({ length: width }, (_, j) => header !== undefined && skip.includes(header[j]!))) })
  try {
    const reader = file.stream().getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      parser.push(value)
      reply({ type: 'progress', bytes: parser.bytes, total: file.size })
    }
    const t = parser.end()
    if (t.width < 2) return reply({ type: 'error', message: `${file.name} has 1 column; it needs at least one feature column besides the target.` })
    table = t
    const columns = Array.from({ length: t.width }, (_, j) => columnName(t, j))
    reply({ type: 'table', name: file.name, columns, header: t.header !== undefined, rows: t.rows, delimiter: t.delimiter, constant: constantColumns(t), skipped })
  } catch (error) {
    if (error instanceof CsvError) return reply({ type: 'error', message: error.message, ...(error.columnName === undefined ? {} : { columnName: error.columnName }) })
    reply({ type: 'error', message: `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}` })
  }
}

function split(target: number, features: number[], testFraction: number, seed: string): void {
  if (!table) return reply({ type: 'error', message: 'No file is loaded.' })
  // The CLI's hold-out exactly: seedrandom's xor4096 on `${seed}/test`.
  const isTest = testFraction > 0 && table.rows >= 2 ? holdOutRows(table.rows, testFraction, xor4096(`${seed}/test`)) : undefined
  const made = tableData(table, features, target, isTest)
  const empty = new Float64Array(0)
  const xTrain = made.data.xTrain as Float64Array
  const yTrain = made.data.yTrain as Float64Array
  const xTest = (made.data.xTest as Float64Array | undefined) ?? empty
  const yTest = (made.data.yTest as Float64Array | undefined) ?? empty
  reply({ type: 'data', xTrain, yTrain, xTest, yTest, featureNames: made.featureNames, targetName: made.targetName, rows: made.rows }, [xTrain.buffer, yTrain.buffer, ...(xTest.length ? [xTest.buffer, yTest.buffer] : [])])
}

onmessage = (e: MessageEvent<CsvRequest>) => {
  const m = e.data
  if (m.type === 'read') void read(m.file, m.skip)
  else split(m.target, m.features, m.testFraction, m.seed)
}
