// The default page: the seed's experiment drawn live, both runs' finals equal to the Node API's,
// wasm stream-compiled under an enforced CSP, no console errors; screenshots as artifacts.
import { createEngine, type Engine } from '@weight-decay/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { ARTIFACTS, browserAvailable, DIST, finished, openPage, startLab, values, type Lab } from './browser.js'
import { serve } from './server.js'

describe.skipIf(!browserAvailable())('the default page', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  it('draws λ = 0 and λ = 10 live and ends with the Node API’s numbers, bit for bit', async () => {
    const { page, problems } = await openPage(lab)
    // Drawn live: a history point is on the chart before the runs end.
    await page.waitForFunction(() => document.querySelector('#loss-chart canvas') !== null)
    await finished(page, false)
    const expected = [0, 10].map((lambda) => engine.train({ lambda }))
    expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
    expect(await values(page, 'test-loss')).toEqual(expected.map((r) => String(r.testLoss)))
    // The seed's story: λ = 0 overfits (‖w‖ ≈ 13), λ = 10 generalizes.
    expect(expected[0]!.wNorm).toBeGreaterThan(5)
    expect(expected[1]!.testLoss).toBeLessThan(0.1)
    expect(new URL(page.url()).searchParams.get('lambda')).toBe('0,10')
    await page.screenshot({ path: `${ARTIFACTS}default-desktop.png`, fullPage: true })
    await page.locator('section:has(#live-title)').screenshot({ path: `${ARTIFACTS}training.png` })
    expect(problems).toEqual([])
  })

  it('stream-compiles the wasm under a CSP that blocks inline script and style', async () => {
    const context = await lab.browser.newContext()
    const page = await context.newPage()
    // Counts streaming compiles (init scripts run before the page's own code).
    await page.addInitScript(() => {
      const original = WebAssembly.compileStreaming
      ;(window as unknown as { streamed: number }).streamed = 0
      WebAssembly.compileStreaming = (source) => {
        ;(window as unknown as { streamed: number }).streamed++
        return original.call(WebAssembly, source)
      }
    })
    const violations: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') violations.push(m.text())
    })
    await page.goto(lab.server.url)
    await finished(page)
    expect(await page.evaluate(() => (window as unknown as { streamed: number }).streamed)).toBeGreaterThanOrEqual(1)
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(csp).toContain("'wasm-unsafe-eval'")
    expect(csp).not.toContain('unsafe-inline')
    expect(violations).toEqual([])
    // Code evaluated by the test itself is exempt from CSP (DevTools protocol), so the probes are
    // an inline <script> element and a style attribute added to the page.
    const outcome = await page.evaluate(async () => {
      const seen: string[] = []
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective))
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.body.append(script)
      const div = document.createElement('div')
      div.setAttribute('style', 'color: red')
      document.body.append(div)
      await new Promise((r) => setTimeout(r, 50))
      return { inlineRan: 'inlineRan' in window, color: getComputedStyle(div).color, seen }
    })
    expect(outcome.inlineRan).toBe(false)
    expect(outcome.color).not.toBe('rgb(255, 0, 0)')
    expect(outcome.seen).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/), expect.stringMatching(/^style-src/)]))
    await context.close()
  })

  it('shows the learned and the exact weights, with L1’s exact zeros counted', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0.1&penalty=l1')
    await finished(page)
    const optimum = engine.solve({ lambda: 0.1, penalty: 'l1' })
    const zeros = optimum.w.filter((v) => v === 0).length
    expect(zeros).toBeGreaterThan(150)
    // Solved in a worker: it arrives after the run ends.
    await expect.poll(() => page.textContent('#weights-summary')).toContain(`exact optimum: ${zeros} of 200 exactly zero`)
    expect(await page.locator('#weights-chart canvas').count()).toBe(1)
    await page.locator('section:has(#weights-title)').screenshot({ path: `${ARTIFACTS}weights-l1.png` })
    expect(problems).toEqual([])
  })

  it('works from a sub-folder of a static server (relative URLs)', async () => {
    const server = await serve(join(DIST, '..'))
    try {
      const { page, problems } = await openPage({ ...lab, server: { ...server, url: `${server.url}dist/` } }, '?lambda=3')
      await finished(page)
      expect(await values(page, 'w-norm')).toEqual([String(engine.train({ lambda: 3 }).wNorm)])
      expect(problems).toEqual([])
    } finally {
      await server.close()
    }
  })

  it('is readable at phone width', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0@40:10,10', { width: 375, height: 800 })
    await finished(page)
    await page.screenshot({ path: `${ARTIFACTS}phone-top.png` })
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.screenshot({ path: `${ARTIFACTS}default-phone.png`, fullPage: true })
    expect(problems).toEqual([])
  })

  it('has a label for every control and works from the keyboard', async () => {
    const { page, problems } = await openPage(lab)
    await finished(page)
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, button, progress')]
        .filter((el) => {
          const e = el as HTMLInputElement
          const named = e.labels?.length || e.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent?.trim())
          return !named
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    )
    expect(unlabelled).toEqual([])
    // Reset from the keyboard, then step one epoch with Enter.
    await page.focus('#reset')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.getElementById('epoch')?.textContent?.startsWith('epoch 0 '))
    await page.focus('#step')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.getElementById('epoch')?.textContent?.startsWith('epoch 1 '))
    expect(problems).toEqual([])
  })
})
