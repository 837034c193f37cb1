// Plain decimal numbers straight from bytes, without making a string per cell (the CSV parser's
// inner loop). Environment-neutral: no Buffer.

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

/**
 * The number the first `len` bytes spell as a plain decimal (optional sign, digits with an
 * optional point, optional exponent; no blanks, no hex, no `Infinity`), or NaN.
 * Up to 15 significant digits and |exponent| ≤ 22 are exact in one correctly rounded operation
 * (Clinger's fast path); anything else goes through `Number`, which rounds correctly too.
 */
export function parseDecimalBytes(b: Uint8Array, len: number): number {
  let i = 0
  let neg = false
  if (len > 0 && (b[0] === 0x2b || b[0] === 0x2d)) {
    neg = b[0] === 0x2d
    i = 1
  }
  let mant = 0
  let sig = 0
  let scale = 0
  let digits = 0
  while (i < len && b[i]! >= 0x30 && b[i]! <= 0x39) {
    const v = b[i]! - 0x30
    if (mant > 0 || v > 0) sig++
    mant = mant * 10 + v
    digits++
    i++
  }
  if (i < len && b[i] === 0x2e) {
    i++
    while (i < len && b[i]! >= 0x30 && b[i]! <= 0x39) {
      const v = b[i]! - 0x30
      if (mant > 0 || v > 0) sig++
      mant = mant * 10 + v
      scale--
      digits++
      i++
    }
  }
  if (digits === 0) return NaN
  let exp = 0
  if (i < len && (b[i] === 0x65 || b[i] === 0x45)) {
    i++
    let eneg = false
    if (i < len && (b[i] === 0x2b || b[i] === 0x2d)) {
      eneg = b[i] === 0x2d
      i++
    }
    const start = i
    while (i < len && b[i]! >= 0x30 && b[i]! <= 0x39) {
      if (exp < 1e6) exp = exp * 10 + (b[i]! - 0x30)
      i++
    }
    if (i === start) return NaN
    if (eneg) exp = -exp
  }
  if (i !== len) return NaN
  const e10 = exp + scale
  let value: number
  if (mant === 0) value = 0
  else if (sig <= 15 && e10 >= -22 && e10 <= 22) value = e10 >= 0 ? mant * POW10[e10]! : mant / POW10[-e10]!
  // The text, sign included, already passed the grammar above.
  else return Number(latin1(b, len))
  return neg ? -value : value
}

// The grammar above admits ASCII only, where UTF-8 and Latin-1 agree.
const ascii = new TextDecoder()

function latin1(b: Uint8Array, len: number): string {
  return ascii.decode(b.subarray(0, len))
}
