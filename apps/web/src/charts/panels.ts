// Small multiples: one small canvas plot per run, side by side, all on the same scales, so runs
// compare at a glance (the shrinkage of w, the spread of the fit).
import { h, setText } from '../dom.js'
import { themeColor } from './base.js'

export interface Panel {
  root: HTMLElement
  title: HTMLElement
  canvas: HTMLCanvasElement
  note: HTMLElement
}

export interface Dots {
  xs: ArrayLike<number>
  ys: ArrayLike<number>
  color: string
  /** Open rings instead of filled dots. */
  hollow?: boolean
  size?: number
}

export interface Line {
  points: [number, number][]
  color: string
  dash?: number[]
  width?: number
}

export interface PlotSpec {
  x: [number, number]
  y: [number, number]
  xLabel: string
  yLabel: string
  lines: Line[]
  dots: Dots[]
}

/** Keeps one panel per key in `container`, in order; returns them. */
export class Panels {
  private panels = new Map<string, Panel>()

  constructor(private readonly container: HTMLElement, private readonly label: string) {}

  sync(keys: string[]): Panel[] {
    for (const [key, panel] of this.panels) {
      if (!keys.includes(key)) {
        panel.root.remove()
        this.panels.delete(key)
      }
    }
    const list = keys.map((key) => {
      let panel = this.panels.get(key)
      if (!panel) {
        const title = h('figcaption', { class: 'panel-title' })
        const canvas = h('canvas', { role: 'img', 'aria-label': this.label })
        const note = h('p', { class: 'panel-note' })
        panel = { root: h('figure', { class: 'panel' }, title, canvas, note), title, canvas, note }
        this.panels.set(key, panel)
      }
      return panel
    })
    // Re-append in order (a no-op for panels already in place).
    list.forEach((p, i) => {
      if (this.container.children[i] !== p.root) this.container.insertBefore(p.root, this.container.children[i] ?? null)
    })
    return list
  }

  /** Each panel's canvas with its title drawn above it, for the PNG export. */
  canvases(): HTMLCanvasElement[] {
    return [...this.panels.values()].map((p) => {
      const ratio = devicePixelRatio || 1
      const top = Math.round(22 * ratio)
      const out = document.createElement('canvas')
      out.width = p.canvas.width
      out.height = p.canvas.height + top
      const ctx = out.getContext('2d')!
      ctx.fillStyle = themeColor('--card', '#fff')
      ctx.fillRect(0, 0, out.width, out.height)
      ctx.fillStyle = themeColor('--fg', '#111')
      ctx.font = `bold ${13 * ratio}px system-ui, sans-serif`
      ctx.fillText(p.title.textContent ?? '', 6 * ratio, 16 * ratio)
      ctx.drawImage(p.canvas, 0, top)
      return out
    })
  }
}

/** Tick values for an axis: the ends and zero when inside, as short text. */
function ticks([lo, hi]: [number, number]): number[] {
  const t = [lo, hi]
  if (lo < 0 && hi > 0) t.push(0)
  else t.push((lo + hi) / 2)
  return t
}
const short = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(1).replace('e+', 'e') : String(Number(v.toPrecision(2))))

/** Draws one plot into the panel's canvas, sized to the panel. */
export function drawPlot(panel: Panel, spec: PlotSpec, title: string, note = '', description = ''): void {
  setText(panel.title, title)
  setText(panel.note, note)
  panel.note.hidden = note === ''
  if (description) panel.canvas.setAttribute('aria-label', description)
  const canvas = panel.canvas
  const ratio = devicePixelRatio || 1
  const cssWidth = Math.max(160, panel.root.clientWidth || 240)
  const cssHeight = Math.round(Math.max(140, Math.min(260, cssWidth * 0.62)))
  if (canvas.width !== Math.round(cssWidth * ratio) || canvas.height !== Math.round(cssHeight * ratio)) {
    canvas.width = Math.round(cssWidth * ratio)
    canvas.height = Math.round(cssHeight * ratio)
    canvas.style.setProperty('height', `${cssHeight}px`)
  }
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  const scale = Number(themeColor('--chart-scale', '1')) || 1
  const font = 11 * scale
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
  ctx.clearRect(0, 0, cssWidth, cssHeight)
  const fg = themeColor('--fg', '#16181d')
  const grid = themeColor('--line', '#d9dce3')
  ctx.font = `${font}px system-ui, sans-serif`
  const yTicks = ticks(spec.y)
  const left = Math.ceil(Math.max(...yTicks.map((v) => ctx.measureText(short(v)).width))) + font + 10
  const bottom = 2 * font + 10
  const plot = { x: left, y: 6, w: cssWidth - left - 8, h: cssHeight - bottom - 6 }
  const sx = (v: number) => plot.x + ((v - spec.x[0]) / (spec.x[1] - spec.x[0] || 1)) * plot.w
  const sy = (v: number) => plot.y + plot.h - ((v - spec.y[0]) / (spec.y[1] - spec.y[0] || 1)) * plot.h
  const clampX = (v: number) => Math.min(plot.x + plot.w, Math.max(plot.x, sx(v)))
  const clampY = (v: number) => Math.min(plot.y + plot.h, Math.max(plot.y, sy(v)))
  // Frame and ticks.
  ctx.strokeStyle = grid
  ctx.lineWidth = 1
  ctx.strokeRect(plot.x, plot.y, plot.w, plot.h)
  ctx.fillStyle = fg
  ctx.textAlign = 'right'
  ctx.textBaseline = 'middle'
  for (const v of yTicks) {
    ctx.fillText(short(v), plot.x - 4, sy(v))
    ctx.beginPath()
    ctx.moveTo(plot.x, sy(v))
    ctx.lineTo(plot.x + plot.w, sy(v))
    ctx.stroke()
  }
  ctx.textAlign = 'center'
  ctx.textBaseline = 'top'
  for (const v of ticks(spec.x)) ctx.fillText(short(v), Math.min(plot.x + plot.w - 10, Math.max(plot.x + 10, sx(v))), plot.y + plot.h + 3)
  ctx.fillText(spec.xLabel, plot.x + plot.w / 2, plot.y + plot.h + font + 6)
  ctx.save()
  ctx.translate(font / 2 + 2, plot.y + plot.h / 2)
  ctx.rotate(-Math.PI / 2)
  ctx.textBaseline = 'middle'
  ctx.fillText(spec.yLabel, 0, 0)
  ctx.restore()
  // Clip the data to the frame; points beyond it are drawn on its edge.
  ctx.save()
  ctx.beginPath()
  ctx.rect(plot.x - 4, plot.y - 4, plot.w + 8, plot.h + 8)
  ctx.clip()
  for (const line of spec.lines) {
    ctx.strokeStyle = line.color
    ctx.lineWidth = line.width ?? 1.5
    ctx.setLineDash(line.dash ?? [])
    ctx.beginPath()
    line.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(sx(x), sy(y)) : ctx.lineTo(sx(x), sy(y))))
    ctx.stroke()
  }
  ctx.setLineDash([])
  for (const dots of spec.dots) {
    const size = dots.size ?? 2.5
    const n = Math.min(dots.xs.length, dots.ys.length)
    ctx.fillStyle = ctx.strokeStyle = dots.color
    ctx.lineWidth = 0.8
    // One path for all points (a stroke or fill per point is far too slow for thousands); small
    // marks as squares, which draw faster than arcs.
    ctx.beginPath()
    for (let i = 0; i < n; i++) {
      const x = clampX(dots.xs[i]!)
      const y = clampY(dots.ys[i]!)
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue
      if (n > 1000) ctx.rect(x - size, y - size, 2 * size, 2 * size)
      else {
        ctx.moveTo(x + size, y)
        ctx.arc(x, y, size, 0, 2 * Math.PI)
      }
    }
    if (dots.hollow) ctx.stroke()
    else ctx.fill()
  }
  ctx.restore()
}
