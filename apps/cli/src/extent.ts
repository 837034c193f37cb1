// Extremes of long lists: Math.min(...xs) passes every value as an argument, which overflows the
// stack for a long history ("Maximum call stack size exceeded" at about 120,000 points).

/** The least of `values` (Infinity when empty, NaN when one is NaN), as Math.min. */
export const minOf = (values: readonly number[]): number => values.reduce((a, b) => Math.min(a, b), Infinity)

/** The greatest of `values` (-Infinity when empty, NaN when one is NaN), as Math.max. */
export const maxOf = (values: readonly number[]): number => values.reduce((a, b) => Math.max(a, b), -Infinity)
