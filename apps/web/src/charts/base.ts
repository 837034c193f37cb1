// One uPlot chart in a container: sized to it (phone to desktop), rebuilt on demand, exportable.
import uPlot from 'uplot'

export const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#7f3c8d', '#444444']
export const colorOf = (id: number): string => COLORS[id % COLORS.length]!

/** Canvas-friendly tick labels for a log axis: 1e-4 … 1e4, plain numbers in between. */
export function logTicks(_u: uPlot, splits: number[]): string[] {
  return splits.map((v) => (v == null ? '' : v >= 1e-2 && v < 1e4 ? String(Number(v.toPrecision(2))) : v.toExponential(0).replace('e+', 'e')))
}

export class Chart {
  plot: uPlot | null = null
  private readonly observer: ResizeObserver

  constructor(
    readonly container: HTMLElement,
    readonly title: string,
    private readonly height = (width: number) => Math.round(Math.max(220, Math.min(340, width * 0.55))),
  ) {
    this.observer = new ResizeObserver(() => this.resize())
    this.observer.observe(container)
  }

  /** Replaces the chart (series or scales changed). */
  build(options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData, hiddenInLegend: number[] = []): void {
    this.plot?.destroy()
    const width = this.width()
    // Light grid lines: log axes draw one at every 1…9 multiple.
    const axes = options.axes?.map((a) => ({ grid: { stroke: '#0000000d', width: 1 }, ticks: { stroke: '#00000026', width: 1 }, ...a }))
    this.plot = new uPlot({ ...options, ...(axes ? { axes } : {}), width, height: this.height(width) }, data, this.container)
    // Band edges are series too; they need no legend entry of their own.
    const rows = this.plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series')
    for (const i of hiddenInLegend) if (rows[i]) rows[i].hidden = true
  }

  /** New data, same series. */
  update(data: uPlot.AlignedData): void {
    this.plot?.setData(data)
  }

  destroy(): void {
    this.plot?.destroy()
    this.plot = null
  }

  /** The chart on white, with its title and a legend of its series (null before it is drawn). */
  toCanvas(): HTMLCanvasElement | null {
    const plot = this.plot
    if (!plot) return null
    const src = plot.ctx.canvas
    const ratio = src.width / plot.width
    const rows = plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series')
    const series = plot.series.slice(1).filter((s, i) => s.show !== false && s.label && !rows[i + 1]?.hidden && typeof s.stroke === 'function')
    const legendRows = Math.ceil(series.length / 3)
    const top = Math.round((30 + 18 * legendRows) * ratio)
    const out = document.createElement('canvas')
    out.width = src.width
    out.height = src.height + top
    const ctx = out.getContext('2d')!
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, out.width, out.height)
    ctx.scale(ratio, ratio)
    ctx.fillStyle = '#111'
    ctx.font = 'bold 15px system-ui, sans-serif'
    ctx.fillText(this.title, 8, 20)
    ctx.font = '12px system-ui, sans-serif'
    series.forEach((s, i) => {
      const x = 8 + (i % 3) * (plot.width / 3)
      const y = 40 + Math.floor(i / 3) * 18
      ctx.fillStyle = String((s.stroke as (u: uPlot, i: number) => string)(plot, i + 1))
      ctx.fillRect(x, y - 9, 14, 4)
      ctx.fillStyle = '#111'
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
