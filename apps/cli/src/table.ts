/** Four significant digits; exponent form outside [1e-3, 1e5); a dash for a missing or non-finite value (never NaN). */
export function formatNumber(x: number | null | undefined, digits = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a < 1e-3 || a >= 1e5) return x.toExponential(digits - 1)
  const fixed = x.toPrecision(digits)
  // toPrecision turns to exponent form when the integer part has more digits than asked for.
  return fixed.includes('e') ? x.toFixed(0) : fixed
}

/** A value the user typed or a grid made, e.g. λ: at most four significant digits, no padding zeros. */
export function formatValue(x: number): string {
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a < 1e-3 || a >= 1e5) return String(Number(x.toPrecision(4))).replace('e+', 'e')
  return String(Number(x.toPrecision(4)))
}

/** A mean with its p10–p90 range, compact for wide tables: "0.0117 (0.0095–0.015)". */
export function formatSpread(s: { mean: number; p10: number; p90: number } | null | undefined): string {
  if (!s) return '—'
  return `${formatNumber(s.mean, 3)} (${formatNumber(s.p10, 2)}–${formatNumber(s.p90, 2)})`
}

/** Columns a string takes in a terminal: colour codes take none; the characters used here take one each. */
export function displayWidth(s: string): number {
  return [...s.replace(/\u001b\[[0-9;]*m/g, '')].length
}

const padStart = (s: string, n: number) => ' '.repeat(Math.max(0, n - displayWidth(s))) + s
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - displayWidth(s)))

/** A plain text table, columns right-aligned (or left, per `align`), one line per row. */
export function renderTable(header: string[], rows: string[][], align: ('left' | 'right')[] = []): string {
  const widths = header.map((h, i) => rows.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? '')), displayWidth(h)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'left' ? padEnd(c, widths[i]!) : padStart(c, widths[i]!)))
      .join('  ')
      .trimEnd() + '\n'
  return line(header) + rows.map(line).join('')
}
