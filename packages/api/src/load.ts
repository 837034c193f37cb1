import { nodeBuiltin, resolveUserUrl, type WasmSource } from './platform.js'

export type { WasmSource } from './platform.js'

const compiled = new Map<string, Promise<WebAssembly.Module>>()

const HINT = "pass createEngine({ wasm }) a URL the code can fetch or read, the bytes, or a WebAssembly.Module (or import '@weight-decay/api', which embeds the wasm)"

async function compileUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:') {
    let bytes: Uint8Array
    try {
      bytes = await nodeBuiltin<{ readFile(path: URL): Promise<Uint8Array> }>('node:fs/promises').readFile(url)
    } catch (error) {
      throw new Error(`cannot load the core's wasm from ${url.href}: ${(error as Error).message}; ${HINT}`)
    }
    return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>)
  }
  let response: Response
  try {
    response = await fetch(url)
  } catch (error) {
    throw new Error(`cannot load the core's wasm from ${url.href}: ${(error as Error).message}; ${HINT}`)
  }
  if (!response.ok) throw new Error(`cannot load the core's wasm from ${url.href}: HTTP ${response.status}; ${HINT}`)
  // Streaming compilation needs the application/wasm type; fall back to bytes for other servers.
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response)
  }
  return WebAssembly.compile(await response.arrayBuffer())
}

/**
 * Compiles the core from what the caller gave; URLs are compiled once each (modules are
 * immutable, so engines may share them). A relative string resolves against the page's
 * base URI in browsers and the working directory in Node.
 */
export function compileCore(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return Promise.resolve(source)
  if (source instanceof URL || typeof source === 'string') {
    const url = source instanceof URL ? source : resolveUserUrl(source)
    let module = compiled.get(url.href)
    if (!module) {
      module = compileUrl(url)
      compiled.set(url.href, module)
      module.catch(() => compiled.delete(url.href))
    }
    return module
  }
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source as BufferSource)
  return Promise.reject(new TypeError(`wasm must be a URL, a string, bytes or a WebAssembly.Module; got ${Object.prototype.toString.call(source)}`))
}

/** Supplies the wasm when the caller gives none: embedded bytes in the default entry, a URL in `/url`. */
export type DefaultWasm = () => Promise<WebAssembly.Module>

/** The caller's wasm if given, else the entry's default. */
export function compileOr(source: WasmSource | undefined, fallback: DefaultWasm): Promise<WebAssembly.Module> {
  return source === undefined ? fallback() : compileCore(source)
}
