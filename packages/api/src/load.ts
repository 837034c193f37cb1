/** Where the core's WebAssembly comes from: a URL to fetch or read, its bytes, or a compiled module. */
export type WasmSource = URL | string | BufferSource | WebAssembly.Module

/** The wasm shipped with this package; bundlers (vite, webpack, esbuild) resolve this pattern. */
export const DEFAULT_WASM_URL = new URL('../wasm/core.wasm', import.meta.url)

const compiled = new Map<string, Promise<WebAssembly.Module>>()

type FsPromises = { readFile(path: URL): Promise<Uint8Array> }

/** Node's fs/promises without a static import, so browser bundles never see it. */
async function nodeFs(): Promise<FsPromises> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const builtin = proc?.getBuiltinModule?.('node:fs/promises') as FsPromises | undefined
  if (builtin) return builtin
  const id = 'node:fs/promises'
  return (await import(/* @vite-ignore */ id)) as FsPromises
}

async function compileUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === 'file:') {
    const bytes = await (await nodeFs()).readFile(url)
    return WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>)
  }
  const response = await fetch(url)
  if (!response.ok) throw new Error(`cannot load the core's wasm from ${url.href}: HTTP ${response.status}`)
  // Streaming compilation needs the application/wasm type; fall back to bytes for other servers.
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response)
  }
  return WebAssembly.compile(await response.arrayBuffer())
}

/** Compiles the core once per URL (modules are immutable, so engines may share them). */
export function compileCore(source: WasmSource = DEFAULT_WASM_URL): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return Promise.resolve(source)
  if (source instanceof URL || typeof source === 'string') {
    const url = source instanceof URL ? source : new URL(source, DEFAULT_WASM_URL)
    let module = compiled.get(url.href)
    if (!module) {
      module = compileUrl(url)
      compiled.set(url.href, module)
      module.catch(() => compiled.delete(url.href))
    }
    return module
  }
  return WebAssembly.compile(source)
}
