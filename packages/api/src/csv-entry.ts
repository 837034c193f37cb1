/**
 * @weight-decay/api/csv: the streaming CSV parser of numbers and the step from a table to `data`,
 * without the WebAssembly core, for code that only reads files (a worker, a command-line loader)
 * and should stay light. `@weight-decay/api` exports the same names.
 * @packageDocumentation
 * @module @weight-decay/api/csv
 */
export { createCsvParser, parseNumericCsv, valueAt, CsvError, MAX_LINE_BYTES, MAX_COLUMNS, type CsvParser, type CsvParseOptions, type NumericTable } from './csv.js'
export { columnName, holdOutRows, tableColumns, tableData, type TableData } from './csv-data.js'
export { parseDecimalBytes } from './decimal-bytes.js'
