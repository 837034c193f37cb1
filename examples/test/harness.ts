// Packs the packages, lays out each example in a scratch copy with the tarball installed by npm
// (never the workspace), and runs what it builds in Node or in Chromium.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { serve, type StaticServer } from './server.js'

export const EXAMPLES = fileURLToPath(new URL('..', import.meta.url))
export const ROOT = join(EXAMPLES, '..')
/** Scratch copies live under examples/ so their builds find the bundlers installed there. */
export const WORK = join(EXAMPLES, '.work')
export const PACKS = join(WORK, 'packs')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const BIN = join(EXAMPLES, 'node_modules', '.bin')

export function run(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...options }) as string
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${command} ${args.join(' ')} failed:\n${e.stderr ?? ''}\n${e.stdout ?? ''}\n${e.message}`)
  }
}

/** Packs @weight-decay/api and @weight-decay/core with pnpm (as `pnpm publish` would) into PACKS. */
export function pack(): { api: string; core: string } {
  // WD_API_TARBALL runs the matrix against another build (e.g. an older release) instead.
  const given = process.env.WD_API_TARBALL
  rmSync(PACKS, { recursive: true, force: true })
  mkdirSync(PACKS, { recursive: true })
  for (const name of ['api', 'core']) run('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', PACKS], { cwd: join(ROOT, 'packages', name) })
  const files = readdirSync(PACKS)
  const find = (name: string) => join(PACKS, files.find((f) => f.startsWith(`weight-decay-${name}-`) && f.endsWith('.tgz'))!)
  return { api: given ?? find('api'), core: find('core') }
}

/** A scratch copy of examples/<name> with shared/experiment.js beside its main file and the tarball installed. */
export function layout(name: string, tarball: string, experimentDir = '.'): string {
  const dir = join(WORK, name)
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(EXAMPLES, name), dir, { recursive: true, filter: (src) => !/[\/](node_modules|dist)$/.test(src) })
  cpSync(join(EXAMPLES, 'shared', 'experiment.js'), join(dir, experimentDir, 'experiment.js'))
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `example-${name}`, private: true, type: 'module' }))
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', tarball], { cwd: dir })
  return dir
}

/** Runs a Node script and parses the JSON line it prints last. */
export function runNode(dir: string, script: string): unknown {
  const out = run(process.execPath, [script], { cwd: dir }).trim().split('\n')
  return JSON.parse(out.at(-1)!)
}

let browser: Browser | undefined

export async function openBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  return browser
}

export async function closeBrowser(): Promise<void> {
  await browser?.close()
  browser = undefined
}

export interface PageRun {
  result: unknown
  /** Uncaught errors and console errors, for the report. */
  problems: string[]
}

/** Loads a page, waits for the example to set `__result` (or `__error`) and returns it. */
export async function runPage(url: string): Promise<PageRun> {
  const page = await (await openBrowser()).newPage()
  const problems: string[] = []
  // An uncaught error (e.g. a module that fails to load) ends the wait at once.
  let failed: (error: Error) => void = () => {}
  const uncaught = new Promise<never>((_, reject) => (failed = reject))
  uncaught.catch(() => {})
  page.on('pageerror', (e) => {
    problems.push(`pageerror: ${e.message}`)
    failed(new Error(`${url}: uncaught ${e.message}`))
  })
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)))
  try {
    await page.goto(url)
    await Promise.race([page.waitForFunction(() => '__result' in globalThis || '__error' in globalThis, null, { timeout: 120_000 }), uncaught])
    const { result, error } = await page.evaluate(() => ({ result: (globalThis as { __result?: unknown }).__result, error: (globalThis as { __error?: string }).__error }))
    if (error) throw new Error(`${url}: ${error}\n${problems.join('\n')}`)
    return { result, problems }
  } finally {
    await page.close()
  }
}

export async function withServer<T>(root: string, use: (server: StaticServer) => Promise<T>, options: { cors?: boolean } = {}): Promise<T> {
  const server = await serve(root, options)
  try {
    return await use(server)
  } finally {
    await server.close()
  }
}
