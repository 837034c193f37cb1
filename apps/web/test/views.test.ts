// Guided presets (and the claims their texts make, checked against the Node API), the picture of
// the fit, weights on one shared scale, the coefficient path and the double-descent view.
import { createEngine, DEFAULT_CONFIG, lambdaGrid, type Engine } from '@weight-decay/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COEF_LAMBDAS, DD_LAMBDAS, descentFolds, descentSeeds } from '../src/beyond-panel.js'
import { CV_FOLDS, CV_LAMBDAS } from '../src/cv-panel.js'
import { PRESETS } from '../src/presets.js'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, values, type Lab } from './browser.js'

const fmt = (x: number) => (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5 ? x.toExponential(3).replace(/\.?0+e/, 'e') : String(Number(x.toPrecision(4))))
const STORY = { trueW: 0.1, nTrain: 100 }

describe.skipIf(!browserAvailable())('presets and views', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  it('lists every preset as a link with two or three sentences; opening one is a history entry', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=20')
    await finished(page)
    const presets = await page.locator('[data-testid="preset"]').evaluateAll((els) =>
      els.map((e) => ({ name: (e as HTMLElement).dataset.preset, href: e.querySelector('a')!.getAttribute('href'), text: e.querySelector('p')!.textContent! })),
    )
    expect(presets.map((p) => p.name)).toEqual(['overfit', 'just-right', 'too-much', 'more-data', 'double-descent', 'adam-vs-adamw', 'l1-sparse', 'sgd-vs-exact'])
    for (const p of presets) {
      expect(p.href).toMatch(/^\?lambda=/)
      const sentences = p.text.split(/(?<=[.!?])\s+(?=[A-Z“λ])/).length
      expect(sentences, p.text).toBeGreaterThanOrEqual(2)
      expect(sentences, p.text).toBeLessThanOrEqual(3)
    }
    await page.click('[data-preset="overfit"] a')
    await expect.poll(() => new URL(page.url()).searchParams.get('trueW')).toBe('0.1')
    await finished(page)
    expect(await values(page, 'test-loss')).toEqual([String(engine.train({ lambda: 0, ...STORY }).testLoss)])
    // "What to notice" beside the charts, the tours folded away so the charts come up.
    expect(await page.textContent('[data-testid="preset-notice"]')).toBe(`What to notice — Overfit: ${PRESETS[0]!.notice}`)
    expect(await page.getAttribute('#presets-box', 'open')).toBeNull()
    // Any change leaves the preset's setting: its notice goes.
    await page.locator('.run input.lambda-exact').fill('3')
    await page.locator('.run input.lambda-exact').press('Enter')
    expect(await page.isVisible('[data-testid="preset-notice"]')).toBe(false)
    await page.goBack()
    expect(await page.isVisible('[data-testid="preset-notice"]')).toBe(true)
    await page.goBack()
    await expect.poll(() => new URL(page.url()).searchParams.get('lambda')).toBe('0,10')
    expect(await page.inputValue('#cfg-trueW')).toBe('0.01')
    expect(await page.isVisible('[data-testid="preset-notice"]')).toBe(false)
    // A shared preset link opens with its notice.
    await page.goto(lab.server.url + PRESETS[3]!.query)
    await finished(page)
    expect(await page.textContent('[data-testid="preset-notice"]')).toContain('What to notice — More data instead of decay')
    expect(problems).toEqual([])
  })

  it('opens "Too much decay" with its path computed: the best λ is 1, and λ = 100 sits on the mean line', async () => {
    const { page, problems } = await openPage(lab, PRESETS.find((p) => p.name === 'too-much')!.query)
    await finished(page)
    await expect.poll(() => page.textContent('#sweep-status'), { timeout: 60_000 }).toBe('Done: 11 λ values × 8 seeds; best λ by validation: 1.')
    expect(await page.locator('#path-legend li').count()).toBeLessThanOrEqual(7)
    expect(await page.textContent('#path-legend')).toContain('predict the mean')
    await page.locator('section:has(#path-title)').screenshot({ path: `${ARTIFACTS}path-too-much.png` })
    expect(problems).toEqual([])
  })

  it('runs Adam + L2 beside AdamW (an optimizer per run, in the link), equal to Node, and switches a run back', async () => {
    const { page, problems } = await openPage(lab, PRESETS.find((p) => p.name === 'adam-vs-adamw')!.query)
    await finished(page)
    const expected = (['coupled', 'decoupled'] as const).map((decay) => engine.train({ ...STORY, lambda: 1, optimizer: 'adam', decay }))
    expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
    expect(await page.locator('.run strong').allTextContents()).toEqual(['Run 1 · λ = 1 · Adam + L2', 'Run 2 · λ = 1 · AdamW'])
    // The run's own optimizer back to the experiment's (SGD): restarted, one history entry.
    await page.selectOption('.run >> nth=1 >> select.run-optim', '')
    await finished(page)
    expect(new URL(page.url()).searchParams.get('lambda')).toBe('1~adam~coupled,1')
    expect(await values(page, 'w-norm')).toEqual([expected[0]!, engine.train({ ...STORY, lambda: 1 })].map((r) => String(r.wNorm)))
    await page.goBack()
    await expect.poll(() => new URL(page.url()).searchParams.get('lambda')).toBe('1~adam~coupled,1~adam~decoupled')
    expect(problems).toEqual([])
  })

  it('makes only claims the numbers bear out (Node API)', () => {
    const base = (cfg: object) => {
      const t = engine.trainer(cfg)
      const b = t.predictions().baseline.testLoss
      t.dispose()
      return b
    }
    const storyBase = base(STORY)
    // Overfit: the training loss far below the test loss, which is far above predicting the mean.
    const over = engine.train({ ...STORY, lambda: 0 })
    expect(over.trainLoss).toBeLessThan(over.testLoss / 100)
    expect(over.testLoss).toBeGreaterThan(10 * storyBase)
    // Just right: 5-fold CV of SGD picks λ = 1, CV of the exact optimum a far smaller λ; λ = 1's test loss ends well below the mean's.
    expect(engine.cv({ ...STORY, lambdas: CV_LAMBDAS, folds: CV_FOLDS, by: 'sgd' }).best?.min).toBe(1)
    expect(engine.cv({ ...STORY, lambdas: CV_LAMBDAS, folds: CV_FOLDS }).best!.min).toBeLessThan(0.1)
    const path = engine.sweep({ ...STORY, lambdas: lambdaGrid({ min: 0.001, max: 100, count: 11 }), seeds: 8 })
    const right = engine.train({ ...STORY, lambda: 1 })
    expect(right.testLoss / storyBase).toBeGreaterThan(0.4)
    expect(right.testLoss / storyBase).toBeLessThan(0.7)
    // Too much: λ = 100 lies on the predict-the-mean line; the path’s test loss falls, then rises.
    expect(Math.abs(engine.train({ ...STORY, lambda: 100 }).testLoss / storyBase - 1)).toBeLessThan(0.05)
    const test = path.rows.map((r) => r.testLoss?.mean ?? Infinity)
    const low = test.indexOf(Math.min(...test))
    expect(low).toBeGreaterThan(0)
    expect(test.at(-2)!).toBeGreaterThan(1.5 * test[low]!)
    // More data: 400 examples and no decay beat the mean by far.
    expect(engine.train({ trueW: 0.1, nTrain: 400, lambda: 0 }).testLoss).toBeLessThan(0.05 * base({ trueW: 0.1, nTrain: 400 }))
    // L1: most exact weights are zero.
    expect(engine.solve({ penalty: 'l1', lambda: 0.1 }).w.filter((v) => v === 0).length).toBeGreaterThan(150)
    // SGD against the exact optimum: about 80 against a small loss at λ = 0.001; from w = 0 they agree.
    const sgd = engine.train({ lambda: 0.001 })
    const exact = engine.solve({ lambda: 0.001 })
    expect(sgd.testLoss).toBeGreaterThan(50)
    expect(exact.testLoss).toBeLessThan(0.02)
    const fromZero = engine.train({ lambda: 0.001, initStd: 0 })
    expect(fromZero.testLoss / engine.solve({ lambda: 0.001, initStd: 0 }).testLoss).toBeLessThan(1.5)
    // Adam + L2 against AdamW: the same λ and lr, AdamW shrinks w far more and generalizes better.
    const adamL2 = engine.train({ ...STORY, lambda: 1, optimizer: 'adam', decay: 'coupled' })
    const adamW = engine.train({ ...STORY, lambda: 1, optimizer: 'adam', decay: 'decoupled' })
    expect(adamL2.wNorm).toBeGreaterThan(1.8)
    expect(adamL2.wNorm).toBeLessThan(2.2)
    expect(adamW.wNorm).toBeLessThan(0.7)
    expect(adamL2.testLoss).toBeGreaterThan(2)
    expect(adamW.testLoss).toBeLessThan(0.75)
    expect(PRESETS).toHaveLength(8)
  })

  it('draws the fit per run, live, and the weights of every run on one shared scale', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=400')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="fit-chart"] canvas').length === 2)
    // Live: the fit's text alternative follows the epochs while it plays.
    const epochOf = async () => Number(/at epoch (\d+)/.exec((await page.locator('[data-testid="fit-chart"] canvas').first().getAttribute('aria-label')) ?? '')?.[1] ?? 0)
    await expect.poll(epochOf).toBeGreaterThan(0)
    const early = await epochOf()
    await expect.poll(epochOf).toBeGreaterThan(early)
    await finished(page)
    await expect.poll(epochOf).toBe(400)
    const fitLabels = await page.locator('[data-testid="fit-chart"] canvas').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))
    const r = [0, 10].map((lambda) => engine.train({ lambda, epochs: 400 }))
    fitLabels.forEach((label, i) => expect(label).toContain(`test loss ${fmt(r[i]!.history.at(-1)!.testLoss)}`))
    const titles = await page.locator('[data-testid="weights-chart"] .panel-title').allTextContents()
    expect(titles).toEqual([`Run 1 · λ = 0 · ‖w‖ = ${fmt(r[0]!.wNorm)}`, `Run 2 · λ = 10 · ‖w‖ = ${fmt(r[1]!.wNorm)}`])
    const scales = await page.locator('[data-testid="weights-chart"] canvas').evaluateAll((els) => els.map((e) => /on a scale from (\S+) to (\S+),/.exec(e.getAttribute('aria-label')!)?.[2]))
    expect(new Set(scales).size).toBe(1)
    // The shared scale is the largest |w| anywhere (λ = 0's): λ = 10's weights lie flat inside it.
    const top = Math.max(...r.flatMap((x) => Array.from(x.w, Math.abs)))
    expect(Number(scales[0])).toBeGreaterThanOrEqual(Number(fmt(top)))
    await page.locator('section:has(#fit-title)').screenshot({ path: `${ARTIFACTS}fit.png` })
    await page.locator('section:has(#weights-title)').screenshot({ path: `${ARTIFACTS}weights.png` })
    expect(problems).toEqual([])
  })

  it('draws the coefficient path from exact solves in workers', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=20')
    await finished(page)
    await page.click('#coef-run')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 60_000 }).toMatch(/^Coefficient path/)
    expect(await page.locator('[data-testid="coef-path-chart"] canvas').count()).toBe(1)
    const grid = COEF_LAMBDAS
    const first = engine.solve({ lambda: grid[0]!, epochs: 20 })
    const last = engine.solve({ lambda: grid.at(-1)!, epochs: 20 })
    expect(await page.textContent('#beyond-status')).toContain(`‖w‖ falls from ${fmt(first.wNorm)} to ${fmt(last.wNorm)}`)
    await page.locator('section:has(#beyond-title)').screenshot({ path: `${ARTIFACTS}coef-path.png` })
    expect(problems).toEqual([])
  })

  it('shows double descent: the minimum-norm peak at n = d, and tuned decay without it (the preset)', async () => {
    const { page, problems } = await openPage(lab)
    await finished(page)
    await page.click('[data-preset="double-descent"] a')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 90_000 }).toMatch(/^Double descent/)
    const text = (await page.textContent('#beyond-status'))!
    expect(text).toMatch(/peaks at n = 200 \(/)
    expect(await page.locator('[data-testid="double-descent-chart"] canvas').count()).toBe(1)
    // Tuned per seed by exact leave-one-out cross-validation (l2): the same numbers as the Node API's engine.cv and engine.solve at n = d, bit for bit.
    const cfg = { trueW: 0.1, noiseStd: 0.5, nTrain: 200 }
    const perSeed = descentSeeds(DEFAULT_CONFIG.seed).map((seed) => {
      const cv = engine.cv({ ...cfg, seed, lambdas: DD_LAMBDAS, folds: descentFolds('l2', 200) })
      return { minNorm: engine.solve({ ...cfg, seed, lambda: 0 }).testLoss, lambda: cv.best!.min, tuned: engine.solve({ ...cfg, seed, lambda: cv.best!.min }).testLoss }
    })
    const mean = (v: number[]) => v.reduce((a, x) => a + x, 0) / v.length
    const points = JSON.parse((await page.getAttribute('[data-testid="double-descent-chart"]', 'data-points'))!) as { nTrain: number; minNorm: number; tuned: number; tunedLambdas: number[] }[]
    const atD = points.find((p) => p.nTrain === 200)!
    expect(atD).toEqual({ nTrain: 200, minNorm: mean(perSeed.map((p) => p.minNorm)), tuned: mean(perSeed.map((p) => p.tuned)), tunedLambdas: perSeed.map((p) => p.lambda) })
    expect(text).toContain(`n = 200: ${fmt(atD.minNorm)} / ${fmt(atD.tuned)}`)
    expect(atD.minNorm).toBeGreaterThan(5 * atD.tuned)
    // Decay tuned by cross-validation has no peak: it never rises by more than 20% from one size to the next.
    for (let i = 1; i < points.length; i++) expect(points[i]!.tuned).toBeLessThan(1.2 * points[i - 1]!.tuned)
    await page.locator('section:has(#beyond-title)').screenshot({ path: `${ARTIFACTS}double-descent.png` })
    expect(descentFolds('l2', 200)).toBe('loo')
    expect(descentFolds('l1', 200)).toBe(5)
    // Past 300 features it says why instead of computing for minutes.
    await page.goto(`${lab.server.url}?numInputs=301&epochs=1`)
    await finished(page)
    await page.click('#dd-run')
    await expect.poll(() => page.textContent('#beyond-status')).toContain('with 301 features that takes too long for this page (it allows up to 300)')
    expect(await page.locator('[data-testid="double-descent-chart"] canvas').count()).toBe(0)
    expect(problems).toEqual([])
  })
})
