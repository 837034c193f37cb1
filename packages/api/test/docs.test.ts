// The API reference builds from the doc comments with TypeDoc, which fails on any warning: an
// undocumented public member, a broken {@link}, or a public type that is not exported.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const PACKAGE = fileURLToPath(new URL('..', import.meta.url))
const TYPEDOC = fileURLToPath(new URL('../../../node_modules/.bin/typedoc', import.meta.url))

describe('API reference', () => {
  it('builds with TypeDoc without a warning (every public member documented)', () => {
    const out = mkdtempSync(join(tmpdir(), 'wd-docs-'))
    try {
      try {
        execFileSync(TYPEDOC, ['--out', out], { cwd: PACKAGE, stdio: 'pipe', encoding: 'utf8' })
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string }
        throw new Error(`typedoc failed (run \`pnpm docs\` in packages/api to see it):\n${e.stdout ?? ''}${e.stderr ?? ''}`)
      }
      expect(existsSync(join(out, 'README.md'))).toBe(true)
      expect(existsSync(join(out, '@weight-decay', 'api', 'functions', 'createEngine.md'))).toBe(true)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 120_000)
})
