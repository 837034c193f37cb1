// Minimal local types for what the public API touches from the host (browser or Node), so the
// declarations type-check with `lib: ["es2022"]` + @types/node as well as with the DOM libs.

/** A compiled WebAssembly module (`WebAssembly.Module`); typed loosely so no DOM types are needed. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WasmModule {}

/** Where the core's WebAssembly comes from: a URL (or a string, see {@link createEngine}), its bytes, or a compiled `WebAssembly.Module`. */
export type WasmSource = URL | string | ArrayBuffer | ArrayBufferView | WasmModule

/** The part of a browser `Worker` the pool uses. */
export interface WebWorkerLike {
  /** Sends a message to the worker. */
  postMessage(message: unknown): void
  /** Listens for the worker's messages and load or run-time errors. */
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void
  /** Stops the worker. */
  terminate(): void
}

/** The part of Node's `worker_threads.Worker` the pool uses. */
export interface NodeWorkerLike {
  /** Sends a message to the worker. */
  postMessage(message: unknown): void
  /** Listens for the worker's messages, errors and exit. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node's overloads type each event's value differently
  on(event: 'message' | 'error' | 'exit', listener: (value: any) => void): unknown
  /** Stops the worker. */
  terminate(): unknown
  /** Keeps the process alive while the worker runs. */
  ref?(): void
  /** Lets the process exit while the worker idles. */
  unref?(): void
}

/** A worker the pool may use: a browser Web Worker or a Node worker_threads Worker. */
export type WorkerLike = WebWorkerLike | NodeWorkerLike

/** Where the pool's workers come from: the URL of `@weight-decay/api`'s `dist/worker.js` (or a bundled copy), or a function that starts one. */
export type WorkerSource = URL | string | (() => WorkerLike)

type Process = { versions?: { node?: string }; cwd?(): string; getBuiltinModule?(id: string): unknown }

/** Node's process object, if this is Node (looked up at run time so bundlers never see `process`). */
export function nodeProcess(): Process | undefined {
  const proc = (globalThis as { process?: Process }).process
  return proc?.versions?.node ? proc : undefined
}

/** A Node builtin without any `import` (no bundler warnings, nothing for browser bundles to resolve). */
export function nodeBuiltin<T>(id: string): T {
  const proc = nodeProcess()
  const module = proc?.getBuiltinModule?.(id) as T | undefined
  if (!module) throw new Error(`${id} is not available: @weight-decay/api needs Node >= 20.16 (process.getBuiltinModule)`)
  return module
}

/**
 * Resolves a string the caller gave: absolute URLs as they are; anything else against the page
 * (`document.baseURI`, or the worker's location) in browsers, and against the current working
 * directory in Node (absolute paths stay absolute).
 */
export function resolveUserUrl(value: string): URL {
  if (/^[a-z][a-z0-9+.-]+:/i.test(value)) return new URL(value)
  const doc = (globalThis as { document?: { baseURI?: string } }).document
  if (doc?.baseURI) return new URL(value, doc.baseURI)
  if (nodeProcess()) {
    const { pathToFileURL } = nodeBuiltin<{ pathToFileURL(path: string): URL }>('node:url')
    const { resolve } = nodeBuiltin<{ resolve(...paths: string[]): string }>('node:path')
    return pathToFileURL(resolve(nodeProcess()!.cwd!(), value))
  }
  const loc = (globalThis as { location?: { href?: string } }).location
  if (loc?.href) return new URL(value, loc.href)
  throw new Error(`cannot resolve the relative URL '${value}': there is no document, location or working directory; pass an absolute URL`)
}
