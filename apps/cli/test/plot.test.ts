import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { createEngine, type Engine } from '@weight-decay/api'
import { cli, folder, regressionRows, toCsvText } from './run.js'

let engine: Engine
beforeAll(async () => {
  engine = await createEngine()
})

interface SeriesInfo {
  label: string
  points: number
  /** Vertices of the line path (M plus each L). */
  vertices: number
  dashed: boolean
  band: boolean
}

/** Checks the file is well-formed XML and returns what the chart holds. */
function readSvg(file: string) {
  const text = readFileSync(file, 'utf8')
  expect(XMLValidator.validate(text)).toBe(true)
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['g', 'path', 'text', 'circle', 'line'].includes(name) }).parse(text) as {
    svg: { xmlns: string; title: string; text: (string | { '#text': string; class?: string })[]; g: Record<string, unknown>[] }
  }
  const svg = doc.svg
  expect(svg.xmlns).toBe('http://www.w3.org/2000/svg')
  const groups = svg.g
  const data = groups.find((g) => g.class === 'data') as { g: { 'data-label': string; 'data-points': string; path?: { class: string; d: string; 'stroke-dasharray'?: string }[] }[] }
  const series: SeriesInfo[] = data.g.map((g) => {
    const line = g.path?.find((p) => p.class === 'line')
    return {
      label: g['data-label'],
      points: Number(g['data-points']),
      vertices: line ? (line.d.match(/[ML]/g) ?? []).length : 0,
      dashed: Boolean(line?.['stroke-dasharray']),
      band: Boolean(g.path?.some((p) => p.class === 'band')),
    }
  })
  const labels = svg.text.filter((t): t is { '#text': string; class: string } => typeof t === 'object' && String(t.class).startsWith('label')).map((t) => t['#text'])
  const axis = (cls: string) => groups.find((g) => g.class === cls) as { 'data-scale': string; text: ({ '#text': string | number } | string | number)[] }
  const tickText = (cls: string) => axis(cls).text.map((t) => String(typeof t === 'object' ? t['#text'] : t))
  const legend = (groups.find((g) => g.class === 'legend') as { text: ({ '#text': string } | string)[] }).text.map((t) => (typeof t === 'object' ? t['#text'] : t))
  return { text, title: svg.title, series, labels, xScale: axis('axis x')['data-scale'], yScale: axis('axis y')['data-scale'], xTicks: tickText('axis x'), yTicks: tickText('axis y'), legend }
}

describe('--plot FILE.svg (built binary)', () => {
  it('compare: a standalone SVG with log y axis, axis labels, legend and one series per λ and set', () => {
    const dir = folder()
    const file = join(dir, 'compare.svg')
    const out = cli(['compare', '--plot', file])
    expect(out.code).toBe(0)
    expect(out.stdout).toContain(`chart written to ${file}`)
    const svg = readSvg(file)
    expect(svg.title).toBe('train and test loss, λ = 0, 10')
    expect(svg.labels).toEqual(['epoch', 'loss (log scale)'])
    expect(svg.xScale).toBe('linear')
    expect(svg.yScale).toBe('log')
    // Log ticks are powers of ten.
    for (const t of svg.yTicks) expect(Math.log10(Number(t)) % 1).toBeCloseTo(0, 12)
    const n = engine.train({ lambda: 0 }).history.length
    expect(svg.series).toEqual([
      { label: 'λ=0 train', points: n, vertices: n, dashed: false, band: false },
      { label: 'λ=0 test', points: n, vertices: n, dashed: true, band: false },
      { label: 'λ=10 train', points: n, vertices: n, dashed: false, band: false },
      { label: 'λ=10 test', points: n, vertices: n, dashed: true, band: false },
    ])
    expect(svg.legend).toEqual(['λ=0 train', 'λ=0 test', 'λ=10 train', 'λ=10 test'])
  })

  it('sweep: log λ axis with 0 at the left, bands, the optimum and the best-λ marker', () => {
    const dir = folder()
    const file = join(dir, 'path.svg')
    const out = cli(['sweep', '--num-inputs', '40', '--epochs', '40', '--lambdas', '0,0.1:10:3:log', '--seeds', '3', '--plot', file, '--format', 'json'])
    expect(out.code).toBe(0)
    // Machine formats print only the data.
    expect(() => JSON.parse(out.stdout)).not.toThrow()
    const svg = readSvg(file)
    expect(svg.xScale).toBe('log')
    expect(svg.xTicks[0]).toBe('0')
    expect(svg.xTicks).toEqual(expect.arrayContaining(['0.1', '1', '10']))
    expect(svg.labels).toEqual(['λ (log scale)', 'loss (log scale)'])
    expect(svg.series.map((s) => [s.label, s.points, s.band])).toEqual([
      ['SGD train', 4, true],
      ['SGD test', 4, true],
      ['SGD validation', 4, true],
      ['optimum test', 4, false],
    ])
    expect(svg.legend.at(-1)).toMatch(/^best λ = /)
    expect(svg.text).toContain('class="marker"')
  })

  it('train: a run that diverges still gets a chart of its finite points; file names are escaped', () => {
    const dir = folder({ 'a&b<"c">.csv': toCsvText(regressionRows(20, 3)) })
    const file = join(dir, 'div.svg')
    const out = cli(['train', '--lr', '0.5', '--plot', file])
    expect(out.code).toBe(1)
    const svg = readSvg(file)
    expect(svg.series[0]!.points).toBe(engine.train({ lr: 0.5 }).history.length)
    expect(svg.series[0]!.points).toBeGreaterThan(0)
    const named = join(dir, 'named.svg')
    expect(cli(['train', '--data', 'a&b<"c">.csv', '--plot', named], { cwd: dir }).code).toBe(0)
    expect(readSvg(named).title).toBe('a&b<"c">.csv: train and test loss, λ = 0')
    const empty = join(dir, 'empty.svg')
    expect(cli(['train', '--lr', '1000', '--plot', empty]).code).toBe(1)
    const text = readFileSync(empty, 'utf8')
    expect(XMLValidator.validate(text)).toBe(true)
    expect(text).toContain('no finite loss to plot')
  })
})
