// Messages between the page and its CSV worker (csv-worker.ts).

/** Page → worker. */
export type CsvRequest =
  /** Parse this file (read chunk by chunk from its stream), leaving the columns named in `skip` unread. */
  | { type: 'read'; file: File; skip: string[] }
  /** Take these columns of the parsed table, holding out a seeded share of rows as the test set. */
  | { type: 'split'; target: number; features: number[]; testFraction: number; seed: string }

/** Worker → page. */
export type CsvReply =
  | { type: 'progress'; bytes: number; total: number }
  | { type: 'table'; name: string; columns: string[]; header: boolean; rows: number; delimiter: string; constant: boolean[]; skipped: boolean[] }
  /** A file the page cannot use: the parser's message (line and column), or what is wrong in plain words; `columnName`: a named column with a cell that is not a number. */
  | { type: 'error'; message: string; columnName?: string }
  | {
      type: 'data'
      xTrain: Float64Array
      yTrain: Float64Array
      xTest: Float64Array
      yTest: Float64Array
      featureNames: string[]
      targetName: string
      rows: { train: number; test: number }
    }
