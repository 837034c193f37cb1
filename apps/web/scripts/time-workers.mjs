// Times work the page does in its worker pool, in headless Chromium, from the click to the drawn
// chart, median of several runs:
//   coef  the coefficient path (19 λ) at the largest size the page allows (n = d = 1400)
//   cv    5-fold cross-validation over 13 λ at the same size
//   dd    double descent of the "Double descent" preset (13 sizes × 4 seeds, λ tuned by 5-fold CV)
//   [QUERY=?…] node scripts/time-workers.mjs coef|cv|dd [dist folder] [runs]
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, resolve } from 'node:path'
import { chromium } from 'playwright-core'

const which = process.argv[2] ?? 'coef'
const dist = resolve(process.argv[3] ?? new URL('../dist/', import.meta.url).pathname)
const runs = Number(process.argv[4] ?? 5)
// (1400 + 28) × 1400 = 1,999,200 values: just under the page's cap of 2,000,000, with n = d (the costliest solves).
const LARGEST = '?lambda=0,10&numInputs=1400&nTrain=1400&nTest=28&epochs=1&evalEvery=1'
const WORK = {
  coef: { query: LARGEST, button: 'coef-run', status: 'beyond-status', done: '^Coefficient path', what: 'coefficient path (19 λ), numInputs 1400, nTrain 1400, nTest 28' },
  cv: { query: LARGEST, button: 'cv-run', status: 'cv-status', done: '^Done', what: '5-fold CV over 13 λ, numInputs 1400, nTrain 1400, nTest 28' },
  dd: { query: '?lambda=0,1&trueW=0.1&noiseStd=0.5&nTrain=200', button: 'dd-run', status: 'beyond-status', done: '^Double descent', what: 'double descent, numInputs 200 (13 sizes × 4 seeds)' },
}[which]
if (!WORK) throw new Error(`which work? coef, cv or dd; got ${which}`)
// Another setting: QUERY='?numInputs=300…' node scripts/time-workers.mjs dd
if (process.env.QUERY) Object.assign(WORK, { query: process.env.QUERY, what: `${WORK.what.split(',')[0]} at ${process.env.QUERY}` })
const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' }
const server = createServer((req, res) => {
  let file = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname))
  try {
    if (statSync(file).isDirectory()) file = join(file, 'index.html')
    statSync(file)
  } catch {
    return res.writeHead(404).end()
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
  createReadStream(file).pipe(res)
})
await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
const times = []
try {
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${server.address().port}/${WORK.query}`)
  await page.waitForFunction(() => document.body.dataset.state === 'finished', null, { timeout: 120_000 })
  for (let i = 0; i <= runs; i++) {
    const ms = await page.evaluate(
      ({ button, status: id, done }) =>
        new Promise((ok) => {
          const status = document.getElementById(id)
          status.textContent = ''
          const t0 = performance.now()
          const seen = new MutationObserver(() => {
            if (new RegExp(done).test(status.textContent)) {
              seen.disconnect()
              ok(performance.now() - t0)
            }
          })
          seen.observe(status, { childList: true, characterData: true, subtree: true })
          document.getElementById(button).click()
        }),
      WORK,
    )
    // The first run also starts the workers and compiles the core in them: reported apart.
    if (i === 0) console.log(`first run (starts the workers): ${ms.toFixed(0)} ms`)
    else times.push(ms)
  }
} finally {
  await browser.close()
  server.close()
}
times.sort((a, b) => a - b)
console.log(`${dist}: ${WORK.what}: median ${times[times.length >> 1].toFixed(0)} ms of ${times.length} runs (${times.map((t) => t.toFixed(0)).join(', ')})`)
