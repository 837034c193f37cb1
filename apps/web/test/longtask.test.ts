// No jank: no main-thread task over 50 ms (a "longtask") while training plays or skips to the end
// at the largest size the page allows, nor while the path, the coefficient path and double descent
// are computed (their solves run in workers). Figures go to test-results/longtasks.json.
import { writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, type Lab } from './browser.js'

interface Task {
  start: number
  duration: number
}

/** Long tasks that started after `since` (performance.now() in the page). */
async function longTasksSince(page: Page, since: number): Promise<Task[]> {
  return page.evaluate((t) => (window as unknown as { longTasks: Task[] }).longTasks.filter((x) => x.start >= t), since)
}

const record: Record<string, unknown> = {}

describe.skipIf(!browserAvailable())('no main-thread task over 50 ms', () => {
  let lab: Lab
  beforeAll(async () => {
    lab = await startLab()
  })
  afterAll(async () => {
    writeFileSync(`${ARTIFACTS}longtasks.json`, JSON.stringify(record, null, 1))
    await lab?.close()
  })

  const open = async (query: string) => {
    const watched = await openPage(lab, '')
    await watched.page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = []
      ;(window as unknown as { longTasks: typeof tasks }).longTasks = tasks
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration })
      }).observe({ type: 'longtask', buffered: true })
    })
    await watched.page.goto(lab.server.url + query)
    await watched.page.waitForFunction(() => document.body.dataset.state !== undefined)
    return watched
  }

  it('while 8 runs at the largest size (2,000,000 values each) play and skip to the end', async () => {
    const { page, problems } = await open('?lambda=0,0.01,0.1,1,3,10,30,100&numInputs=5000&nTrain=200&nTest=200&epochs=10000&evalEvery=100')
    await page.waitForFunction(() => document.body.dataset.state === 'playing')
    const t0 = await page.evaluate(() => performance.now())
    await page.waitForTimeout(2500)
    await page.click('#skip')
    await page.waitForTimeout(6000)
    await page.click('#play') // pause
    const epoch = await page.textContent('#epoch')
    const tasks = await longTasksSince(page, t0)
    record.training = { query: 'largest, 8 runs', epochReached: epoch, longTasks: tasks }
    expect(tasks, JSON.stringify(tasks)).toEqual([])
    expect(problems).toEqual([])
  })

  it('while the path, the coefficient path and double descent are computed', async () => {
    const { page, problems } = await open('?lambda=0,10&numInputs=300&nTrain=100&nTest=500&epochs=50&pathCount=8&pathSeeds=4')
    await finished(page)
    const t0 = await page.evaluate(() => performance.now())
    await page.click('#sweep-run')
    await page.click('#coef-run')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 120_000 }).toMatch(/^Coefficient path/)
    await page.click('#dd-run')
    await expect.poll(() => page.textContent('#beyond-status'), { timeout: 120_000 }).toMatch(/^Double descent|Double descent needs/)
    await expect.poll(() => page.textContent('#sweep-status'), { timeout: 120_000 }).toMatch(/^Done/)
    const tasks = await longTasksSince(page, t0)
    record.workers = { query: 'numInputs=300, path 8 λ × 4 seeds, coefficient path, double descent', longTasks: tasks }
    expect(tasks, JSON.stringify(tasks)).toEqual([])
    expect(problems).toEqual([])
  })
})
