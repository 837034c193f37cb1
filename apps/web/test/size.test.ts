// The whole page (HTML, JS, CSS, wasm, worker, icon) must stay under 150 KiB gzip.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DIST } from './browser.js'

const BUDGET = 150 * 1024

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

describe('page weight', () => {
  it(`is under ${BUDGET / 1024} KiB gzip in all`, () => {
    const sizes = files(DIST).map((path) => {
      const raw = readFileSync(path)
      return { file: relative(DIST, path), bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length }
    })
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0)
    console.table([...sizes, { file: 'total', bytes: sizes.reduce((s, f) => s + f.bytes, 0), gzip: total }])
    expect(sizes.some((s) => s.file.endsWith('.wasm'))).toBe(true)
    expect(total).toBeLessThan(BUDGET)
  })
})
