// Reads a CSV file of numbers (or stdin) chunk by chunk into the API's streaming parser, which
// owns the format (quoting, delimiter, comments, BOM, line/column messages); this file owns
// the file system, progress and the CLI's exit codes.
import { createReadStream, statSync } from 'node:fs'
import { createCsvParser, CsvError, type CsvParseOptions, type NumericTable } from '@weight-decay/api/csv'
import { RuntimeFailure, UsageError, describeFsError } from './errors.js'

export { MAX_COLUMNS, MAX_LINE_BYTES, valueAt, type NumericTable } from '@weight-decay/api/csv'

/** Options of {@link readNumericCsv}. */
export interface CsvOptions {
  /** A single character; detected from the first line (comma, semicolon or tab) when absent. */
  delimiter?: string
  /** Called with bytes read so far and the total (0 when unknown, as for stdin). */
  onProgress?: (bytes: number, total: number) => void
  /** Bytes read at a time (default 1 MiB; tests use tiny chunks to cut tokens everywhere). */
  chunkBytes?: number
  /** Columns not to parse (their values read as NaN), decided from the header once it is read. */
  ignore?: CsvParseOptions['ignore']
}

/**
 * Reads a CSV file of numbers (`-` is stdin) with an optional header row of names. Throws
 * {@link UsageError} for malformed content and {@link RuntimeFailure} when it cannot be read.
 */
export async function readNumericCsv(path: string, options: CsvOptions = {}): Promise<NumericTable> {
  const file = path === '-' ? 'stdin' : path
  let total = 0
  if (path !== '-') {
    try {
      const st = statSync(path)
      if (st.isDirectory()) throw new RuntimeFailure(`cannot read ${file}: it is a directory`)
      if (st.isFile()) total = st.size
    } catch (error) {
      if (error instanceof RuntimeFailure) throw error
      throw new RuntimeFailure(`cannot read ${file}: ${describeFsError(error)}`)
    }
  }
  const stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 20 })
  const parserOptions: CsvParseOptions = {
    name: file,
    // Text in the first data row is likely a column of ids or labels.
    textColumnHint: (name) => ` (leave a text column out with --exclude ${JSON.stringify(name)})`,
  }
  if (options.delimiter !== undefined) parserOptions.delimiter = options.delimiter
  if (options.ignore) parserOptions.ignore = options.ignore
  const parser = createCsvParser(parserOptions)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
      options.onProgress?.(parser.bytes, total)
    }
    return parser.end()
  } catch (error) {
    if (error instanceof CsvError) throw new UsageError(error.message)
    if (error instanceof UsageError || error instanceof RuntimeFailure) throw error
    throw new RuntimeFailure(`cannot read ${file}: ${describeFsError(error)}`)
  } finally {
    if (path !== '-') (stream as ReturnType<typeof createReadStream>).destroy()
  }
}
