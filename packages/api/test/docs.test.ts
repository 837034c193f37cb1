// The API reference builds from the doc comments with TypeDoc without a warning: no undocumented
// public member, broken {@link} or public type left unexported. Members of inline object types
// (`diverged: { epoch }`) are exempt: their property's comment describes them.
import { spawnSync } from 'node:child_process'
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
      const run = spawnSync(TYPEDOC, ['--out', out], { cwd: PACKAGE, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } })
      const log = `${run.stdout}${run.stderr}`
      if (run.status !== 0) throw new Error(`typedoc failed (run \`pnpm docs\` in packages/api to see it):\n${log}`)
      const warnings = log
        .split('\n')
        .filter((line) => /\[warning\]/.test(line) && !/Found \d+ errors and \d+ warnings/.test(line))
        .filter((line) => !/\.__type\.\w+ \(Property\), defined in .* does not have any documentation/.test(line))
      expect(warnings).toEqual([])
      expect(existsSync(join(out, 'README.md'))).toBe(true)
      expect(existsSync(join(out, '@weight-decay', 'api', 'functions', 'createEngine.md'))).toBe(true)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 120_000)
})
