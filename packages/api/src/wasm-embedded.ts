// The core's wasm embedded in the JavaScript (generated at build time), so loading needs no
// asset resolution: every bundler, CommonJS output, and cross-origin use work unchanged. It is
// imported on first use, so `/url` users (whose entry re-exports this one) never load it.

let module: Promise<WebAssembly.Module> | undefined

/** @internal Decodes and compiles the embedded core once per realm. */
export function embeddedCore(): Promise<WebAssembly.Module> {
  if (!module) {
    module = import('./generated/core-wasm.js').then(({ CORE_WASM_BASE64 }) => WebAssembly.compile(decodeBase64(CORE_WASM_BASE64)))
    module.catch(() => (module = undefined))
  }
  return module
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
