// Play / pause / step one epoch / reset, λ changed mid-run (paused and playing), runs added
// and removed: the page's finals always equal the Node API replaying the same schedule.
import { createEngine, type Engine, type TrainOptions, type TrainResult } from '@weight-decay/api'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, values, type Lab } from './browser.js'

/** The epoch the page reports ("epoch 12 of 100 · paused"). */
async function epochShown(page: Page): Promise<number> {
  const text = (await page.textContent('#epoch')) ?? ''
  return Number(/^epoch (\d+)/.exec(text)?.[1])
}

/** λ of each run as the link writes it ("0@40:10,10"). */
async function lambdaParam(page: Page): Promise<string> {
  return new URL(page.url()).searchParams.get('lambda') ?? ''
}

/** Sets a run's exact λ as a visitor would: type and press Enter (a change event). */
async function typeLambda(page: Page, run: number, lambda: string): Promise<void> {
  const input = page.locator('.run').nth(run).locator('input.lambda-exact')
  await input.fill(lambda)
  await input.press('Enter')
}

describe.skipIf(!browserAvailable())('playback and λ changes', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  /** Node's replay of one link item: start λ, then "@epoch:λ" changes (one at the run's end continues it). */
  const replay = (item: string, config: TrainOptions = {}): TrainResult => {
    const [start, ...changes] = item.split('@')
    const t = engine.trainer({ ...config, lambda: Number(start) })
    const epochs = t.config.epochs
    let end = epochs
    for (const change of changes) {
      const [epoch, lambda] = change.split(':').map(Number) as [number, number]
      t.step(epoch - t.epoch)
      if (epoch >= end) end = epoch + epochs
      t.update({ lambda, epochs: end })
    }
    t.step()
    const r = t.result()
    t.dispose()
    return r
  }

  it('resets, steps one epoch at a time, changes λ while paused, and finishes like Node', async () => {
    const { page, problems } = await openPage(lab)
    await page.waitForFunction(() => document.body.dataset.state !== undefined)
    await page.click('#reset')
    expect(await epochShown(page)).toBe(0)
    expect(await page.getAttribute('body', 'data-state')).toBe('paused')
    for (let i = 1; i <= 3; i++) {
      await page.click('#step')
      expect(await epochShown(page)).toBe(i)
    }
    // No finals while running: the test ids appear only when a run is done.
    expect(await page.locator('[data-testid="w-norm"]').count()).toBe(0)
    await typeLambda(page, 0, '10')
    expect(await lambdaParam(page)).toBe('0@3:10,10')
    await page.click('#step')
    expect(await epochShown(page)).toBe(4)
    await page.screenshot({ path: `${ARTIFACTS}paused-after-change.png` })
    await page.click('#play')
    await finished(page, false)
    const expected = ['0@3:10', '10'].map((item) => replay(item))
    expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
    expect(await values(page, 'test-loss')).toEqual(expected.map((r) => String(r.testLoss)))
    expect(problems).toEqual([])
  })

  it('pauses, stays paused, and changes λ while playing at whatever epoch it has reached', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=2000&evalEvery=20')
    await page.waitForFunction(() => document.body.dataset.state === 'playing')
    await page.click('#play') // now "Pause"
    expect(await page.getAttribute('body', 'data-state')).toBe('paused')
    const at = await epochShown(page)
    // Two animation frames later it has not moved.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
    expect(await epochShown(page)).toBe(at)
    await page.click('#play')
    await page.waitForFunction((e) => Number(/^epoch (\d+)/.exec(document.getElementById('epoch')!.textContent!)![1]) > e, at)
    // Change run 2's λ while it plays; the link records the epoch where it took effect.
    await typeLambda(page, 1, '0.1')
    const param = await lambdaParam(page)
    expect(param).toMatch(/^0,10@\d+:0\.1$/)
    await finished(page)
    const expected = param.split(',').map((item) => replay(item, { epochs: 2000, evalEvery: 20 }))
    expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
    expect(await values(page, 'test-loss')).toEqual(expected.map((r) => String(r.testLoss)))
    expect(problems).toEqual([])
  })

  it('stays responsive on the largest problem the page accepts', async () => {
    // 2,000,000 data values per run, 10,000 epochs: trained a slice per frame, so a click lands.
    const { page, problems } = await openPage(lab, '?lambda=0,10&numInputs=5000&nTrain=200&nTest=200&epochs=10000&evalEvery=100')
    await page.waitForFunction(() => document.body.dataset.state === 'playing')
    await page.click('#skip')
    await page.click('#play') // "Pause", pressed while skipping to the end
    expect(await page.getAttribute('body', 'data-state')).toBe('paused')
    const at = await epochShown(page)
    expect(at).toBeLessThan(10_000)
    await page.click('#step')
    expect(await epochShown(page)).toBe(at + 1)
    expect(problems).toEqual([])
  })

  it('adds and removes runs; λ changed on a finished run continues it from its weights; Back undoes, Forward redoes', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=20')
    await finished(page)
    await page.click('#add-run')
    await finished(page)
    expect(await lambdaParam(page)).toBe('0,10,100')
    await page.click('.run >> nth=0 >> button.remove')
    expect(await lambdaParam(page)).toBe('10,100')
    // Before the fix this restarted the run at epoch 0, paused, its curve gone.
    await typeLambda(page, 0, '3')
    await finished(page, false)
    expect(await lambdaParam(page)).toBe('10@20:3,100')
    expect(await page.textContent('.run >> nth=0 >> .run-status')).toBe('done, 40 epochs')
    const continued = replay('10@20:3', { epochs: 20 })
    const plain100 = engine.train({ lambda: 100, epochs: 20 })
    expect(await values(page, 'w-norm')).toEqual([continued, plain100].map((r) => String(r.wNorm)))
    expect(continued.history).toHaveLength(8)
    expect(await page.evaluate(() => document.querySelectorAll('#loss-chart canvas').length)).toBe(1)
    // Back: the run as it was before the change; Forward: continued again, the same bits.
    await page.goBack()
    await expect.poll(() => lambdaParam(page)).toBe('10,100')
    await finished(page, false)
    expect(await values(page, 'w-norm')).toEqual([engine.train({ lambda: 10, epochs: 20 }), plain100].map((r) => String(r.wNorm)))
    await page.goBack()
    await expect.poll(() => lambdaParam(page)).toBe('0,10,100')
    await finished(page, false)
    await page.goForward()
    await page.goForward()
    await expect.poll(() => lambdaParam(page)).toBe('10@20:3,100')
    await finished(page, false)
    expect(await values(page, 'w-norm')).toEqual([continued, plain100].map((r) => String(r.wNorm)))
    // The slider by keyboard: Home then two steps right are one burst, so one history entry.
    const slider = page.locator('.run >> nth=1 >> input[type=range]')
    await slider.focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await finished(page)
    const [first, second] = (await lambdaParam(page)).split(',')
    expect(first).toBe('10@20:3')
    expect(second).toMatch(/^100@20:[\d.]+(@\d+:[\d.]+)*$/)
    expect(second!.endsWith(':0.000126')).toBe(true)
    await page.goBack()
    await expect.poll(() => lambdaParam(page)).toBe('10@20:3,100')
    expect(problems).toEqual([])
  })

  it('restarts the runs when a config key changes, and shows a bad value beside its field', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=30')
    await finished(page)
    await page.selectOption('#cfg-dtype', 'float64')
    await finished(page)
    expect(new URL(page.url()).searchParams.get('dtype')).toBe('float64')
    const expected = [0, 10].map((lambda) => engine.train({ lambda, epochs: 30, dtype: 'float64' }))
    expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
    await page.fill('#cfg-lr', '-1')
    await page.press('#cfg-lr', 'Enter')
    await expect.poll(() => page.textContent('#cfg-lr-error')).toBe('Learning rate (lr) must be a number above 0, at most 1,000,000; got "-1"')
    expect(await page.getAttribute('#cfg-lr', 'aria-invalid')).toBe('true')
    expect(new URL(page.url()).searchParams.get('lr')).toBe('0.003')
    await page.fill('#cfg-nTest', '5000')
    await page.press('#cfg-nTest', 'Enter')
    await finished(page)
    expect(new URL(page.url()).searchParams.get('nTest')).toBe('5000')
    await page.fill('#cfg-numInputs', '5000')
    await page.press('#cfg-numInputs', 'Enter')
    await expect.poll(() => page.textContent('#cfg-numInputs-error')).toContain('more than this page holds (at most 2,000,000)')
    // A message does not push the other fields of its row out of line.
    const tops = await page.locator('.config .field input[type=text]').evaluateAll((els) => els.slice(0, 5).map((e) => Math.round(e.getBoundingClientRect().top)))
    expect(new Set(tops).size, String(tops)).toBe(1)
    expect(new URL(page.url()).searchParams.get('numInputs')).toBe('200')
    expect(problems).toEqual([])
  })
})
