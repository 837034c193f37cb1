// The chart as a standalone SVG file: log axes with grid, labels, legend; paths from d3-shape.
import { area, line } from 'd3-shape'
import { cleanPoints, drawable, makeScales, type ChartSpec, type Point } from './scales.js'

/** matplotlib's default colours (the book's plots), in order. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b']

const WIDTH = 760
const HEIGHT = 460
const MARGIN = { top: 44, right: 24, bottom: 56, left: 72 }
const LEGEND_ROW = 18

/** Escapes text and attribute values for XML. */
export function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
}

const num = (v: number) => String(Math.round(v * 100) / 100)

/** The chart as an SVG document (a note in place of the plot when nothing is finite and positive). */
export function renderSvg(spec: ChartSpec): string {
  if (!drawable(spec)) {
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
      `<title>${xml(spec.title)}</title>`,
      `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
      `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" font-size="15">no finite loss to plot on a log scale</text>`,
      '</svg>',
      '',
    ].join('\n')
  }
  const legendHeight = spec.series.length * LEGEND_ROW + (spec.marker ? LEGEND_ROW : 0) + 8
  const x0 = MARGIN.left
  const x1 = WIDTH - MARGIN.right
  const y0 = HEIGHT - MARGIN.bottom
  const y1 = MARGIN.top
  const s = makeScales(spec, [x0, x1], [y0, y1], 36, { x: 8, y: 10 })
  const out: string[] = []
  out.push('<?xml version="1.0" encoding="UTF-8"?>')
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">`)
  out.push(`<title>${xml(spec.title)}</title>`)
  out.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`)
  out.push(`<defs><clipPath id="plot-area"><rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}"/></clipPath></defs>`)
  out.push(`<text class="title" x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">${xml(spec.title)}</text>`)
  // Grid and axes.
  out.push('<g class="grid" stroke="#e5e5e5" stroke-width="1">')
  for (const t of s.yTicks) out.push(`<line x1="${x0}" x2="${x1}" y1="${num(t.at)}" y2="${num(t.at)}"/>`)
  for (const t of s.xTicks) out.push(`<line x1="${num(t.at)}" x2="${num(t.at)}" y1="${y1}" y2="${y0}"/>`)
  out.push('</g>')
  out.push(`<g class="axis y" data-scale="${spec.yLog === false ? 'linear' : 'log'}" font-size="11" text-anchor="end">`)
  for (const t of s.yTicks) out.push(`<text x="${x0 - 6}" y="${num(t.at + 4)}">${xml(t.label)}</text>`)
  out.push('</g>')
  out.push(`<g class="axis x" data-scale="${spec.xLog ? 'log' : 'linear'}" font-size="11" text-anchor="middle">`)
  for (const t of s.xTicks) out.push(`<text x="${num(t.at)}" y="${y0 + 16}">${xml(t.label)}</text>`)
  out.push('</g>')
  out.push(`<rect class="frame" x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#333333"/>`)
  out.push(`<text class="label x" x="${(x0 + x1) / 2}" y="${HEIGHT - 14}" text-anchor="middle" font-size="13">${xml(spec.xLabel)}</text>`)
  out.push(`<text class="label y" transform="translate(18 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle" font-size="13">${xml(spec.yLabel)}</text>`)
  // Data.
  const px = (p: Point) => s.x(p.x)
  const py = (p: Point) => s.y(p.y)
  out.push('<g class="data" clip-path="url(#plot-area)" fill="none" stroke-width="2">')
  spec.series.forEach((series) => {
    const color = PALETTE[series.color % PALETTE.length]!
    const points = cleanPoints(series.points, spec)
    out.push(`<g class="series" data-label="${xml(series.label)}" data-points="${points.length}">`)
    const band = (series.band ?? []).filter((b) => b.lo > 0 && b.hi > 0 && Number.isFinite(b.lo) && Number.isFinite(b.hi)).sort((a, b) => a.x - b.x)
    if (band.length > 1) {
      const d = area<{ x: number; lo: number; hi: number }>()
        .x((b) => s.x(b.x))
        .y0((b) => s.y(b.lo))
        .y1((b) => s.y(b.hi))(band)
      out.push(`<path class="band" d="${d}" fill="${color}" fill-opacity="0.15" stroke="none"/>`)
    }
    const d = line<Point>().x(px).y(py)(points)
    if (d) out.push(`<path class="line" d="${d}" stroke="${color}"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`)
    for (const p of points) out.push(`<circle cx="${num(px(p))}" cy="${num(py(p))}" r="2.5" fill="${color}" stroke="none"/>`)
    out.push('</g>')
  })
  if (spec.marker) {
    const mx = num(s.x(spec.marker.x))
    out.push(`<line class="marker" x1="${mx}" x2="${mx}" y1="${y1}" y2="${y0}" stroke="#555555" stroke-width="1" stroke-dasharray="2 3"/>`)
  }
  out.push('</g>')
  // Legend, top right inside the plot.
  const legendWidth = 16 + 34 + 7 * Math.max(...spec.series.map((x) => x.label.length), spec.marker ? spec.marker.label.length : 0)
  const lx = x1 - legendWidth - 10
  const ly = y1 + 10
  out.push(`<g class="legend" transform="translate(${lx} ${ly})">`)
  out.push(`<rect width="${legendWidth}" height="${legendHeight}" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc"/>`)
  spec.series.forEach((series, i) => {
    const color = PALETTE[series.color % PALETTE.length]!
    const y = 14 + i * LEGEND_ROW
    out.push(`<line x1="8" x2="36" y1="${y - 4}" y2="${y - 4}" stroke="${color}" stroke-width="2"${series.dashed ? ' stroke-dasharray="6 4"' : ''}/>`)
    out.push(`<text x="42" y="${y}">${xml(series.label)}</text>`)
  })
  if (spec.marker) {
    const y = 14 + spec.series.length * LEGEND_ROW
    out.push(`<line x1="22" x2="22" y1="${y - 12}" y2="${y + 2}" stroke="#555555" stroke-dasharray="2 3"/>`)
    out.push(`<text x="42" y="${y}">${xml(spec.marker.label)}</text>`)
  }
  out.push('</g>')
  out.push('</svg>')
  return out.join('\n') + '\n'
}
