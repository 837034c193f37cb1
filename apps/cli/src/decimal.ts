/** A plain decimal number: no hex, no blanks inside, no Infinity or NaN. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/** The number `text` spells in decimal, or undefined (also when it overflows to ±Infinity). */
export function decimal(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined
  const value = Number(text)
  return Number.isFinite(value) ? value : undefined
}
