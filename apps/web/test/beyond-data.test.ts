// The coefficient path on a visitor's file (pool.coefPath on the same data as engine.coefPath, bit
// for bit, with no "true w" to draw), and double descent on generated data, saying so.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, DEFAULT_CONFIG, holdOutRows, parseNumericCsv, tableData, type Engine } from '@weight-decay/api'
import seedrandom from 'seedrandom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COEF_LAMBDAS } from '../src/beyond-panel.js'
import { browserAvailable, finished, openPage, startLab, type Lab } from './browser.js'

/** 60 rows: 5 features and a target y (last). */
function csv(): string {
  let s = 11
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 2 ** 32 - 0.5)
  const lines = ['p,q,r,s,t,y']
  for (let i = 0; i < 60; i++) {
    const x = Array.from({ length: 5 }, () => Number((rand() * 4).toFixed(3)))
    lines.push([...x, (x[0]! - 3 * x[2]! + rand()).toFixed(4)].join(','))
  }
  return `${lines.join('\n')}\n`
}

describe.skipIf(!browserAvailable())('the beyond views with a visitor’s file', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  it('draws the coefficient path on the file, equal to engine.coefPath; double descent stays on generated data and says so', async () => {
    const text = csv()
    const path = join(mkdtempSync(join(tmpdir(), 'wd-web-beyond-')), 'five.csv')
    writeFileSync(path, text)
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=20')
    await finished(page)
    await page.setInputFiles('[data-testid="csv-file"]', path)
    await expect.poll(() => page.textContent('[data-testid="csv-summary"]')).toMatch(/^Training on /)
    await finished(page)
    await page.click('#coef-run')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 60_000 }).toMatch(/^Coefficient path/)
    // The page's defaults for a file: the last column the target, 20 % held out as the CLI does, standardized, float64.
    const table = parseNumericCsv(new TextEncoder().encode(text))
    const isTest = holdOutRows(table.rows, 0.2, seedrandom.xor4096(`${DEFAULT_CONFIG.seed}/test`))
    const { data, numInputs } = tableData(table, [0, 1, 2, 3, 4], 5, isTest)
    const node = engine.coefPath({ data, numInputs, standardize: true, dtype: 'float64', epochs: 20, lambdas: COEF_LAMBDAS })
    expect(JSON.parse((await page.getAttribute('[data-testid="coef-path-chart"]', 'data-w-norms'))!)).toEqual(node.wNorm)
    const status = (await page.textContent('#beyond-status'))!
    expect(status).toContain('all 5 weights')
    expect(status).not.toContain('true w')
    await page.click('#dd-run')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 90_000 }).toMatch(/^On generated data \(this view varies the number of training examples, which a file cannot\): Double descent/)
    expect(await page.locator('[data-testid="double-descent-chart"] canvas').count()).toBe(1)
    expect(problems).toEqual([])
  })
})
