/** Four significant digits; exponent form outside [1e-3, 1e5). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  const a = Math.abs(x)
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return x.toExponential(3)
  return x.toPrecision(4)
}

/** A plain text table, columns right-aligned, one line per row. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ').trimEnd() + '\n'
  return line(header) + rows.map(line).join('')
}
