// The chart both renderers draw: series of (x, y) points on a log y axis, x linear (epochs) or
// log (λ, with λ = 0 drawn at the left edge). Scales and ticks are d3-scale's.
import { scaleLinear, scaleLog } from 'd3-scale'
import { maxOf, minOf } from '../extent.js'

export interface Point {
  x: number
  y: number
}

/** One line of the chart; `band` is a p10–p90 range drawn under it (SVG only). */
export interface Series {
  label: string
  points: Point[]
  /** Index into the palette. */
  color: number
  /** Drawn dashed in SVG, with a hollow glyph in the terminal (test and validation curves). */
  dashed?: boolean
  /** Terminal glyph. */
  glyph: string
  band?: { x: number; lo: number; hi: number }[]
}

export interface ChartSpec {
  title: string
  xLabel: string
  yLabel: string
  xLog: boolean
  /** False for a linear y axis (signed values, e.g. coefficients); the default is a log axis. */
  yLog?: boolean
  series: Series[]
  /** A vertical marker, e.g. the best λ. */
  marker?: { x: number; label: string }
}

export interface Tick {
  value: number
  label: string
  /** Position in the range. */
  at: number
}

export interface Scales {
  x(value: number): number
  y(value: number): number
  xTicks: Tick[]
  yTicks: Tick[]
}

/** Tick label: plain decimals from 0.001 to 10⁴, exponent form outside. */
export function tickLabel(v: number): string {
  if (v === 0) return '0'
  const a = Math.abs(v)
  if (a < 1e-3 || a >= 1e5) {
    const [m, e] = v.toExponential(2).split('e') as [string, string]
    return `${Number(m)}e${Number(e)}`
  }
  return String(Number(v.toPrecision(6)))
}

const usable = (v: number) => Number.isFinite(v) && v > 0

/** Whether a y value can be drawn: positive and finite on a log axis, finite on a linear one. */
const usableOn = (spec: Pick<ChartSpec, 'yLog'>) => (spec.yLog === false ? Number.isFinite : usable)

/** Every y value the axis can show. */
function yValues(spec: ChartSpec): number[] {
  const ys: number[] = []
  const ok = usableOn(spec)
  for (const s of spec.series) {
    for (const p of s.points) if (ok(p.y) && Number.isFinite(p.x)) ys.push(p.y)
    for (const b of s.band ?? []) {
      if (ok(b.lo)) ys.push(b.lo)
      if (ok(b.hi)) ys.push(b.hi)
    }
  }
  return ys
}

/** Whether the chart has anything to draw. */
export function drawable(spec: ChartSpec): boolean {
  return yValues(spec).length > 0
}

/** Log ticks: powers of ten, thinned to at most `max`; labels only where they fit. */
function logTicks(lo: number, hi: number, max: number): number[] {
  const first = Math.ceil(Math.log10(lo) - 1e-9)
  const last = Math.floor(Math.log10(hi) + 1e-9)
  const count = last - first + 1
  const step = Math.max(1, Math.ceil(count / Math.max(1, max)))
  const ticks: number[] = []
  // From the top down, so the largest decade is always labelled.
  for (let k = last; k >= first; k -= step) ticks.unshift(10 ** k)
  return ticks
}

/**
 * Scales onto the ranges [x0, x1] (left to right) and [y0, y1] (bottom to top). `zeroGap` is the
 * room kept at the left for λ = 0 on a log x axis; `maxTicks` bounds the tick counts.
 */
export function makeScales(spec: ChartSpec, xRange: [number, number], yRange: [number, number], zeroGap: number, maxTicks: { x: number; y: number }): Scales {
  const ys = yValues(spec)
  let yLo = minOf(ys)
  let yHi = maxOf(ys)
  let y: (v: number) => number
  let yTicks: Tick[]
  if (spec.yLog === false) {
    if (yLo === yHi) {
      yLo -= 1
      yHi += 1
    }
    const lin = scaleLinear().domain([yLo, yHi]).range(yRange).nice()
    const format = lin.tickFormat(maxTicks.y)
    y = (v) => lin(v)
    yTicks = lin.ticks(maxTicks.y).map((value) => ({ value, label: format(value), at: lin(value) }))
  } else {
    if (yLo === yHi) {
      yLo /= 3
      yHi *= 3
    }
    const log = scaleLog().domain([yLo, yHi]).range(yRange).nice()
    const [yMin, yMax] = log.domain() as [number, number]
    y = (v) => log(v)
    yTicks = logTicks(yMin, yMax, maxTicks.y).map((value) => ({ value, label: tickLabel(value), at: log(value) }))
  }

  const xs = spec.series.flatMap((s) => s.points.map((p) => p.x)).filter(Number.isFinite)
  if (spec.marker) xs.push(spec.marker.x)
  let xFn: (v: number) => number
  let xTicks: Tick[]
  if (spec.xLog) {
    const positive = xs.filter((v) => v > 0)
    const hasZero = xs.some((v) => v === 0)
    let lo = positive.length ? minOf(positive) : 1
    let hi = positive.length ? maxOf(positive) : 10
    if (lo === hi) {
      lo /= 10
      hi *= 10
    }
    const start = hasZero ? xRange[0] + zeroGap : xRange[0]
    const x = scaleLog().domain([lo, hi]).range([start, xRange[1]])
    xFn = (v) => (v === 0 ? xRange[0] : x(v))
    xTicks = logTicks(lo, hi, maxTicks.x).map((value) => ({ value, label: tickLabel(value), at: x(value) }))
    if (hasZero) xTicks.unshift({ value: 0, label: '0', at: xRange[0] })
  } else {
    let lo = minOf(xs)
    let hi = maxOf(xs)
    if (lo === hi) {
      lo -= 1
      hi += 1
    }
    const x = scaleLinear().domain([lo, hi]).range(xRange)
    xFn = (v) => x(v)
    const ticks = x.ticks(maxTicks.x)
    const format = x.tickFormat(maxTicks.x)
    xTicks = ticks.map((value) => ({ value, label: format(value), at: x(value) }))
    // Show where the data starts and ends too, when no tick is near.
    for (const end of [lo, hi]) {
      if (!xTicks.some((t) => Math.abs(t.at - x(end)) < Math.abs(xRange[1] - xRange[0]) / (1.5 * maxTicks.x))) xTicks.push({ value: end, label: tickLabel(end), at: x(end) })
    }
    xTicks.sort((a, b) => a.at - b.at)
  }
  return { x: xFn, y, xTicks, yTicks }
}

/** A series' drawable points, in x order (any finite y on a linear axis: `yLog: false`). */
export function cleanPoints(points: readonly Point[], spec: Pick<ChartSpec, 'yLog'> = {}): Point[] {
  const ok = usableOn(spec)
  return points.filter((p) => Number.isFinite(p.x) && ok(p.y)).sort((a, b) => a.x - b.x)
}
