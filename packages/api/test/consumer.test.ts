// Installs the packed package into a scratch project and uses it as another project would.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createEngine } from '../dist/index.js'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

describe('the packed package in a fresh project', () => {
  const project = mkdtempSync(join(tmpdir(), 'wd-consumer-'))
  afterAll(() => rmSync(project, { recursive: true, force: true }))

  it('installs from its tarball and trains, solves and uses a worker pool from plain Node ESM', async () => {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', project], { cwd: packageDir, stdio: 'pipe' })
    const tarball = readdirSync(project).find((f) => f.endsWith('.tgz'))!
    const target = join(project, 'node_modules', '@weight-decay', 'api')
    mkdirSync(target, { recursive: true })
    execFileSync('tar', ['-xzf', join(project, tarball), '-C', target, '--strip-components=1'])
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }))
    writeFileSync(
      join(project, 'main.js'),
      `import { createEngine, createWorkerPool, DEFAULT_CONFIG, ConfigError } from '@weight-decay/api'
const engine = await createEngine()
const r = engine.train({ lambda: 3, seed: 'consumer' })
let error = null
try { engine.train({ lamda: 1 }) } catch (e) { error = e instanceof ConfigError ? e.message : 'wrong type' }
const pool = await createWorkerPool({ size: 1 })
const pooled = await pool.train({ lambda: 3, seed: 'consumer' })
await pool.terminate()
console.log(JSON.stringify({ wNorm: r.wNorm, pooled: pooled.wNorm, epochs: DEFAULT_CONFIG.epochs, error, optimum: engine.solve({ lambda: 3 }).wNorm }))
`,
    )
    const out = JSON.parse(execFileSync(process.execPath, ['main.js'], { cwd: project, encoding: 'utf8' })) as Record<string, unknown>
    const engine = await createEngine()
    expect(out.wNorm).toBe(engine.train({ lambda: 3, seed: 'consumer' }).wNorm)
    expect(out.pooled).toBe(out.wNorm)
    expect(out.epochs).toBe(100)
    expect(out.error).toMatch(/did you mean lambda\?/)
    expect(out.optimum).toBe(engine.solve({ lambda: 3 }).wNorm)
  })
})
