import picocolors from 'picocolors'

/** The colour functions this program uses (identity functions when colour is off). */
export type Colors = ReturnType<typeof picocolors.createColors>

/** Colour only on a terminal, and never when NO_COLOR is set to anything non-empty (no-color.org). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false
  if (env.TERM === 'dumb') return false
  return stream.isTTY === true
}

/** Colours for writing to `stream`. */
export function colorsFor(stream: { isTTY?: boolean }): Colors {
  return picocolors.createColors(colorEnabled(stream))
}
