// The regularization path in Web Workers: progress, cancel, and the same bits as the Node API.
import { readFileSync } from 'node:fs'
import { createEngine, lambdaGrid, type Engine, type SweepResult } from '@weight-decay/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, type Lab } from './browser.js'

describe.skipIf(!browserAvailable())('the regularization path', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  it('reports progress and can be cancelled, then computes again', async () => {
    // 64 λ × 32 seeds × 10,000 epochs: far too long to end before the cancel.
    const { page, problems } = await openPage(lab, '?lambda=0&epochs=10000&evalEvery=1000&pathCount=64&pathSeeds=32')
    await finished(page)
    await page.click('#sweep-run')
    expect(await page.isDisabled('#sweep-run')).toBe(true)
    await page.waitForFunction(() => (document.getElementById('sweep-progress') as HTMLProgressElement).value >= 1)
    expect(await page.getAttribute('#sweep-progress', 'max')).toBe(String(64 * 32))
    await page.click('#sweep-cancel')
    await expect.poll(() => page.textContent('#sweep-status')).toBe('Cancelled.')
    expect(await page.isEnabled('#sweep-run')).toBe(true)
    expect(await page.isDisabled('#sweep-cancel')).toBe(true)
    expect(await page.locator('#path-loss-chart canvas').count()).toBe(0)
    // The pool replaced its workers: a small path now completes.
    await page.fill('#sweep-count', '3')
    await page.press('#sweep-count', 'Enter')
    await page.fill('#sweep-seeds', '2')
    await page.press('#sweep-seeds', 'Enter')
    await page.fill('#cfg-epochs', '50')
    await page.press('#cfg-epochs', 'Enter')
    await page.click('#sweep-run')
    await expect.poll(() => page.textContent('#sweep-status'), { timeout: 60_000 }).toMatch(/^Done: 3 λ values × 2 seeds; best λ by validation: /)
    expect(await page.locator('#path-loss-chart canvas').count()).toBe(1)
    expect(problems).toEqual([])
  })

  it('draws the path with bands and the best λ, equal to engine.sweep in Node (the default grid: λ ≈ 48.7 is where 10 ** x differed)', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&pathMin=0.001&pathMax=100&pathCount=17&pathSeeds=4')
    await finished(page)
    await page.click('#sweep-run')
    await expect.poll(() => page.textContent('#sweep-status'), { timeout: 60_000 }).toMatch(/^Done/)
    await page.locator('section:has(#path-title)').screenshot({ path: `${ARTIFACTS}path.png` })
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')])
    const { path } = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { path: SweepResult }
    const expected = engine.sweep({ lambdas: lambdaGrid({ min: 0.001, max: 100, count: 17 }), seeds: 4 })
    // JSON keeps every double exactly (shortest round-trip form), so equality is bit for bit.
    expect(path.rows).toEqual(JSON.parse(JSON.stringify(expected.rows)))
    expect(path.best).toEqual(expected.best)
    expect(await page.textContent('#sweep-status')).toContain(`best λ by validation: ${Number(expected.best!.lambda.toPrecision(4))}`)
    expect(problems).toEqual([])
  })
})
