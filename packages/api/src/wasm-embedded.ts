// The core's wasm embedded in the JavaScript (generated at build time), so loading needs no
// asset resolution: every bundler, CommonJS output, and cross-origin use work unchanged.
import { CORE_WASM_BASE64 } from './generated/core-wasm.js'

let module: Promise<WebAssembly.Module> | undefined

/** @internal Decodes and compiles the embedded core once per realm. */
export function embeddedCore(): Promise<WebAssembly.Module> {
  module ??= WebAssembly.compile(decodeBase64(CORE_WASM_BASE64))
  return module
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
