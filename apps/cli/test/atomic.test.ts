// Every file the CLI writes is complete or absent: written to a temporary name and renamed.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { cli, folder } from './run.js'

const DATA = fileURLToPath(new URL('../../../data/diabetes.csv', import.meta.url))

/** A 1 MiB tmpfs, when this process may mount one (root in a container with the capability). */
function tinyDisk(): string | undefined {
  const dir = folder()
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' })
  return r.status === 0 ? dir : undefined
}
const disk = tinyDisk()
if (!disk) console.warn('NOTE: cannot mount a tmpfs here (needs root); the full-disk cases are skipped, the rename case still runs')
afterAll(() => {
  if (disk) spawnSync('umount', [disk])
})

/** What a full-disk write must leave: the old content (or nothing) and no temporary file. */
function expectUntouched(dir: string, file: string, before: string | undefined) {
  const left = readdirSync(dir).filter((f) => f.endsWith('.tmp'))
  expect(left).toEqual([])
  if (before === undefined) expect(readdirSync(dir)).not.toContain(file)
  else expect(readFileSync(join(dir, file), 'utf8')).toBe(before)
}

describe.skipIf(!disk)('on a full disk (1 MiB tmpfs)', () => {
  // Fill the disk but a few hundred bytes.
  const fill = () => {
    const pad = join(disk!, 'pad')
    writeFileSync(pad, '')
    for (let size = 1 << 20; size > 0; size >>= 1) {
      for (;;) {
        try {
          writeFileSync(pad, Buffer.alloc(size), { flag: 'a' })
        } catch {
          break // full at this size; try smaller pieces
        }
      }
    }
  }
  const cases: [string, (dir: string) => string[], string][] = [
    ['sweep --plot', (d) => ['sweep', '--lambdas', '0,1,10', '--seeds', '1', '--epochs', '5', '--plot', join(d, 'p.svg')], 'p.svg'],
    ['train --plot', (d) => ['train', '--epochs', '5', '--plot', join(d, 't.svg')], 't.svg'],
    ['solve --save', (d) => ['solve', '--data', DATA, '--save', join(d, 'm.json')], 'm.json'],
    ['--split-out', (d) => ['solve', '--data', DATA, '--split-out', join(d, 's.csv')], 's.csv'],
    ['sweep --coef-path', (d) => ['sweep', '--data', DATA, '--lambdas', '0.1,1', '--seeds', '1', '--epochs', '2', '--coef-path', join(d, 'c.csv')], 'c.csv'],
  ]
  for (const [what, args, file] of cases) {
    it(`${what}: exit 1, one line, no half-written file, the old file kept`, () => {
      const sub = join(disk!, what.replace(/\W+/g, '_'))
      mkdirSync(sub)
      writeFileSync(join(sub, file), 'old content\n')
      fill()
      let out
      try {
        out = cli(args(sub))
      } finally {
        unlinkSync(join(disk!, 'pad'))
      }
      expect(out.code).toBe(1)
      expect(out.stderr).toMatch(new RegExp(`^error: cannot write .*${file.replace('.', '\\.')}: no space left on device \\(nothing was written\\)\\n$`))
      expectUntouched(sub, file, 'old content\n')
      // With room again, the same command writes the file.
      expect(cli(args(sub)).code).toBe(0)
      expect(readFileSync(join(sub, file), 'utf8')).not.toBe('old content\n')
    })
  }
})

it('a rename that fails (the target is a folder) removes the temporary file', () => {
  const dir = folder()
  mkdirSync(join(dir, 'p.svg'))
  const out = cli(['train', '--epochs', '5', '--plot', join(dir, 'p.svg')])
  expect(out.code).toBe(1)
  expect(out.stderr).toMatch(/^error: cannot write .*p\.svg: /)
  expect(readdirSync(dir)).toEqual(['p.svg'])
})
