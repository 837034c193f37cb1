// No jank: no main-thread task over 50 ms while training plays or skips to the end at the largest
// size the page allows, nor while the path, the coefficient path and double descent compute.
//
// Two measures. The `longtask` PerformanceObserver sees wall-clock time, which on a machine
// shared by more processes than it has cores includes the time the renderer waits for a core
// (seen here: 60–220 ms "long tasks" that ran 4–8 ms). So the assertion is on each main-thread
// task's own CPU time from Chrome's trace (`tdur` of RunTask on CrRendererMain), which does not
// depend on the machine's load; the observer's count must also be zero when the machine is not
// oversubscribed (load average below its cores), and is reported either way. Figures go to
// test-results/longtasks.json.
import { writeFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, type Lab } from './browser.js'

const BUDGET_MS = 50
const record: Record<string, unknown> = {}

interface TraceEvent {
  ph: string
  name: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

/** Wall and CPU milliseconds of every task the page's main thread ran while `work` ran (`load`: work opens a new document). */
async function measure(lab: Lab, page: Page, work: () => Promise<void>, load = false): Promise<{ cpu: number[]; wall: number[]; observed: number[] }> {
  const t0 = load ? 0 : await page.evaluate(() => performance.now())
  await lab.browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] })
  await work()
  const raw = JSON.parse((await lab.browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } | TraceEvent[]
  const events = Array.isArray(raw) ? raw : raw.traceEvents
  const main = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const tasks = events.filter((e) => e.ph === 'X' && /RunTask/.test(e.name) && main.some((m) => m.pid === e.pid && m.tid === e.tid))
  const observed = await page.evaluate((t) => (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks.filter((x) => x.start >= t).map((x) => x.duration), t0)
  return { cpu: tasks.map((e) => (e.tdur ?? 0) / 1000), wall: tasks.map((e) => (e.dur ?? 0) / 1000), observed }
}

const quiet = () => loadavg()[0]! < availableParallelism()

function check(name: string, m: { cpu: number[]; wall: number[]; observed: number[] }, extra: object): void {
  const longest = Math.max(0, ...m.cpu)
  const load = loadavg()[0]!
  record[name] = { ...extra, tasks: m.cpu.length, longestTaskCpuMs: longest, wallOver50: m.wall.filter((w) => w > BUDGET_MS).length, longTaskEntries: m.observed.map(Math.round), loadAverage: load, cores: availableParallelism() }
  expect(m.cpu.length).toBeGreaterThan(10)
  expect(longest, `a main-thread task ran ${longest} ms of CPU`).toBeLessThanOrEqual(BUDGET_MS)
  if (quiet()) expect(m.observed, 'longtask entries on a quiet machine').toEqual([])
  else if (m.observed.length > 0) console.warn(`\n!!! ${name}: ${m.observed.length} longtask entries (wall clock) on an oversubscribed machine (load ${load.toFixed(1)} on ${availableParallelism()} cores); each task's CPU time was at most ${longest.toFixed(1)} ms !!!\n`)
}

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
    // The first load (before the observer was installed) was cut short by this one: not a problem of the page.
    watched.problems.length = 0
    await watched.page.waitForFunction(() => document.body.dataset.state !== undefined)
    return watched
  }

  it('while 8 runs at the largest size (2,000,000 values each) play and skip to the end', async () => {
    const { page, problems } = await open('?lambda=0,0.01,0.1,1,3,10,30,100&numInputs=5000&nTrain=200&nTest=200&epochs=10000&evalEvery=100')
    await page.waitForFunction(() => document.body.dataset.state === 'playing')
    const m = await measure(lab, page, async () => {
      await page.waitForTimeout(2000)
      await page.click('#skip')
      await page.waitForTimeout(5000)
      await page.click('#play') // pause
    })
    check('training', m, { query: '8 runs, numInputs 5000, nTrain 200, nTest 200, epochs 10000: 2 s playing, 5 s skipping', epochReached: await page.textContent('#epoch') })
    expect(problems).toEqual([])
  })

  it('while the page opens with 8 runs at the largest size (each run makes its 2,000,000 values)', async () => {
    const { page, problems } = await open('')
    await page.waitForFunction(() => document.body.dataset.state === 'playing')
    const query = '?lambda=0,0.01,0.1,1,3,10,30,100&numInputs=5000&nTrain=200&nTest=200&epochs=10000&evalEvery=100'
    const m = await measure(
      lab,
      page,
      async () => {
        await page.goto(lab.server.url + query)
        await page.waitForFunction(() => document.body.dataset.state === 'playing' && document.querySelectorAll('#runs > li').length === 8)
        await page.click('#play') // pause
      },
      true,
    )
    check('load', m, { query: '8 runs, numInputs 5000, nTrain 200, nTest 200: opening the link until all 8 runs play' })
    expect(new URL(page.url()).searchParams.get('lambda')).toBe('0,0.01,0.1,1,3,10,30,100')
    expect(problems).toEqual([])
  })

  it('while cross-validation is computed at the largest size (exact optimum) and by SGD', async () => {
    // (1300 + 100) × 1400 = 1,960,000 values, n ≈ d: the costliest folds the page allows.
    const { page, problems } = await open('?lambda=0,10&numInputs=1400&nTrain=1300&nTest=100&epochs=1&evalEvery=1')
    await finished(page)
    const m = await measure(lab, page, async () => {
      await page.click('#cv-run')
      await expect.poll(() => page.textContent('#cv-status'), { timeout: 120_000 }).toMatch(/^Done: 5 folds × 13 λ values/)
    })
    check('cross-validation', m, { query: 'numInputs 1400, nTrain 1300, nTest 100: 5-fold CV of the exact optimum over 13 λ' })
    // By SGD, as the runs train (the Just-right preset's setting).
    await page.goto(`${lab.server.url}?lambda=0,1&trueW=0.1&nTrain=100&cvBy=sgd`)
    await finished(page)
    const sgd = await measure(lab, page, async () => {
      await page.click('#cv-run')
      await expect.poll(() => page.textContent('#cv-status'), { timeout: 120_000 }).toMatch(/^Done/)
    })
    check('cross-validation by SGD', sgd, { query: 'trueW 0.1, nTrain 100: 5-fold CV by SGD over 13 λ' })
    expect(problems).toEqual([])
  })

  it('while the path, the coefficient path and double descent are computed', async () => {
    const { page, problems } = await open('?lambda=0,10&numInputs=300&nTrain=100&nTest=500&epochs=50&pathCount=8&pathSeeds=4')
    await finished(page)
    const m = await measure(lab, page, async () => {
      await page.click('#sweep-run')
      await page.click('#coef-run')
      await expect.poll(() => page.textContent('#beyond-status'), { timeout: 120_000 }).toMatch(/^Coefficient path/)
      await page.click('#dd-run')
      await expect.poll(() => page.textContent('#beyond-status'), { timeout: 120_000 }).toMatch(/^Double descent/)
      await expect.poll(() => page.textContent('#sweep-status'), { timeout: 120_000 }).toMatch(/^Done/)
    })
    check('workers', m, { query: 'numInputs 300: path 8 λ × 4 seeds, coefficient path (19 λ), double descent (13 sizes × 4 seeds × 16 λ)' })
    expect(problems).toEqual([])
  })
})
