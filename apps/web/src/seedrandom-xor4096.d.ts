// seedrandom ships its generators as separate CommonJS files; the page needs only xor4096.
declare module 'seedrandom/lib/xor4096.js' {
  /** seedrandom's xor4096 generator: `xor4096(seed)()` is uniform in [0, 1). */
  const xor4096: (seed: string) => () => number
  export default xor4096
}
