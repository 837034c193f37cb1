// The page's limits for a visitor's CSV, in its own words, and the hold-out size it plans with.
import { holdOutRows } from '@weight-decay/api'
import { describe, expect, it } from 'vitest'
import { MAX_CSV_CELLS, PAGE_CAPS } from '../src/limits.js'
import { dataTooBig, testRows } from '../src/user-data.js'

describe('a CSV in the page', () => {
  it('plans with as many test rows as the API holds out', () => {
    for (const rows of [1, 2, 3, 10, 99, 1000, 6250]) {
      for (const fraction of [0, 0.1, 0.2, 0.3, 0.5]) {
        expect(testRows(rows, fraction), `${rows} × ${fraction}`).toBe(holdOutRows(rows, fraction, Math.random).reduce((a, v) => a + v, 0))
      }
    }
  })

  it('takes files up to its caps and says which cap a bigger one passes, in plain words', () => {
    expect(dataTooBig(3125, MAX_CSV_CELLS / 3125, 0.2)).toBeUndefined()
    expect(dataTooBig(3126, MAX_CSV_CELLS / 3125, 0.2)).toBe(
      'Too big for this page: 3,126 rows × 320 features = 1,000,320 numbers (at most 1,000,000). Leave columns out, choose a smaller test share, use a sample of the rows, or use the command-line tool, which has no such limits.',
    )
    expect(dataTooBig(10, PAGE_CAPS.numInputs + 1, 0.2)).toContain(`5,001 feature columns (this page takes at most 5,000)`)
    expect(dataTooBig(PAGE_CAPS.nTrain + 1, 2, 0)).toContain('5,001 training rows (at most 5,000)')
    expect(dataTooBig(12_000, 2, 0.5)).toBe(
      'Too big for this page: 6,000 training rows (at most 5,000); 6,000 test rows (at most 5,000). Leave columns out, choose a smaller test share, use a sample of the rows, or use the command-line tool, which has no such limits.',
    )
  })
})
