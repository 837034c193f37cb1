// The consumer matrix: the packed tarball installed into fresh example projects, built with
// each bundler, run in Node or Chromium, and compared bit for bit with the workspace engine.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as workspace from '@weight-decay/api'
import { createServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error plain JavaScript shared with the examples
import { experiment } from '../shared/experiment.js'
import { BIN, CHROMIUM, closeBrowser, layout, pack, ROOT, run, runNode, runPage, withServer } from './harness.js'

type Result = { runs: { wNorm: number }[]; urlEntry?: number; factory?: Result }
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Result

let tarballs: { api: string; core: string }
let reference: Result

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium), or set CHROMIUM_PATH`)
  tarballs = pack()
  reference = json(await experiment(workspace))
  // The pool's bits are the engine's: check that once on the reference side too.
  const engine = await workspace.createEngine()
  expect(json({ runs: [], sweep: engine.sweep({ lambdas: [0, 1, 3, 10], seeds: 3 }).rows })).toEqual(json({ runs: [], sweep: (reference as unknown as { sweep: unknown }).sweep }))
}, 120_000)
afterAll(closeBrowser)

/** The example's numbers must equal the workspace engine's bit for bit (JSON keeps every double exactly). */
function expectSameBits(got: unknown): void {
  const { urlEntry, factory, ...rest } = json(got)
  expect(rest).toEqual(reference)
  if (urlEntry !== undefined) expect(urlEntry).toBe(reference.runs[1]!.wNorm)
  if (factory !== undefined) expect(factory).toEqual(reference)
}

/** Bundles must not carry the build machine's paths (webpack bakes `import.meta.url` in as a file: URL). */
function expectPortable(dist: string): void {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]))
  for (const file of files(dist).filter((f) => /\.(c|m)?js$/.test(f))) {
    const text = readFileSync(file, 'utf8')
    expect(text.includes('file:///') || text.includes(ROOT), file).toBe(false)
  }
}

describe('the packed packages', () => {
  it('pass publint (strict) and @arethetypeswrong/cli', () => {
    for (const tarball of [tarballs.api, tarballs.core]) run(join(BIN, 'publint'), ['run', '--strict', tarball])
    // ESM only (require() works from Node 20.19 on); the wasm subpath has no types to check.
    run(join(BIN, 'attw'), [tarballs.api, '--profile', 'esm-only', '--exclude-entrypoints', './core.wasm', '--format', 'ascii'])
  })

  it('type-check for consumers with skipLibCheck off (node16, nodenext, bundler; es2022 + @types/node, and DOM)', () => {
    const dir = layout('types', tarballs.api)
    for (const config of ['node16', 'nodenext', 'bundler-dom', 'bundler-node']) run(join(BIN, 'tsc'), ['-p', `tsconfig.${config}.json`], { cwd: dir })
  })
})

describe('consumers of the packed tarball', () => {
  it('Node ESM (both entries) and require()', () => {
    const dir = layout('node', tarballs.api)
    expectSameBits(runNode(dir, 'main.mjs'))
    expectSameBits(runNode(dir, 'main.cjs'))
  })

  it('esbuild: Node ESM, Node CommonJS and the browser', async () => {
    const dir = layout('esbuild', tarballs.api, 'src')
    run(process.execPath, ['build.mjs'], { cwd: dir })
    expectPortable(join(dir, 'dist'))
    expectSameBits(runNode(dir, 'dist/node.mjs'))
    expectSameBits(runNode(dir, 'dist/node.cjs'))
    await withServer(dir, async (server) => expectSameBits((await runPage(`${server.url}index.html`)).result))
  })

  it('webpack 5: browser and Node targets, no warnings', async () => {
    const dir = layout('webpack', tarballs.api, 'src')
    run(process.execPath, ['build.mjs'], { cwd: dir })
    expectPortable(join(dir, 'dist'))
    expectSameBits(runNode(dir, 'dist/node/main.cjs'))
    await withServer(dir, async (server) => expectSameBits((await runPage(`${server.url}index.html`)).result))
  })

  it('rollup 4 with node-resolve, in the browser', async () => {
    const dir = layout('rollup', tarballs.api, 'src')
    run(process.execPath, ['build.mjs'], { cwd: dir })
    expectPortable(join(dir, 'dist'))
    await withServer(dir, async (server) => expectSameBits((await runPage(`${server.url}index.html`)).result))
  })

  it('vite build, in the browser', async () => {
    const dir = layout('vite', tarballs.api, 'src')
    run(process.execPath, ['build.mjs'], { cwd: dir })
    expectPortable(join(dir, 'dist'))
    await withServer(join(dir, 'dist'), async (server) => expectSameBits((await runPage(`${server.url}index.html`)).result))
  })

  it('vite dev server (dependency pre-bundling), in the browser', async () => {
    const dir = layout('vite', tarballs.api, 'src')
    const server = await createServer({ root: dir, configFile: false, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } })
    try {
      await server.listen()
      expectSameBits((await runPage(`${server.resolvedUrls!.local[0]}index.html`)).result)
    } finally {
      await server.close()
    }
  })

  it('Parcel 2, in the browser', async () => {
    const dir = layout('parcel', tarballs.api, 'src')
    // Parcel keeps a cache at its project root (the repo's, found by the lockfile) even with --no-cache.
    run(join(BIN, 'parcel'), ['build', 'index.html', '--no-cache', '--cache-dir', join(dir, '.parcel-cache'), '--no-source-maps', '--dist-dir', 'dist', '--public-url', './', '--log-level', 'warn'], { cwd: dir })
    expectPortable(join(dir, 'dist'))
    await withServer(join(dir, 'dist'), async (server) => expectSameBits((await runPage(`${server.url}index.html`)).result))
  })

  it('a page with an import map and no bundler (both entries, and a worker factory)', async () => {
    const dir = layout('importmap', tarballs.api)
    await withServer(dir, async (server) => {
      const page = await runPage(`${server.url}index.html`)
      expectSameBits(page.result)
      // Same origin, so the pool's workers start from the package's own worker.js.
      expect(server.missing).toEqual([])
    })
  })

  it('cross-origin, as from a CDN (both entries)', async () => {
    const dir = layout('cdn', tarballs.api)
    await withServer(
      join(dir, 'node_modules', '@weight-decay', 'api'),
      (cdn) =>
        withServer(dir, async (site) => {
          const html = join(dir, 'index.html')
          writeFileSync(html, readFileSync(html, 'utf8').replaceAll('CDN_ORIGIN', cdn.url.replace(/\/$/, '')))
          expectSameBits((await runPage(`${site.url}index.html`)).result)
        }),
      { cors: true },
    )
  })
})
