// Headless Chromium (Debian's package) through playwright-core, with the flags DESIGN.md lists,
// plus the page helpers every browser test uses.
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { serve, type StaticServer } from './server.js'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The built page under test (WEB_DIST: another build, e.g. an older commit's, to see a test fail before a fix). */
export const DIST = process.env.WEB_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url))
export const ARTIFACTS = fileURLToPath(new URL('../test-results/', import.meta.url))

/** Whether the browser tests can run. Without Chromium they skip loudly, except under CI where that fails. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true
  if (process.env.CI && !['false', '0'].includes(process.env.CI)) throw new Error(`CI is set but there is no Chromium at ${CHROMIUM}: .ci/run installs it with apt-get install -y chromium`)
  console.warn(`\n!!! SKIPPING the browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH) !!!\n`)
  return false
}

export interface Lab {
  browser: Browser
  server: StaticServer
  close(): Promise<void>
}

export async function startLab(): Promise<Lab> {
  if (!existsSync(`${DIST}index.html`)) throw new Error(`no build at ${DIST}: run the build first`)
  mkdirSync(ARTIFACTS, { recursive: true })
  const server = await serve(DIST)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  return { browser, server, close: async () => void (await Promise.all([browser.close(), server.close()])) }
}

/** A page whose console errors, uncaught errors and failed requests are collected. */
export interface WatchedPage {
  page: Page
  problems: string[]
}

export async function openPage(lab: Lab, query = '', viewport = { width: 1100, height: 900 }): Promise<WatchedPage> {
  const context = await lab.browser.newContext({ viewport, acceptDownloads: true })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('requestfailed', (r) => {
    // Cancelled, not failed: a navigation (the tests go from link to link) or a terminated worker
    // stops requests still in flight, such as the worker pool's script.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`)
  })
  await page.goto(lab.server.url + query)
  return { page, problems }
}

/** Waits until every run has finished (the page sets body[data-state]). */
export async function finished(page: Page, skip = true): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state !== undefined)
  // A click in the page: a no-op if the runs finished meanwhile (the button is then disabled).
  if (skip) await page.evaluate(() => document.getElementById('skip')?.click())
  await page.waitForFunction(() => document.body.dataset.state === 'finished')
}

/** The data-value of each element with this test id, in page order, as numbers. */
export async function values(page: Page, testId: string): Promise<string[]> {
  return page.locator(`[data-testid="${testId}"]`).evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.value ?? ''))
}
