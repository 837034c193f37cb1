// Where the wasm and the pool's workers come from, and what the errors say when they cannot load.
import { readFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { createEngine, createWorkerPool } from '../dist/index.js'
import * as url from '../dist/url.js'

const WASM = fileURLToPath(new URL('../wasm/core.wasm', import.meta.url))
const WORKER = new URL('../dist/worker.js', import.meta.url)
const reference = (await createEngine()).train({ lambda: 3, seed: 'load' })
const same = (r: { w: Float64Array; wNorm: number }) => {
  expect(r.wNorm).toBe(reference.wNorm)
  expect(Array.from(r.w)).toEqual(Array.from(reference.w))
}

describe('the wasm', () => {
  it('gives the same bits embedded, from the file entry, as bytes, as a module, and from a path', async () => {
    const bytes = readFileSync(WASM)
    same((await url.createEngine()).train({ lambda: 3, seed: 'load' }))
    same((await createEngine({ wasm: bytes })).train({ lambda: 3, seed: 'load' }))
    same((await createEngine({ wasm: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) })).train({ lambda: 3, seed: 'load' }))
    same((await createEngine({ wasm: await WebAssembly.compile(bytes) })).train({ lambda: 3, seed: 'load' }))
    same((await createEngine({ wasm: pathToFileURL(WASM) })).train({ lambda: 3, seed: 'load' }))
    same((await createEngine({ wasm: WASM })).train({ lambda: 3, seed: 'load' }))
  })

  it('resolves a relative string against the working directory, not the package', async () => {
    const fromCwd = relative(process.cwd(), WASM)
    same((await createEngine({ wasm: fromCwd })).train({ lambda: 3, seed: 'load' }))
    // Relative to the package's dist/ this would exist; relative to the cwd it does not.
    await expect(createEngine({ wasm: '../wasm/core.wasm' })).rejects.toThrow(`cannot load the core's wasm from ${pathToFileURL(`${dirname(process.cwd())}/wasm/core.wasm`).href}`)
  })

  it('names the URL that failed and what to pass', async () => {
    await expect(createEngine({ wasm: '/nowhere/core.wasm' })).rejects.toThrow(/cannot load the core's wasm from file:\/\/\/nowhere\/core\.wasm: ENOENT.*pass createEngine\(\{ wasm \}\)/)
    await expect(createEngine({ wasm: 'http://127.0.0.1:9/core.wasm' })).rejects.toThrow(/cannot load the core's wasm from http:\/\/127\.0\.0\.1:9\/core\.wasm: .*pass createEngine\(\{ wasm \}\)/)
    await expect(createEngine({ wasm: 42 as never })).rejects.toThrow(/wasm must be a URL, a string, bytes or a WebAssembly.Module/)
  })
})

describe('the worker pool', () => {
  it('starts workers from a URL of worker.js and from a factory, with the same bits', async () => {
    for (const worker of [WORKER, fileURLToPath(WORKER), () => new Worker(WORKER)]) {
      const pool = await createWorkerPool({ size: 1, worker })
      try {
        same(await pool.train({ lambda: 3, seed: 'load' }))
      } finally {
        await pool.terminate()
      }
    }
  })

  it('names the worker URL that failed and what to pass', async () => {
    const pool = await createWorkerPool({ size: 1, worker: '/nowhere/worker.js' })
    try {
      await expect(pool.train({ lambda: 3 })).rejects.toThrow(/the worker from file:\/\/\/nowhere\/worker\.js failed: .*pass createWorkerPool\(\{ worker \}\)/)
    } finally {
      await pool.terminate()
    }
  })

  it('says so when a factory throws', async () => {
    const pool = await createWorkerPool({
      size: 1,
      worker: () => {
        throw new Error('no workers here')
      },
    })
    try {
      await expect(pool.train({ lambda: 3 })).rejects.toThrow('the worker factory passed to createWorkerPool threw: no workers here')
    } finally {
      await pool.terminate()
    }
  })
})
