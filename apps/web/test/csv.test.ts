// "Your data": a CSV picked in the page is parsed in a worker and trained on, and the page's
// numbers equal the Node API's on the same file bit for bit (the CLI's parser and hold-out);
// bad files get the parser's message; the file never reaches the URL or the network.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, DEFAULT_CONFIG, holdOutRows, parseNumericCsv, tableData, type Engine } from '@weight-decay/api'
import type { Page } from 'playwright-core'
import seedrandom from 'seedrandom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CV_FOLDS, CV_LAMBDAS } from '../src/cv-panel.js'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, values, type Lab } from './browser.js'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'wd-web-csv-'))

/** Writes a fixture file and returns its path. */
function fixture(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** 80 rows of 6 features, a target named "y" in the middle (not last), and a constant column. */
function regression(): string {
  let s = 7
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 2 ** 32 - 0.5)
  const lines = ['a,b,y,c,d,e,f,k']
  for (let i = 0; i < 80; i++) {
    const x = Array.from({ length: 6 }, () => Number((rand() * 10).toFixed(4)))
    const y = 1.5 * x[0]! - 2 * x[3]! + 0.5 + rand()
    lines.push([x[0], x[1], y.toFixed(5), x[2], x[3], x[4], x[5], 3].join(','))
  }
  return `${lines.join('\n')}\n`
}

/** What the Node API gives on the same file: the CLI's parse and seeded hold-out, then train (`out`: columns left out, unparsed). */
function expected(engine: Engine, text: string, target: number, lambdas: number[], standardize = true, out: number[] = [], fraction = 0.2) {
  const table = parseNumericCsv(new TextEncoder().encode(text), { ignore: (_, width) => Array.from({ length: width }, (_, j) => out.includes(j)) })
  const features = Array.from({ length: table.width }, (_, j) => j).filter((j) => j !== target && !out.includes(j))
  const isTest = fraction > 0 ? holdOutRows(table.rows, fraction, seedrandom.xor4096(`${DEFAULT_CONFIG.seed}/test`)) : undefined
  const { data, numInputs } = tableData(table, features, target, isTest)
  // As the CLI's --data: float64 unless the link said otherwise.
  return lambdas.map((lambda) => engine.train({ data, numInputs, standardize, dtype: 'float64', lambda }))
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const r = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] })
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(' ')}`)
  })
}

/** Waits for the panel to train on a file (its summary shows) and the runs to finish. */
async function trained(page: Page): Promise<void> {
  await expect.poll(() => page.textContent('[data-testid="csv-summary"]')).toMatch(/^Training on /)
  await finished(page)
}

describe.skipIf(!browserAvailable())('your own CSV in the page', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  it('trains on an uploaded file bit for bit as the Node API does, for the default and a chosen target, and never sends it', async () => {
    const text = regression()
    const { page, problems } = await openPage(lab, '')
    const requests: string[] = []
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`))
    await finished(page)
    const before = { url: page.url(), wNorm: await values(page, 'w-norm') }
    await page.setInputFiles('[data-testid="csv-file"]', fixture('data.csv', text))
    await trained(page)
    // The target is the column named y; 80 rows: 64 training, 16 test; k is constant.
    expect(await page.inputValue('#csv-target')).toBe('2')
    const summary = (await page.textContent('[data-testid="csv-summary"]'))!
    expect(summary).toContain('64 training rows and 16 test rows')
    expect(summary).toContain('7 features, target “y”')
    expect(summary).toContain('Constant columns (they carry no information): k.')
    let want = expected(engine, text, 2, [0, 10])
    expect(await values(page, 'w-norm')).toEqual(want.map((r) => String(r.wNorm)))
    expect(await values(page, 'test-loss')).toEqual(want.map((r) => String(r.testLoss)))
    expect(await values(page, 'train-loss')).toEqual(want.map((r) => String(r.trainLoss)))
    expect(want[0]!.wNorm).not.toBe(Number(before.wNorm[0]))
    await page.locator('[data-testid="csv-summary"]').locator('xpath=ancestor::section[1]').screenshot({ path: `${ARTIFACTS}csv.png` })

    // Another target, without standardization.
    await page.selectOption('#csv-target', '0')
    await page.uncheck('#csv-standardize')
    await expect.poll(() => page.textContent('[data-testid="csv-summary"]')).toContain('target “a”.')
    await finished(page)
    want = expected(engine, text, 0, [0, 10], false)
    expect(await values(page, 'test-loss')).toEqual(want.map((r) => String(r.testLoss)))
    expect(await values(page, 'w-norm')).toEqual(want.map((r) => String(r.wNorm)))

    // No test rows: the cards say so instead of NaN; training as the API's with no test set.
    await page.selectOption('#csv-test-fraction', '0')
    await expect.poll(() => page.textContent('[data-testid="csv-summary"]')).toContain('80 training rows and 0 test rows')
    await finished(page)
    want = expected(engine, text, 0, [0, 10], false, [], 0)
    expect(await values(page, 'train-loss')).toEqual(want.map((r) => String(r.trainLoss)))
    expect(await page.locator('[data-testid="test-loss"]').allTextContents()).toEqual(['no test rows', 'no test rows'])
    await page.selectOption('#csv-test-fraction', '0.2')

    // Neither the link nor any request carries the file: the link changed only in precision (float64, as the CLI for a
    // file), and the panel says so.
    expect(before.url).toContain('dtype=float32')
    expect(page.url()).toBe(before.url.replace('dtype=float32', 'dtype=float64'))
    expect(requests.filter((r) => !r.startsWith(`GET ${lab.server.url}`))).toEqual([])
    expect(await page.textContent('[data-testid="csv-privacy"]')).toBe('Your file stays in this tab: it is not uploaded, and links do not include it.')

    // Back to generated data: the page's own numbers again.
    await page.click('#csv-clear')
    await finished(page)
    expect(await values(page, 'w-norm')).toEqual(before.wNorm)
    expect(page.url()).toBe(before.url)
    expect(await page.isHidden('#csv-clear')).toBe(true)
    expect(problems).toEqual([])
  })

  it('shows a clear message for bad files and goes on with what it had', async () => {
    const { page, problems } = await openPage(lab, '')
    await finished(page)
    const wNorm = await values(page, 'w-norm')
    const cases: [string, string, string][] = [
      ['quote.csv', 'a,b\n1,2\n3,x"y\n', 'quote.csv: line 3, column 2: a quote inside an unquoted field (quote the whole field, doubling any quote in it)'],
      ['text.csv', 'id,x,y\n1,2,3\n4,five,6\n', 'text.csv: line 3, column 2 ("x"): "five" is not a finite number; every cell must be a number'],
      ['ragged.csv', 'x,y\n1,2\n3\n', 'ragged.csv: line 3, column 2: the row has 1 fields but the first row has 2 (column 2 is missing)'],
      ['one.csv', 'y\n1\n2\n', 'one.csv has 1 column; it needs at least one feature column besides the target.'],
      ['empty.csv', '', 'empty.csv has no rows: expected an optional header row and rows of numbers'],
      ['wide.csv', `${Array.from({ length: 5002 }, (_, j) => j % 7).join(',')}\n${Array.from({ length: 5002 }, (_, j) => j % 5).join(',')}\n`, 'Too big for this page: 5,001 feature columns (this page takes at most 5,000)'],
    ]
    for (const [name, text, message] of cases) {
      await page.setInputFiles('[data-testid="csv-file"]', fixture(name, text))
      await expect.poll(() => page.textContent('[data-testid="csv-error"]')).toContain(message)
      expect(await page.isVisible('[data-testid="csv-error"]')).toBe(true)
    }
    // Nothing else changed: the same runs on generated data, no page error.
    expect(await values(page, 'w-norm')).toEqual(wNorm)
    expect(await page.isHidden('#csv-clear')).toBe(true)
    // A good file after bad ones clears the message.
    await page.setInputFiles('[data-testid="csv-file"]', fixture('good.csv', regression()))
    await trained(page)
    expect(await page.textContent('[data-testid="csv-error"]')).toBe('')
    expect(problems).toEqual([])
  })

  it('leaves out a column of text when asked and reads the file again, leaves out chosen columns, and takes a dropped file', async () => {
    const { page, problems } = await openPage(lab, '')
    await finished(page)
    // An id column of text in front of the numbers (as the CLI's --exclude, it is then not parsed).
    const numbers = regression().split('\n')
    const withIds = numbers.map((line, i) => (line === '' ? '' : `${i === 0 ? 'id' : `row-${i}`},${line}`)).join('\n')
    await page.setInputFiles('[data-testid="csv-file"]', fixture('ids.csv', withIds))
    await expect.poll(() => page.textContent('[data-testid="csv-error"]')).toBe('ids.csv: line 2, column 1 ("id"): "row-1" is not a finite number; every cell must be a number')
    expect(await page.textContent('#csv-skip')).toBe('Leave out “id” and read the file again')
    await page.click('#csv-skip')
    await trained(page)
    expect(await page.textContent('[data-testid="csv-error"]')).toBe('')
    expect(await page.textContent('.csv-exclude')).toContain('id (text, not read)')
    expect(await page.textContent('[data-testid="csv-summary"]')).toContain('7 features, target “y”')
    let want = expected(engine, withIds, 3, [0, 10], true, [0])
    expect(await values(page, 'w-norm')).toEqual(want.map((r) => String(r.wNorm)))
    // Leave out two more columns by hand.
    await page.check('.csv-exclude input[data-column="a"]')
    await page.check('.csv-exclude input[data-column="k"]')
    await expect.poll(() => page.textContent('[data-testid="csv-summary"]')).toContain('5 features, target “y”')
    await finished(page)
    want = expected(engine, withIds, 3, [0, 10], true, [0, 1, 8])
    expect(await values(page, 'test-loss')).toEqual(want.map((r) => String(r.testLoss)))
    expect(await values(page, 'w-norm')).toEqual(want.map((r) => String(r.wNorm)))

    // A file dropped on the panel is read the same way as a picked one.
    const text = regression()
    await page.evaluate((t) => {
      const dt = new DataTransfer()
      dt.items.add(new File([t], 'dropped.csv', { type: 'text/csv' }))
      document.querySelector('[data-testid="csv-drop"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }))
    }, text)
    await expect.poll(() => page.textContent('[data-testid="csv-summary"]')).toContain('Training on dropped.csv')
    // Dropped beside the zone, a file does not make the browser leave the page to open it.
    const kept = await page.evaluate(() => {
      const dt = new DataTransfer()
      dt.items.add(new File(['1,2\n'], 'beside.csv', { type: 'text/csv' }))
      const e = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true })
      document.querySelector('footer')!.dispatchEvent(e)
      return e.defaultPrevented
    })
    expect(kept).toBe(true)
    await finished(page)
    want = expected(engine, text, 2, [0, 10])
    expect(await values(page, 'w-norm')).toEqual(want.map((r) => String(r.wNorm)))
    expect(problems).toEqual([])
  })

  it('cancels a read in progress and keeps what it had', async () => {
    const { page, problems } = await openPage(lab, '')
    await finished(page)
    const wNorm = await values(page, 'w-norm')
    // About 40 MB: long enough to be cancelled while it is read.
    const row = `${Array.from({ length: 40 }, (_, j) => (j * 1.25).toFixed(6)).join(',')}\n`
    const big = fixture('big.csv', row.repeat(Math.ceil((40 * 2 ** 20) / row.length)))
    await page.setInputFiles('[data-testid="csv-file"]', big)
    await page.waitForSelector('#csv-cancel:not([hidden])')
    await page.click('#csv-cancel')
    await expect.poll(() => page.textContent('#csv-status')).toBe('Cancelled; nothing changed.')
    expect(await page.isHidden('#csv-progress')).toBe(true)
    expect(await page.isHidden('.csv-options')).toBe(true)
    expect(await values(page, 'w-norm')).toEqual(wNorm)
    expect(problems).toEqual([])
  })

  it('fits a phone screen with a file loaded: nothing wider than the screen, touch targets of at least 24 px', async () => {
    const { page, problems } = await openPage(lab, '', { width: 375, height: 800 })
    await finished(page)
    await page.setInputFiles('[data-testid="csv-file"]', fixture('phone.csv', regression()))
    await trained(page)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('#csv-panel button, #csv-panel input, #csv-panel select')]
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => ({ e: e.id || (e as HTMLInputElement).dataset.column || e.tagName, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ e, r }) => `${e} ${Math.round(r.width)}×${Math.round(r.height)}`),
    )
    expect(small).toEqual([])
    expect(problems).toEqual([])
  })

  it('cross-validates on the file: the page’s rows equal engine.cv on the same training rows, bit for bit', async () => {
    const text = regression()
    const { page, problems } = await openPage(lab, '')
    await finished(page)
    await page.setInputFiles('[data-testid="csv-file"]', fixture('cv.csv', text))
    await trained(page)
    await page.click('#cv-run')
    await expect.poll(() => page.textContent('#cv-status'), { timeout: 60_000 }).toMatch(/^Done/)
    const table = parseNumericCsv(new TextEncoder().encode(text))
    const isTest = holdOutRows(table.rows, 0.2, seedrandom.xor4096(`${DEFAULT_CONFIG.seed}/test`))
    const { data, numInputs } = tableData(table, [0, 1, 3, 4, 5, 6, 7], 2, isTest)
    const node = engine.cv({ data, numInputs, standardize: true, dtype: 'float64', lambdas: CV_LAMBDAS, folds: CV_FOLDS })
    const rows = await page.locator('[data-testid="cv-row"]').evaluateAll((els) => els.map((e) => ({ lambda: Number((e as HTMLElement).dataset.lambda), mean: Number((e as HTMLElement).dataset.mean), se: Number((e as HTMLElement).dataset.se) })))
    expect(rows).toEqual(node.rows.map((r) => ({ lambda: r.lambda, mean: r.mean, se: r.se })))
    expect(await page.getAttribute('[data-testid="cv-chart"]', 'data-best')).toBe(String(node.best!.min))
    expect(await page.getAttribute('[data-testid="cv-chart"]', 'aria-label')).toContain('on 64 training rows')
    // Not the generated data's numbers.
    expect(node.rows[0]!.mean).not.toBe(engine.cv({ lambdas: CV_LAMBDAS, folds: CV_FOLDS }).rows[0]!.mean)
    expect(problems).toEqual([])
  })

  it('says what a copied link holds, runs the path on the file, and has no axe-core violation in light or dark', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&pathCount=4&pathSeeds=2')
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await finished(page)
    await page.setInputFiles('[data-testid="csv-file"]', fixture('path.csv', regression()))
    await trained(page)
    await page.click('#copy-link')
    await expect.poll(() => page.textContent('#share-status')).toBe('Link copied. It holds the settings and λ values, not your file: it opens on generated data.')
    // The JSON export names the file's columns and rows instead of generated-data keys.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')])
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { config: Record<string, unknown>; runs: { wNorm: number }[] }
    expect(exported.config.data).toEqual({ file: 'path.csv', target: 'y', features: ['a', 'b', 'c', 'd', 'e', 'f', 'k'], rows: { train: 64, test: 16 } })
    expect([exported.config.numInputs, exported.config.trueW, exported.config.standardize, exported.config.dtype]).toEqual([undefined, undefined, true, 'float64'])
    expect(exported.runs.map((r) => String(r.wNorm))).toEqual(await values(page, 'w-norm'))
    await page.click('#sweep-run')
    await expect.poll(() => page.textContent('#sweep-status'), { timeout: 60_000 }).toMatch(/^Done: 4 λ values × 2 seeds/)
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('dark')
    expect(await axeViolations(page)).toEqual([])
    expect(problems).toEqual([])
  })
})
