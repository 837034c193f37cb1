// The streaming reader against the numbers it was given, on random well-formed files: quoting,
// blanks around cells, CRLF, blank and comment lines, BOM, every delimiter, tiny stream chunks.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readNumericCsv, valueAt } from '../src/csv.js'
import { folder } from './run.js'

describe('readNumericCsv', () => {
  it('reads back every value of 200 random files exactly', async () => {
    let s = 11
    const rand = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s % n)
    const dir = folder()
    for (let t = 0; t < 200; t++) {
      const width = 1 + rand(6)
      const rows = 1 + rand(30)
      const delim = [',', ';', '\t'][rand(3)]!
      const eol = rand(2) ? '\r\n' : '\n'
      const header = rand(2) ? Array.from({ length: width }, (_, j) => `c${j}${rand(4) === 0 ? ' x' : ''}`) : undefined
      const values = Array.from({ length: rows }, () => Array.from({ length: width }, () => ((rand(2) ? -1 : 1) * rand(1e6)) / 10 ** rand(8) || 0))
      const cell = (text: string) => {
        const pad = delim === '\t' ? '' : ' '.repeat(rand(2))
        return rand(4) === 0 ? `${pad}"${text}"${pad}` : `${pad}${text}${pad}`
      }
      const lines: string[] = []
      if (rand(3) === 0) lines.push('# a comment')
      if (header) lines.push(header.map((h) => (h.includes(' ') || rand(3) === 0 ? `"${h}"` : h)).join(delim))
      for (const r of values) {
        if (rand(8) === 0) lines.push('')
        lines.push(r.map((v) => cell(String(v))).join(delim))
      }
      const text = (rand(4) === 0 ? '\ufeff' : '') + lines.join(eol) + (rand(2) ? eol : '')
      const file = join(dir, `t${t}.csv`)
      writeFileSync(file, text)
      // Small chunks cut quotes, CRLF, the BOM and numbers at every position.
      const table = await readNumericCsv(file, t % 2 ? { chunkBytes: 1 + rand(7) } : {})
      expect(table.header).toEqual(header)
      expect([table.rows, table.width, table.delimiter]).toEqual([rows, width, width === 1 ? ',' : delim])
      values.forEach((r, i) => r.forEach((v, j) => expect(valueAt(table, i, j)).toBe(v)))
    }
  })
})
