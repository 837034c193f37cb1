// The streaming CSV reader through the built binary: delimiters, comments, stdin, --exclude,
// --test-fraction 0, --split-out, duplicate headers and endless lines.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, folder, regressionRows, toCsvText } from './run.js'

const rows = regressionRows(30, 4, 3)
const names = ['a', 'b', 'c', 'd', 'y']
const comma = toCsvText(rows, names)
const dir = folder({
  'comma.csv': comma,
  'semi.csv': comma.replaceAll(',', ';'),
  'tab.csv': comma.replaceAll(',', '\t'),
  'comments.csv': '# exported by hand\n# units: none\n' + comma.split('\n').map((l, i) => (i === 3 ? `${l}\n#a comment between rows` : l)).join('\n'),
  'dup.csv': 'a,b,a,y\n1,2,3,4\n5,6,7,8\n',
  'ids.csv': toCsvText(rows, names).split('\n').map((l, i) => (l === '' ? l : `${i === 0 ? 'id' : `p${i}`},${l}`)).join('\n'),
  'noc.csv': toCsvText(rows.map((r) => [r[0]!, r[2]!, r[4]!]), ['a', 'c', 'y']),
})
const OPTS = ['--lambda', '0.1', '--dtype', 'float64', '--format', 'json']
const solve = (args: string[], input?: string) => {
  const out = cli(['solve', ...args, ...OPTS], { cwd: dir, ...(input === undefined ? {} : { input }) })
  expect(out.stderr).toBe('')
  expect(out.code).toBe(0)
  return JSON.parse(out.stdout) as { w: number[]; b: number; testLoss: number | null; config: { data: Record<string, unknown> } }
}
const figures = (r: { w: number[]; b: number }) => ({ w: r.w, b: r.b })

describe('CSV input', () => {
  const base = figures(solve(['--data', 'comma.csv']))

  it('semicolon and tab files are detected; --delimiter says it outright', () => {
    expect(figures(solve(['--data', 'semi.csv']))).toEqual(base)
    expect(figures(solve(['--data', 'tab.csv']))).toEqual(base)
    expect(figures(solve(['--data', 'semi.csv', '--delimiter', ';']))).toEqual(base)
    expect(solve(['--data', 'semi.csv']).config.data.delimiter).toBe(';')
    // Told the wrong delimiter, the file is one column of text.
    expect(cli(['solve', '--data', 'semi.csv', '--delimiter', ','], { cwd: dir }).code).toBe(2)
  })

  it('# comment lines are skipped', () => {
    expect(figures(solve(['--data', 'comments.csv']))).toEqual(base)
  })

  it('--data - reads stdin', () => {
    const r = solve(['--data', '-'], comma)
    expect(figures(r)).toEqual(base)
    expect(r.config.data.file).toBe('stdin')
  })

  it('--exclude drops columns by name or number, as if they were not in the file', () => {
    const r = solve(['--data', 'comma.csv', '--exclude', 'b,4'])
    expect(figures(r)).toEqual(figures(solve(['--data', 'noc.csv'])))
    expect(r.config.data).toMatchObject({ features: ['a', 'c'], excluded: ['b', 'd'], target: 'y' })
    const unknown = cli(['solve', '--data', 'comma.csv', '--exclude', 'zz'], { cwd: dir })
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/--exclude "zz" is not a column of comma\.csv/)
    expect(cli(['solve', '--data', 'comma.csv', '--exclude', 'y'], { cwd: dir }).stderr).toMatch(/--exclude "y" is the target column/)
  })

  it('a text column: an error suggesting --exclude, and --exclude leaves it unparsed', () => {
    const out = cli(['solve', '--data', 'ids.csv'], { cwd: dir })
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/ids\.csv: line 2, column 1 \("id"\): "p1" is not a finite number; every cell must be a number \(leave a text column out with --exclude "id"\)/)
    expect(figures(solve(['--data', 'ids.csv', '--exclude', 'id']))).toEqual(base)
  })

  it('--test-fraction 0 trains on every row and has no test loss', () => {
    const r = solve(['--data', 'comma.csv', '--test-fraction', '0'])
    expect(r.testLoss).toBeNull()
    expect(r.config.data).toMatchObject({ testFraction: 0, rows: { train: 30, test: 0 } })
    const table = cli(['train', '--data', 'comma.csv', '--test-fraction', '0', '--epochs', '5'], { cwd: dir })
    expect(table.code).toBe(0)
    expect(table.stdout).toContain('test loss — (no test set)')
  })

  it('--split-out writes where each row went, matching the run', () => {
    const out = cli(['solve', '--data', 'comma.csv', '--split-out', 'split.csv', ...OPTS], { cwd: dir })
    expect(out.code).toBe(0)
    const r = JSON.parse(out.stdout) as { config: { data: { rows: { train: number; test: number } } } }
    const split = readFileSync(join(dir, 'split.csv'), 'utf8').trim().split('\n')
    expect(split[0]).toBe('row,set')
    expect(split).toHaveLength(31)
    expect(split.filter((l) => l.endsWith(',test'))).toHaveLength(r.config.data.rows.test)
    expect(split[1]).toMatch(/^1,(train|test)$/)
    expect(cli(['solve', '--data', 'comma.csv', '--test-data', 'comma.csv', '--split-out', 's.csv'], { cwd: dir }).code).toBe(2)
  })

  it('a duplicate header name is an error naming both columns', () => {
    const out = cli(['solve', '--data', 'dup.csv'], { cwd: dir })
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/dup\.csv: line 1: columns 1 and 3 are both named "a"; header names must be unique/)
  })

  it.skipIf(!existsSync('/dev/zero'))('--data /dev/zero stops at the line bound with a message, not a memory blow-up', () => {
    const out = cli(['solve', '--data', '/dev/zero'])
    expect(out.code).toBe(2)
    expect(out.stderr).toMatch(/\/dev\/zero: line 1 is longer than 16 MiB without a line break; this is not a CSV file of numbers/)
  })

  it('a sweep’s JSON config names the validation share too', () => {
    const out = cli(['sweep', '--data', 'comma.csv', '--lambdas', '0.1', '--seeds', '1', '--epochs', '2', '--valid-fraction', '0.3', '--format', 'json'], { cwd: dir })
    expect(out.code).toBe(0)
    expect((JSON.parse(out.stdout) as { config: unknown }).config).toMatchObject({ validFraction: 0.3, standardize: true, data: { file: 'comma.csv', testFraction: 0.2 } })
  })

  it('the JSON config of a CSV run names the file and not the synthetic keys', () => {
    const r = solve(['--data', 'comma.csv'])
    expect(r.config.data).toMatchObject({ file: 'comma.csv', target: 'y', features: ['a', 'b', 'c', 'd'], testFraction: 0.2 })
    for (const key of ['trueW', 'trueB', 'noiseStd', 'numInputs', 'nTrain', 'nTest']) expect(r.config).not.toHaveProperty(key)
    expect(r.config).toHaveProperty('standardize', true)
  })
})
