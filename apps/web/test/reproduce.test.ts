// A link reproduces the Node API's numbers bit for bit: data-value = String(x) of engine.train.
import { readFileSync } from 'node:fs'
import { createEngine, type Engine, type TrainOptions } from '@weight-decay/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, browserAvailable, finished, openPage, startLab, values, type Lab } from './browser.js'

const CASES: { name: string; query: string; config: TrainOptions; lambdas: number[] }[] = [
  { name: 'float32, three λ', query: '?lambda=0,3,10&dtype=float32', config: { dtype: 'float32' }, lambdas: [0, 3, 10] },
  { name: 'float64, string seed', query: '?lambda=0.5,10&dtype=float64&seed=hello%20world', config: { dtype: 'float64', seed: 'hello world' }, lambdas: [0.5, 10] },
  { name: 'integer seed, other sizes', query: '?lambda=1e-3,2&seed=42&numInputs=50&nTrain=30&nTest=40&batchSize=7&epochs=37&evalEvery=4&lr=0.01', config: { seed: 42, numInputs: 50, nTrain: 30, nTest: 40, batchSize: 7, epochs: 37, evalEvery: 4, lr: 0.01 }, lambdas: [1e-3, 2] },
  { name: 'l1 and elastic, no shuffle', query: '?lambda=0.01&penalty=elastic&l1Ratio=0.7&shuffle=false&noiseStd=0.1&trueW=0.02&trueB=-1&initStd=0.5&dtype=float64', config: { penalty: 'elastic', l1Ratio: 0.7, shuffle: false, noiseStd: 0.1, trueW: 0.02, trueB: -1, initStd: 0.5, dtype: 'float64' }, lambdas: [0.01] },
  { name: 'a string seed with markup characters', query: `?lambda=10&seed=${encodeURIComponent('<b>x</b> & "y"')}`, config: { seed: '<b>x</b> & "y"' }, lambdas: [10] },
]

describe.skipIf(!browserAvailable())('URL state reproduces the Node API', () => {
  let lab: Lab
  let engine: Engine
  beforeAll(async () => {
    ;[lab, engine] = await Promise.all([startLab(), createEngine()])
  })
  afterAll(() => lab?.close())

  for (const c of CASES) {
    it(c.name, async () => {
      const { page, problems } = await openPage(lab, c.query)
      await finished(page)
      const expected = c.lambdas.map((lambda) => engine.train({ ...c.config, lambda }))
      expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
      expect(await values(page, 'test-loss')).toEqual(expected.map((r) => String(r.testLoss)))
      expect(await values(page, 'train-loss')).toEqual(expected.map((r) => String(r.trainLoss)))
      // The page rewrote the link with every key; opening it again gives the same bits.
      const again = await openPage(lab, new URL(page.url()).search)
      await finished(again.page)
      expect(await values(again.page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
      expect([...problems, ...again.problems]).toEqual([])
    })
  }

  it('replays a λ changed mid-run ("0@40:10") from the current weights', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,0@40:10,10@30:0@60:3')
    await finished(page)
    const schedule = (start: number, changes: [number, number][]) => {
      const t = engine.trainer({ lambda: start })
      for (const [epoch, lambda] of changes) {
        t.step(epoch - t.epoch)
        t.update({ lambda })
      }
      t.step()
      const r = t.result()
      t.dispose()
      return r
    }
    const expected = [schedule(0, []), schedule(0, [[40, 10]]), schedule(10, [[30, 0], [60, 3]])]
    expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
    expect(await values(page, 'test-loss')).toEqual(expected.map((r) => String(r.testLoss)))
    // Not the same as a run at either λ alone: the change did something.
    expect(expected[0]!.wNorm).toBe(engine.train({ lambda: 0 }).wNorm)
    expect(expected[1]!.wNorm).not.toBe(engine.train({ lambda: 0 }).wNorm)
    expect(expected[1]!.wNorm).not.toBe(engine.train({ lambda: 10 }).wNorm)
    await page.locator('section:has(#live-title)').screenshot({ path: `${ARTIFACTS}training-lambda-change.png` })
    expect(problems).toEqual([])
  })

  it('reproduces a link with 30 λ changes and a continued run, bit for bit, opened twice', async () => {
    // Before the fix the page kept 20 changes: the reopened link ended elsewhere (6.54 became 5.78).
    const changes = Array.from({ length: 30 }, (_, i) => [3 * (i + 1), [0, 10, 0.5, 3, 0, 7.9, 6.31][i % 7]!] as [number, number])
    const item = ['0', ...changes.map(([e, l]) => `${e}:${l}`)].join('@')
    const continued = '10@100:0@130:3'
    const run = (start: number, list: [number, number][]) => {
      const t = engine.trainer({ lambda: start })
      let end = 100
      for (const [epoch, lambda] of list) {
        t.step(epoch - t.epoch)
        if (epoch >= end) end = epoch + 100
        t.update({ lambda, epochs: end })
      }
      t.step()
      const r = t.result()
      t.dispose()
      return r
    }
    const expected = [run(0, changes), run(10, [[100, 0], [130, 3]])]
    expect(expected[0]!.wNorm).not.toBe(run(0, changes.slice(0, 20)).wNorm)
    const { page, problems } = await openPage(lab, `?lambda=${item},${continued}`)
    await finished(page)
    expect(await values(page, 'w-norm')).toEqual(expected.map((r) => String(r.wNorm)))
    expect(await values(page, 'test-loss')).toEqual(expected.map((r) => String(r.testLoss)))
    expect(new URL(page.url()).searchParams.get('lambda')).toBe(`${item},${continued}`)
    const again = await openPage(lab, new URL(page.url()).search)
    await finished(again.page)
    expect(await values(again.page, 'test-loss')).toEqual(expected.map((r) => String(r.testLoss)))
    expect(await again.page.locator('[data-testid="notice"]').count()).toBe(0)
    expect([...problems, ...again.problems]).toEqual([])
  })

  it('exports JSON and CSV holding the same full-precision numbers', async () => {
    const { page, problems } = await openPage(lab, '?lambda=0,10&dtype=float64&seed=export')
    await finished(page)
    const shown = await values(page, 'w-norm')
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')])
    expect(json.suggestedFilename()).toBe('weight-decay-results.json')
    const data = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { runs: { wNorm: number; w: number[]; history: unknown[] }[] }
    expect(data.runs.map((r) => String(r.wNorm))).toEqual(shown)
    expect(data.runs[0]!.w).toHaveLength(200)
    expect(data.runs[0]!.history).toHaveLength(20)
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')])
    const rows = readFileSync((await csv.path())!, 'utf8').trim().split('\n').map((l) => l.split(','))
    const finals = rows.filter((r) => r[0] === 'final')
    expect(finals.map((r) => r[7])).toEqual(shown)
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')])
    const bytes = readFileSync((await png.path())!)
    expect(bytes.subarray(1, 4).toString()).toBe('PNG')
    expect(problems).toEqual([])
  })
})
