// One uPlot chart in a container: sized to it (phone to desktop), rebuilt on demand, exportable.
import uPlot from 'uplot'

export const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7f3c8d', '#444444']
export const colorOf = (id: number): string => COLORS[id % COLORS.length]!

/** Canvas-friendly tick labels for a log axis: 1e-4 … 1e4, plain numbers in between. */
export function logTicks(_u: uPlot, splits: number[]): string[] {
  return splits.map((v) => (v == null ? '' : v >= 1e-2 && v < 1e4 ? String(Number(v.toPrecision(2))) : v.toExponential(0).replace('e+', 'e')))
}

/** A colour of the page's theme (CSS custom property on :root), for canvas drawing. */
export function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback
}

/** A dotted vertical line at `value` on the x scale, labelled at its top (the best λ, n = d); `row` 1 puts the label a line lower. */
export function drawMarker(u: uPlot, value: number, label: string, fontPx: number, row = 0): void {
  const ctx = u.ctx
  const ratio = devicePixelRatio || 1
  const x = Math.round(u.valToPos(value, 'x', true))
  ctx.save()
  ctx.strokeStyle = ctx.fillStyle = themeColor('--fg', '#111')
  ctx.lineWidth = 1.5 * ratio
  ctx.setLineDash([2 * ratio, 3 * ratio])
  ctx.beginPath()
  ctx.moveTo(x, u.bbox.top)
  ctx.lineTo(x, u.bbox.top + u.bbox.height)
  ctx.stroke()
  ctx.font = `${fontPx * ratio}px system-ui, sans-serif`
  // uPlot leaves its axis text alignment on the context.
  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  const y = u.bbox.top + (fontPx + 2) * (row + 1) * ratio
  // Near the right edge the label goes left of the line, so it is never cut off.
  const width = ctx.measureText(label).width
  if (x + 4 * ratio + width > u.bbox.left + u.bbox.width) ctx.fillText(label, x - 4 * ratio - width, y)
  else ctx.fillText(label, x + 4 * ratio, y)
  ctx.restore()
}

export class Chart {
  /** Every chart on the page, so a theme change can redraw them all. */
  static readonly all = new Set<Chart>()
  plot: uPlot | null = null
  private readonly observer: ResizeObserver
  private last: { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData; hidden: number[] } | null = null

  /** Redraws every chart in the current theme's colours. */
  static retheme(): void {
    for (const chart of Chart.all) chart.rebuild()
  }

  constructor(
    readonly container: HTMLElement,
    readonly title: string,
    private readonly height = (width: number) => Math.round(Math.max(220, Math.min(340, width * 0.55))),
  ) {
    this.observer = new ResizeObserver(() => this.resize())
    this.observer.observe(container)
    Chart.all.add(this)
  }

  private rebuild(): void {
    if (this.plot && this.last) this.build(this.last.options, this.plot.data as uPlot.AlignedData, this.last.hidden)
  }

  /** Replaces the chart (series or scales changed). */
  build(options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData, hiddenInLegend: number[] = []): void {
    this.plot?.destroy()
    this.last = { options, data, hidden: hiddenInLegend }
    const width = this.width()
    // Light grid lines (log axes draw one at every 1…9 multiple), text in the theme's colour.
    const fg = themeColor('--fg', '#16181d')
    const grid = themeColor('--grid', '#0000000d')
    const scale = Number(themeColor('--chart-scale', '1')) || 1
    const font = `${Math.round(12 * scale)}px system-ui, sans-serif`
    const axes = options.axes?.map((a) => ({ stroke: fg, font, labelFont: `bold ${font}`, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, ...a, ...(a.size ? { size: Math.round(Number(a.size) * scale) } : {}) }))
    this.plot = new uPlot({ ...options, ...(axes ? { axes } : {}), width, height: this.height(width) }, data, this.container)
  }

  /** New data, same series. */
  update(data: uPlot.AlignedData): void {
    this.plot?.setData(data)
  }

  destroy(): void {
    this.plot?.destroy()
    this.plot = null
    this.last = null
  }

  /** The chart on white, with its title and a legend of its series (null before it is drawn). */
  toCanvas(): HTMLCanvasElement | null {
    const plot = this.plot
    if (!plot) return null
    const src = plot.ctx.canvas
    const ratio = src.width / plot.width
    // Band edges are series too; they have no legend entry of their own.
    const hidden = this.last?.hidden ?? []
    const series = plot.series.slice(1).filter((s, i) => s.show !== false && s.label && !hidden.includes(i + 1) && typeof s.stroke === 'function')
    const legendRows = Math.ceil(series.length / 3)
    const top = Math.round((30 + 18 * legendRows) * ratio)
    const out = document.createElement('canvas')
    out.width = src.width
    out.height = src.height + top
    const ctx = out.getContext('2d')!
    const fg = themeColor('--fg', '#111')
    ctx.fillStyle = themeColor('--card', '#fff')
    ctx.fillRect(0, 0, out.width, out.height)
    ctx.scale(ratio, ratio)
    ctx.fillStyle = fg
    ctx.font = 'bold 15px system-ui, sans-serif'
    ctx.fillText(this.title, 8, 20)
    ctx.font = '12px system-ui, sans-serif'
    series.forEach((s, i) => {
      const x = 8 + (i % 3) * (plot.width / 3)
      const y = 40 + Math.floor(i / 3) * 18
      ctx.strokeStyle = String((s.stroke as (u: uPlot, i: number) => string)(plot, plot.series.indexOf(s)))
      ctx.lineWidth = 2.5
      ctx.setLineDash(s.dash ?? [])
      ctx.beginPath()
      ctx.moveTo(x, y - 7)
      ctx.lineTo(x + 16, y - 7)
      ctx.stroke()
      ctx.setLineDash([])
      ctx.fillStyle = fg
      ctx.fillText(String(s.label), x + 20, y - 3)
    })
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.drawImage(src, 0, top)
    return out
  }

  private width(): number {
    return Math.max(260, Math.floor(this.container.clientWidth || 600))
  }

  private resize(): void {
    if (!this.plot) return
    const width = this.width()
    if (width !== this.plot.width) this.plot.setSize({ width, height: this.height(width) })
  }
}
