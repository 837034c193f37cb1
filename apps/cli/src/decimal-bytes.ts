// The byte-level decimal reader lives in the API beside the CSV parser it serves.
export { parseDecimalBytes } from '@weight-decay/api/csv'
