// The core's wasm as a file beside dist/, for bundlers that resolve `new URL(…, import.meta.url)`
// (vite, webpack, Parcel) and for pages that serve the package's files.
import { compileCore } from './load.js'

/** The URL of the wasm file shipped with this package, or undefined where `import.meta.url` is not available (e.g. a CommonJS bundle). */
export const DEFAULT_WASM_URL: URL | undefined = (() => {
  try {
    // Written literally, inside a function that cannot throw at import, so bundlers find it.
    return new URL('../wasm/core.wasm', import.meta.url)
  } catch {
    return undefined
  }
})()

/** @internal Compiles the shipped wasm file. */
export function urlCore(): Promise<WebAssembly.Module> {
  if (!DEFAULT_WASM_URL) {
    return Promise.reject(new Error("cannot locate the core's wasm: import.meta.url is not available here (a CommonJS bundle?); pass createEngine({ wasm }) or import '@weight-decay/api', which embeds the wasm"))
  }
  return compileCore(DEFAULT_WASM_URL)
}
