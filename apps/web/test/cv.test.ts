// Cross-validation in the page: the chart with the best and one-standard-error λ, its numbers
// equal to the Node API's engine.cv on the same config (bit for bit), "use this λ" as a history
// entry, the Just-right preset's λ as CV's choice, and axe-core with the CV view drawn.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { createEngine, type Engine } from '@weight-decay/api'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CV_FOLDS, CV_LAMBDAS } from '../src/cv-panel.js'
import { PRESETS } from '../src/presets.js'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, values, type Lab } from './browser.js'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const r = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] })
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(' ')}`)
  })
}

/** The CV table's rows as the page holds them (full-precision numbers in data attributes). */
async function cvRows(page: Page): Promise<{ lambda: number; mean: number; se: number }[]> {
  return page.locator('[data-testid="cv-row"]').evaluateAll((els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset
      return { lambda: Number(d.lambda), mean: Number(d.mean), se: Number(d.se) }
    }),
  )
}

const cvDone = (page: Page) => expect.poll(() => page.textContent('#cv-status'), { timeout: 60_000 }).toMatch(/^Done/)

describe.skipIf(!browserAvailable())('cross-validation in the page', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  it('draws K-fold CV of the exact optimum with the best and one-SE λ, equal to engine.cv bit for bit; "use this λ" is a history entry', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&trueW=0.1&nTrain=60&epochs=30')
    await finished(page)
    await page.click('#cv-run')
    await cvDone(page)
    expect(await page.locator('[data-testid="cv-chart"] canvas').count()).toBe(1)
    const node = engine.cv({ trueW: 0.1, nTrain: 60, epochs: 30, lambdas: CV_LAMBDAS, folds: CV_FOLDS })
    expect(node.best).not.toBeNull()
    expect(await cvRows(page)).toEqual(node.rows.map((r) => ({ lambda: r.lambda, mean: r.mean, se: r.se })))
    expect(await page.getAttribute('[data-testid="cv-chart"]', 'data-best')).toBe(String(node.best!.min))
    expect(await page.getAttribute('[data-testid="cv-chart"]', 'data-one-se')).toBe(String(node.best!.oneSe))
    expect(node.best!.oneSe).toBeGreaterThan(node.best!.min)
    // The text alternative carries the choice and every λ's numbers.
    const label = (await page.getAttribute('[data-testid="cv-chart"]', 'aria-label'))!
    expect(label).toContain(`5-fold cross-validation of the exact optimum on 60 training rows: best λ = ${node.best!.min}`)
    expect(label.match(/λ = [^:]+: /g)).toHaveLength(CV_LAMBDAS.length)
    await page.locator('section:has(#cv-title)').screenshot({ path: `${ARTIFACTS}cv.png` })
    // The JSON export carries the cross-validation, in full precision.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')])
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { crossValidation: { rows: unknown[]; best: unknown; config: { folds: number } } }
    expect(exported.crossValidation.rows).toEqual(node.rows)
    expect(exported.crossValidation.best).toEqual(node.best)
    expect(exported.crossValidation.config.folds).toBe(CV_FOLDS)

    // Use the one-SE λ for run 2 (finished: it continues from its weights with that λ).
    const before = page.url()
    await page.selectOption('#cv-target', { index: 1 })
    await page.selectOption('#cv-choice', { index: 1 })
    await page.click('#cv-use')
    await expect.poll(() => new URL(page.url()).searchParams.get('lambda')).toBe(`0,10@30:${node.best!.oneSe}`)
    await finished(page)
    expect(await page.textContent('#cv-use-status')).toBe(`Run 2 now uses λ = ${node.best!.oneSe}; Back undoes it.`)
    // The same as the Node API: 30 epochs at λ = 10, then 30 more at the chosen λ.
    const t = engine.trainer({ trueW: 0.1, nTrain: 60, epochs: 60, lambda: 10 })
    t.step(30)
    t.update({ lambda: node.best!.oneSe })
    t.step(30)
    expect(await values(page, 'test-loss')).toEqual([String(engine.train({ trueW: 0.1, nTrain: 60, epochs: 30, lambda: 0 }).testLoss), String(t.result().testLoss)])
    t.dispose()
    await page.goBack()
    await expect.poll(() => page.url()).toBe(before)
    await finished(page)
    expect(await values(page, 'test-loss')).toEqual([0, 10].map((lambda) => String(engine.train({ trueW: 0.1, nTrain: 60, epochs: 30, lambda }).testLoss)))
    expect(problems).toEqual([])
  })

  it('opens "Just right" with λ chosen by cross-validation of SGD, as engine.cv chooses it', async () => {
    const preset = PRESETS.find((p) => p.name === 'just-right')!
    const { page, problems } = await openPage(lab, preset.query)
    await finished(page)
    await cvDone(page)
    const state = new URL(page.url()).searchParams
    const node = engine.cv({ trueW: 0.1, nTrain: 100, lambdas: CV_LAMBDAS, folds: CV_FOLDS, by: 'sgd' })
    expect(await page.getAttribute('[data-testid="cv-chart"]', 'data-best')).toBe(String(node.best!.min))
    expect(await cvRows(page)).toEqual(node.rows.map((r) => ({ lambda: r.lambda, mean: r.mean, se: r.se })))
    // The decayed run's λ is CV's best; the other run is the undecayed contrast.
    expect(state.get('lambda')).toBe(`0,${node.best!.min}`)
    expect(await page.inputValue('#cv-by')).toBe('sgd')
    expect(preset.notice).toContain(`λ = ${node.best!.min} is the value`)
    await page.locator('section:has(#cv-title)').screenshot({ path: `${ARTIFACTS}cv-just-right.png` })
    expect(problems).toEqual([])
  })

  it('shows progress, cancels, and cross-validates again after a cancel', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&numInputs=1000&nTrain=900&nTest=100&epochs=1&evalEvery=1')
    await finished(page)
    await page.click('#cv-run')
    expect(await page.isDisabled('#cv-run')).toBe(true)
    await page.click('#cv-cancel')
    await expect.poll(() => page.textContent('#cv-status')).toBe('Cancelled.')
    expect(await page.locator('[data-testid="cv-chart"] canvas').count()).toBe(0)
    expect(await page.isDisabled('#cv-use')).toBe(true)
    // Again, to the end: the progress bar counts the folds.
    await page.click('#cv-run')
    await expect.poll(() => page.textContent('#cv-status'), { timeout: 120_000 }).toMatch(/^(\d of 5 folds|Done)/)
    await cvDone(page)
    expect(await page.evaluate(() => { const p = document.getElementById('cv-progress') as HTMLProgressElement; return [p.value, p.max] })).toEqual([5, 5])
    expect(await page.locator('[data-testid="cv-row"]').count()).toBe(CV_LAMBDAS.length)
    expect(await page.isDisabled('#cv-use')).toBe(false)
    expect(problems).toEqual([])
  })

  it('has no axe-core violation with the cross-validation view drawn, in light and dark', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=30&cv=1')
    await finished(page)
    await cvDone(page)
    await page.locator('.cv-numbers summary').click()
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('dark')
    expect(await axeViolations(page)).toEqual([])
    expect(problems).toEqual([])
  })
})
