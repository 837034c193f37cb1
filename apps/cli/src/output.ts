import { lazy } from './lazy.js'

const csvStringify = lazy<typeof import('csv-stringify/sync')>('csv-stringify/sync')

/** JSON of an API result: typed arrays become arrays; NaN and ±Infinity become null (never printed). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Float64Array) : v), 2) + '\n'
}

/** A CSV cell: numbers at full precision, non-finite numbers and missing values empty. */
function cell(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  return String(v)
}

/** CSV with a header row. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return csvStringify().stringify([columns.slice(), ...rows.map((r) => r.map(cell))], { record_delimiter: 'unix' })
}
