// Issue 13's list of defects, and classroom comfort: labels that never overlap, legends that
// wrap, the slider's range at the learning rate, epochs = 0, Play again, dash in the legend, dark
// mode and reduced motion by emulation, focus ring contrast, touch targets, axe-core.
import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { createEngine, type Engine } from '@weight-decay/api'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { positionToLambda, sliderMaxFor } from '../src/lambda-scale.js'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, values, type Lab } from './browser.js'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's violations on the page as it is now (WCAG 2.0–2.2 A and AA, and best practices). */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP blocks inline scripts, not this.
  await page.evaluate(AXE)
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const r = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] })
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(' ')}`)
  })
  return found
}

/** WCAG contrast ratio of two CSS colours (rgb/rgba strings). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const s = Number(v) / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number]
  return (x + 0.05) / (y + 0.05)
}

describe.skipIf(!browserAvailable())('the classroom page', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  for (const width of [1280, 768, 390]) {
    it(`never overlaps λ labels nor lets the legend run off the page at ${width} px`, async () => {
      // Before: "λ→7.96.31" (two labels on one spot) and a legend past the right edge.
      const query = '?lambda=0@10:1@12:2@14:3@16:4@18:5@90:7.9@95:6.31@97:1000,10@10:1@12:2@97:3,3@50:0.001,100'
      const { page, problems } = await openPage(lab, query, { width, height: 900 })
      await finished(page)
      const { box, placed } = JSON.parse((await page.getAttribute('#loss-chart', 'data-marker-labels'))!) as { box: number[]; placed: number[][] }
      expect(placed.length).toBeGreaterThanOrEqual(5)
      for (const [x0, x1, y0, y1] of placed) {
        expect(x0! >= box[0]! - 2 && x1! <= box[1]! + 2 && y0! >= box[2]! - 1 && y1! <= box[3]! + 1, JSON.stringify({ box, placed })).toBe(true)
      }
      for (let i = 0; i < placed.length; i++) {
        for (let j = i + 1; j < placed.length; j++) {
          const [a, b] = [placed[i]!, placed[j]!]
          const apart = a[1]! <= b[0]! || b[1]! <= a[0]! || a[3]! <= b[2]! || b[3]! <= a[2]!
          expect(apart, JSON.stringify([a, b])).toBe(true)
        }
      }
      const overflow = await page.evaluate(() => {
        const inside = [...document.querySelectorAll('#loss-legend li, .run, .panel, .preset')].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
        return { scroll: document.documentElement.scrollWidth, out: inside.map((e) => e.textContent) }
      })
      expect(overflow).toEqual({ scroll: width, out: [] })
      await page.screenshot({ path: `${ARTIFACTS}labels-${width}.png` })
      expect(problems).toEqual([])
    })
  }

  it('tells train from test in the legend by dash, and draws the predict-the-mean line', async () => {
    const { page, problems } = await openPage(lab)
    await finished(page)
    const legend = await page.locator('#loss-legend li').evaluateAll((els) => els.map((e) => `${e.querySelector('.key')!.className}|${e.textContent}`))
    expect(legend).toContain('key key-dashed|dashed: training loss')
    expect(legend).toContain('key key-solid|solid: test loss')
    const baseline = engine.trainer({}).predictions().baseline.testLoss
    expect(legend).toContain(`key key-dotted|dotted: predict the mean, test loss ${Number(baseline.toPrecision(4))}`)
    // Dashes differ in the drawn keys too.
    const styles = await page.locator('#loss-legend .key').evaluateAll((els) => els.map((e) => getComputedStyle(e).borderTopStyle))
    expect(new Set(styles)).toEqual(new Set(['solid', 'dashed', 'dotted']))
    // The chart's text alternative carries the numbers.
    const label = (await page.getAttribute('#loss-chart', 'aria-label'))!
    const r0 = engine.train({ lambda: 0 })
    expect(label).toContain(`Run 1 · λ = 0: at epoch 100, training loss ${Number(r0.history.at(-1)!.trainLoss.toPrecision(4)).toString().replace(/e-?/, (m) => m)}`.slice(0, 40))
    expect(label).toContain('predicting the mean gives test loss')
    expect(problems).toEqual([])
  })

  it('keeps the slider below divergence at the learning rate, and warns for a typed λ beyond it', async () => {
    // Before: the slider went to 1000, which diverges at the default lr 0.003.
    const { page, problems } = await openPage(lab, '?lambda=0&epochs=30')
    await finished(page)
    const slider = page.locator('.run input[type=range]')
    expect(Number(await slider.getAttribute('max'))).toBe(sliderMaxFor(0.003))
    await slider.focus()
    await page.keyboard.press('End')
    await finished(page)
    const top = positionToLambda(sliderMaxFor(0.003))
    expect(new URL(page.url()).searchParams.get('lambda')).toBe(`0@30:${top}`)
    expect(await page.getAttribute('.run', 'data-state')).toBe('done')
    expect(engine.train({ lambda: top }).diverged).toBeNull()
    expect(engine.train({ lambda: 1000 }).diverged).not.toBeNull()
    // A larger learning rate lowers the slider's top.
    await page.fill('#cfg-lr', '0.03')
    await page.press('#cfg-lr', 'Enter')
    await expect.poll(async () => Number(await slider.getAttribute('max'))).toBe(sliderMaxFor(0.03))
    await finished(page)
    const input = page.locator('.run input.lambda-exact')
    await input.fill('100')
    await input.press('Enter')
    await expect.poll(() => page.textContent('.run .warn')).toContain('from λ = 66.67 training diverges')
    expect(problems).toEqual([])
  })

  it('explains epochs = 0 and an empty chart instead of showing nothing', async () => {
    const { page, problems } = await openPage(lab, '?epochs=0')
    await finished(page)
    expect(await page.isVisible('[data-testid="loss-empty"]')).toBe(true)
    expect(await page.textContent('[data-testid="loss-empty"]')).toContain('Epochs is 0, so nothing is trained')
    expect(await page.textContent('.run .run-status')).toBe('not trained: epochs is 0')
    await page.goto(`${lab.server.url}?epochs=3&evalEvery=5`)
    await finished(page)
    expect(await page.textContent('[data-testid="loss-empty"]')).toContain('recorded every 5 epochs')
    await page.goto(`${lab.server.url}?epochs=30`)
    await finished(page)
    expect(await page.isVisible('[data-testid="loss-empty"]')).toBe(false)
    expect(problems).toEqual([])
  })

  it('replays with Play after the end, to the same bits', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0@20:3,10&epochs=40')
    await finished(page)
    const first = await values(page, 'test-loss')
    expect(await page.textContent('#play')).toBe('Play again')
    expect(await page.isEnabled('#play')).toBe(true)
    await page.click('#play')
    await page.waitForFunction(() => /^epoch ([0-9]|[12][0-9]) of 40/.test(document.getElementById('epoch')!.textContent!))
    await finished(page, false)
    expect(await values(page, 'test-loss')).toEqual(first)
    expect(new URL(page.url()).searchParams.get('lambda')).toBe('0@20:3,10')
    expect(problems).toEqual([])
  })

  it('makes each config change a history entry: Back restores the previous settings', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=20')
    await finished(page)
    await page.fill('#cfg-epochs', '30')
    await page.press('#cfg-epochs', 'Enter')
    await finished(page)
    await page.selectOption('#cfg-dtype', 'float64')
    await finished(page)
    await page.goBack()
    await expect.poll(() => page.inputValue('#cfg-dtype')).toBe('float32')
    expect(await page.inputValue('#cfg-epochs')).toBe('30')
    await finished(page, false)
    expect(await values(page, 'w-norm')).toEqual([0, 10].map((lambda) => String(engine.train({ lambda, epochs: 30 }).wNorm)))
    await page.goBack()
    await expect.poll(() => page.inputValue('#cfg-epochs')).toBe('20')
    await page.goForward()
    await expect.poll(() => page.inputValue('#cfg-epochs')).toBe('30')
    expect(problems).toEqual([])
  })

  it('follows prefers-color-scheme, toggles dark mode, and has no axe-core violation in light or dark', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&epochs=30&penalty=l1')
    await finished(page)
    expect(await page.getAttribute('html', 'data-theme')).toBe('light')
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('dark')
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(contrast(bg, 'rgb(0, 0, 0)')).toBeLessThan(1.5)
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: `${ARTIFACTS}dark.png`, fullPage: true })
    // With everything drawn: a preset's notice, the path, the coefficient path, double descent.
    await page.click('[data-preset="too-much"] a')
    await expect.poll(() => page.textContent('#sweep-status'), { timeout: 60_000 }).toMatch(/^Done/)
    await page.click('#coef-run')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 60_000 }).toMatch(/^Coefficient path/)
    await page.click('#dd-run')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 90_000 }).toMatch(/^Double descent/)
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe('light')
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    // The toggle overrides the system, and is remembered.
    await page.click('#theme-toggle')
    expect(await page.getAttribute('html', 'data-theme')).toBe('light')
    await page.reload()
    await finished(page)
    expect(await page.getAttribute('html', 'data-theme')).toBe('light')
    await page.click('#projector-toggle')
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThan(20)
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: `${ARTIFACTS}projector.png` })
    expect(problems).toEqual([])
  })

  it('shows results without animation under prefers-reduced-motion', async () => {
    const context = await lab.browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1100, height: 900 } })
    const page = await context.newPage()
    await page.addInitScript(() => {
      const seen = new Set<string>()
      ;(window as unknown as { motionSeen: Set<string> }).motionSeen = seen
      new MutationObserver(() => seen.add(document.body?.dataset.motion ?? '')).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-motion'] })
    })
    await page.goto(lab.server.url)
    await page.waitForFunction(() => document.body.dataset.state === 'finished')
    // Epochs only ever skip to the end (as fast as the frame budget allows), never paced as an
    // animation; how many frames the skip takes depends on the machine's load, so it is not counted.
    const seen = await page.evaluate(() => [...(window as unknown as { motionSeen: Set<string> }).motionSeen].sort())
    expect(seen).toEqual(['skip', 'still'])
    expect(await values(page, 'w-norm')).toEqual([0, 10].map((lambda) => String(engine.train({ lambda }).wNorm)))
    await context.close()
  })

  it('has a focus ring of at least 3:1 and touch targets of at least 24 px, light and dark, at phone width', async () => {
    const { page, problems } = await openPage(lab, '', { width: 390, height: 800 })
    await finished(page)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect.poll(() => page.getAttribute('html', 'data-theme')).toBe(scheme)
      for (const selector of ['#reset', '.run input[type=range]', '#cfg-lr', '#presets a']) {
        await page.focus(selector)
        await page.keyboard.press('Shift+Tab')
        await page.keyboard.press('Tab')
        const { ring, behind, width } = await page.evaluate((sel) => {
          const el = document.activeElement as HTMLElement
          const s = getComputedStyle(el)
          let node: HTMLElement | null = el.parentElement
          let behind = 'rgba(0, 0, 0, 0)'
          while (node && /rgba\(0, 0, 0, 0\)|transparent/.test(behind)) {
            behind = getComputedStyle(node).backgroundColor
            node = node.parentElement
          }
          return { ring: s.outlineColor, behind, width: parseFloat(s.outlineWidth), sel }
        }, selector)
        expect(width, selector).toBeGreaterThanOrEqual(2)
        expect(contrast(ring, behind), `${scheme} ${selector}: ${ring} on ${behind}`).toBeGreaterThanOrEqual(3)
      }
    }
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, .preset-link')]
        .filter((e) => (e as HTMLElement).offsetParent !== null)
        .map((e) => ({ e: e.id || e.className || e.tagName, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ e, r }) => `${e} ${Math.round(r.width)}×${Math.round(r.height)}`),
    )
    expect(small).toEqual([])
    expect(problems).toEqual([])
  })

  it('writes form and link messages in plain words with the page’s own limits, without cutting the precision choice', async () => {
    const { page, problems } = await openPage(lab, '?nTrain=6000&lambda=0')
    await finished(page)
    expect(await page.textContent('[data-testid="notice"]')).toContain('Training examples (nTrain) must be a whole number from 1 to 5,000; got "6000"')
    // No choice in the form is cut short (before: "float32 (as PyTorch)").
    const cut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLSelectElement>('.config select, select.run-optim')].flatMap((select) => {
        const ctx = document.createElement('canvas').getContext('2d')!
        ctx.font = getComputedStyle(select).font
        return [...select.options].filter((o) => ctx.measureText(o.text).width > select.clientWidth - 30).map((o) => `${select.id}: ${o.text}`)
      }),
    )
    expect(cut).toEqual([])
    // A combination the API refuses is told beside its field, and nothing changes.
    await page.check('#cfg-nesterov')
    await expect.poll(() => page.textContent('#cfg-nesterov-error')).toContain('nesterov needs momentum greater than 0')
    expect(new URL(page.url()).searchParams.get('nesterov')).toBe('false')
    expect(await page.locator('[data-testid="notice"]').count()).toBe(1)
    expect(problems).toEqual([])
  })
})
