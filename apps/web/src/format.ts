/** A number for people: 4 significant digits, exponent form when very small or large. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x)
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a < 1e-3 || a >= 1e5) return x.toExponential(3).replace(/\.?0+e/, 'e')
  return String(Number(x.toPrecision(4)))
}

/** λ for labels: "0", "10", "0.003", "1e-4". */
export function fmtLambda(lambda: number): string {
  return fmt(lambda)
}
