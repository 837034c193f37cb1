// The chart as text: one glyph per series (readable without colour), coloured on a terminal.
import type { Colors } from '../color.js'
import { cleanPoints, drawable, makeScales, type ChartSpec } from './scales.js'

/** Terminal colours of the palette, in order. */
const PALETTE = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'] as const

interface Cell {
  ch: string
  color?: (typeof PALETTE)[number]
}

/** Renders the chart as lines of text (no trailing newline on the last), or '' when nothing is drawable. */
export function renderTerminalChart(spec: ChartSpec, colors: Colors, size: { width?: number; height?: number } = {}): string {
  if (!drawable(spec)) return ''
  const width = size.width ?? 64
  const height = size.height ?? 14
  // x in columns [0, width − 1], y in rows with row 0 at the top.
  const scales = makeScales(spec, [0, width - 1], [height - 1, 0], 5, { x: 6, y: Math.max(2, Math.floor(height / 2)) })
  const grid: Cell[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => ({ ch: ' ' })))
  const put = (row: number, col: number, cell: Cell) => {
    if (row >= 0 && row < height && col >= 0 && col < width) grid[row]![col] = cell
  }
  if (spec.marker) {
    const col = Math.round(scales.x(spec.marker.x))
    for (let r = 0; r < height; r++) put(r, col, { ch: '┊' })
  }
  // The first series is drawn last, so it stays on top where curves overlap.
  for (const s of [...spec.series].reverse()) {
    const cell: Cell = { ch: s.glyph, color: PALETTE[s.color % PALETTE.length]! }
    const pts = cleanPoints(s.points, spec).map((p) => ({ col: scales.x(p.x), row: scales.y(p.y) }))
    if (pts.length === 1) put(Math.round(pts[0]!.row), Math.round(pts[0]!.col), cell)
    let prevRow: number | undefined
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i]!
      const b = pts[i + 1]!
      const from = Math.round(a.col)
      const to = Math.round(b.col)
      for (let col = from; col <= to; col++) {
        const t = to === from ? 1 : (col - from) / (to - from)
        const row = Math.round(a.row + t * (b.row - a.row))
        // Fill the vertical run between neighbouring columns so steep drops stay connected.
        if (prevRow !== undefined && Math.abs(row - prevRow) > 1) {
          const step = Math.sign(row - prevRow)
          for (let r = prevRow + step; r !== row; r += step) put(r, col, cell)
        }
        put(row, col, cell)
        prevRow = row
      }
    }
  }
  const yLabels = new Map<number, string>()
  for (const t of scales.yTicks) yLabels.set(Math.round(t.at), t.label)
  const labelWidth = Math.max(...[...yLabels.values()].map((l) => l.length))
  const lines: string[] = []
  lines.push(`${' '.repeat(labelWidth + 1)}${colors.bold(spec.yLabel)}`)
  for (let r = 0; r < height; r++) {
    const label = yLabels.get(r)
    const axis = label !== undefined ? '┤' : '│'
    const body = grid[r]!.map((c) => (c.color ? colors[c.color](c.ch) : c.ch)).join('').trimEnd()
    lines.push(`${(label ?? '').padStart(labelWidth)} ${colors.dim(axis)}${body}`)
  }
  // The x axis: tick marks, then labels placed where they do not overlap.
  const axis = Array.from({ length: width }, () => '─')
  const labels = Array.from({ length: width + 12 }, () => ' ')
  let free = 0
  for (const t of scales.xTicks) {
    const col = Math.round(t.at)
    if (col < 0 || col >= width) continue
    axis[col] = '┬'
    const start = Math.max(0, col - Math.floor(t.label.length / 2))
    if (start < free) continue
    for (let i = 0; i < t.label.length; i++) labels[start + i] = t.label[i]!
    free = start + t.label.length + 1
  }
  if (spec.marker) {
    const col = Math.round(scales.x(spec.marker.x))
    if (col >= 0 && col < width) axis[col] = '┴'
  }
  const pad = ' '.repeat(labelWidth + 1)
  lines.push(`${pad}${colors.dim(`└${axis.join('')}`)}`)
  lines.push(`${pad} ${labels.join('').trimEnd()}`)
  lines.push(`${pad} ${' '.repeat(Math.max(0, Math.floor((width - spec.xLabel.length) / 2)))}${colors.bold(spec.xLabel)}`)
  const legend = spec.series.map((s) => `${colors[PALETTE[s.color % PALETTE.length]!](s.glyph)} ${s.label}`)
  if (spec.marker) legend.push(`┊ ${spec.marker.label}`)
  lines.push(`${pad} ${legend.join('   ')}`)
  return lines.join('\n')
}
