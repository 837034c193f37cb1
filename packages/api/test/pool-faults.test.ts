// Worker-pool fault scenarios (issue 15): a throwing progress callback, options that cannot be
// cloned while queued, a worker that exits without an 'error' event, a ConfigError from a worker.
// Each must reject the call it belongs to, never crash the process, and leave the pool usable.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, createEngine, createWorkerPool } from '../dist/index.js'

describe('worker pool faults', async () => {
  const engine = await createEngine()
  const pool = await createWorkerPool({ size: 1 })
  afterAll(() => pool.terminate())
  const usable = async () => expect((await pool.train({ lambda: 3, epochs: 5 })).wNorm).toBe(engine.train({ lambda: 3, epochs: 5 }).wNorm)

  it('an onProgress that throws rejects sweep with that error', async () => {
    const boom = new Error('boom from onProgress')
    await expect(
      pool.sweep({ lambdas: [0, 1, 3], seeds: 2, epochs: 5 }, {
        onProgress() {
          throw boom
        },
      }),
    ).rejects.toBe(boom)
    await usable()
  })

  it('an onProgress that throws rejects trainSeeds with that error', async () => {
    const boom = new Error('boom from trainSeeds')
    await expect(pool.trainSeeds({ epochs: 5 }, 3, { onProgress: () => { throw boom } })).rejects.toBe(boom)
    await usable()
  })

  it('options that cannot be cloned reject their own call (a ConfigError naming the key) when queued behind another', async () => {
    const busy = pool.train({ epochs: 3000, nTrain: 40 })
    const proxied = pool.train({ data: { xTrain: new Proxy([[1, 2], [3, 4]], {}), yTrain: [1, 2], xTest: [[1, 1]], yTest: [1] } })
    await expect(proxied).rejects.toMatchObject({ name: 'ConfigError', key: 'data.xTrain', message: expect.stringMatching(/^data\.xTrain cannot be sent to a worker/) })
    expect((await busy).wNorm).toBe(engine.train({ epochs: 3000, nTrain: 40 }).wNorm)
    await usable()
  })

  it('options that cannot be cloned reject on an idle pool too', async () => {
    await expect(pool.train({ data: { xTrain: new Proxy([[1, 2], [3, 4]], {}), yTrain: [1, 2], xTest: [[1, 1]], yTest: [1] } })).rejects.toMatchObject({ name: 'ConfigError', key: 'data.xTrain' })
    await expect(pool.solve({ numInputs: 2, init: { w: new Proxy([1, 2], {}) } })).rejects.toMatchObject({ name: 'ConfigError', key: 'init.w' })
    await usable()
  })

  it('a ConfigError raised in a worker keeps its key and its value as given (a number stays a number)', async () => {
    // init.b reads as 0 for the pool's own validation, then as Infinity when cloned for the worker.
    let reads = 0
    const init = {
      w: [1, 2],
      get b() {
        return ++reads === 1 ? 0 : Infinity
      },
    }
    const error = await pool.train({ numInputs: 2, init, epochs: 2 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).key).toBe('init.b')
    expect((error as ConfigError).value).toBe(Infinity)
    await usable()
  })

  it('a throwing onProgress on a wider pool rejects once, and the other workers are stopped', async () => {
    const wide = await createWorkerPool({ size: 2 })
    try {
      let calls = 0
      const boom = new Error('boom, wide')
      await expect(
        wide.sweep({ lambdas: [0, 0.1, 1, 3, 10, 30], seeds: 3, epochs: 50 }, {
          onProgress() {
            calls++
            throw boom
          },
        }),
      ).rejects.toBe(boom)
      await new Promise((r) => setTimeout(r, 100))
      expect(calls).toBe(1)
      expect((await wide.train({ epochs: 5 })).wNorm).toBe(engine.train({ epochs: 5 }).wNorm)
    } finally {
      await wide.terminate()
    }
  })

  it('aborting a call still queued rejects it without touching the running one', async () => {
    const busy = pool.train({ epochs: 2000, nTrain: 40 })
    const controller = new AbortController()
    const queued = pool.train({ epochs: 5 }, { signal: controller.signal })
    controller.abort()
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' })
    expect((await busy).wNorm).toBe(engine.train({ epochs: 2000, nTrain: 40 }).wNorm)
    await usable()
  })

  it('terminate rejects running and queued calls, and later calls', async () => {
    const doomed = await createWorkerPool({ size: 1 })
    const running = doomed.train({ epochs: 5000, nTrain: 40 })
    const queued = doomed.trainSeeds({ epochs: 5 }, 2)
    await doomed.terminate()
    await expect(running).rejects.toThrow(/terminated/)
    await expect(queued).rejects.toThrow(/terminated/)
    await expect(doomed.train({ epochs: 1 })).rejects.toThrow(/terminated/)
  })

  it('a worker that exits without an error event rejects its call; the pool then serves the next', () => {
    const hook = fileURLToPath(new URL('./fixtures/exit-hook.mjs', import.meta.url))
    const script = fileURLToPath(new URL('./fixtures/exit-pool.mjs', import.meta.url))
    const api = new URL('../dist/index.js', import.meta.url).href
    const child = spawnSync(process.execPath, ['--import', hook, script, api], { encoding: 'utf8', timeout: 30_000 })
    expect(child.stderr).toBe('')
    expect(child.status).toBe(0)
    expect(child.stdout).toMatch(/^rejected: a worker stopped unexpectedly \(exit code 3\)/m)
    expect(child.stdout).toMatch(/^after: \d/m)
  })
})
