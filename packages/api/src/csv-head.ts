// The CSV parser's byte constants and its look at the file's head: where the first line with
// text starts and which delimiter it uses (csv.ts).

export const QUOTE = 0x22
export const LF = 0x0a
export const CR = 0x0d
export const SPACE = 0x20
export const TAB = 0x09
export const HASH = 0x23
/** Bytes gathered at most before the delimiter is detected. */
export const HEAD_BYTES = 1 << 20

/** Where the first line with text starts, after a BOM, blank lines and comment lines; -1 if not yet known. */
function firstLineStart(head: Uint8Array): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  for (;;) {
    let j = i
    while (j < head.length && (head[j] === SPACE || head[j] === TAB || head[j] === CR)) j++
    if (j >= head.length) return -1
    if (head[j] === HASH || head[j] === LF) {
      while (j < head.length && head[j] !== LF) j++
      if (j >= head.length) return -1
      i = j + 1
    } else return i
  }
}

/** Whether `head` holds the first line with text up to its end. */
export function firstLineEnds(head: Uint8Array): boolean {
  const start = firstLineStart(head)
  return start >= 0 && head.indexOf(LF, start) >= 0
}

/** Counts of the candidate delimiters outside quotes on the first line that has any text. */
export function detectDelimiter(head: Uint8Array): string {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  // Skip comment and blank lines.
  for (;;) {
    let j = i
    while (j < head.length && (head[j] === SPACE || head[j] === TAB || head[j] === CR)) j++
    if (j < head.length && head[j] === HASH) {
      while (j < head.length && head[j] !== LF) j++
      i = j + 1
    } else if (j < head.length && head[j] === LF) i = j + 1
    else break
  }
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (let j = i; j < head.length && (quoted || head[j] !== LF); j++) {
    const c = head[j]!
    if (c === QUOTE) quoted = !quoted
    else if (!quoted) {
      if (c === 0x2c) counts[',']++
      else if (c === 0x3b) counts[';']++
      else if (c === TAB) counts['\t']++
    }
  }
  let best = ','
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best as ',']) best = d
  return best
}

/** The bytes of a string's UTF-16 units, each cut to 8 bits (Latin-1). */
export function latin1Bytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff
  return b
}

/** a followed by b, in a new array. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}
