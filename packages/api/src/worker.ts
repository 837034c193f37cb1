// The worker side of the pool: one engine per worker, running the tasks it is sent.
// Runs as a Web Worker (module type) in browsers and as a worker_threads worker in Node.
import { openEngine, type Engine } from './engine.js'
import { ConfigError, describeValue } from './errors.js'
import { nodeBuiltin } from './platform.js'
import type { WireError, WorkerRequest, WorkerResponse } from './protocol.js'

interface Port {
  post(message: WorkerResponse): void
  listen(handler: (message: WorkerRequest) => void): void
}

async function connect(): Promise<Port> {
  if ('WorkerGlobalScope' in globalThis) {
    const scope = globalThis as unknown as { postMessage(m: unknown): void; addEventListener(t: 'message', h: (e: MessageEvent) => void): void }
    return {
      post: (m) => scope.postMessage(m),
      listen: (h) => scope.addEventListener('message', (e) => h(e.data as WorkerRequest)),
    }
  }
  const { parentPort } = nodeBuiltin<{
    parentPort: { postMessage(m: unknown): void; on(event: 'message', h: (m: WorkerRequest) => void): void } | null
  }>('node:worker_threads')
  if (!parentPort) throw new Error('worker.js must run inside a worker')
  return { post: (m) => parentPort.postMessage(m), listen: (h) => parentPort.on('message', h) }
}

function toWire(error: unknown): WireError {
  if (error instanceof ConfigError) return { name: error.name, message: error.message, key: error.key, value: wireValue(error.value) }
  if (error instanceof Error) return { name: error.name, message: error.message }
  return { name: 'Error', message: String(error) }
}

/** A ConfigError's value as it can cross: primitives as they are (a number stays a number), else its description. */
function wireValue(value: unknown): unknown {
  const t = typeof value
  if (value === null || t === 'undefined' || t === 'number' || t === 'string' || t === 'boolean' || t === 'bigint') return value
  return describeValue(value)
}

let engine: Promise<Engine> | undefined

// No top-level await, so bundlers may emit the worker in any format.
void connect().then((port) => port.listen((request) => void handle(port, request)))

async function handle(port: Port, request: WorkerRequest): Promise<void> {
  const { id } = request
  try {
    if (request.kind === 'init') {
      engine = openEngine({ wasm: request.module }, () => Promise.reject(new Error('the pool sends the compiled core')))
      await engine
      port.post({ id, kind: 'done', value: null })
      return
    }
    if (!engine) throw new Error('worker used before init')
    const e = await engine
    const value =
      request.kind === 'sweep'
        ? e.sweepTask(request.plan, request.task, () => port.post({ id, kind: 'progress' }))
        : request.kind === 'solve'
          ? e.solve(request.options)
          : request.kind === 'cv'
            ? e.cvTask(request.options, request.fold)
            : request.kind === 'coefPath'
              ? e.coefPathTask(request.options, request.start, request.end, () => port.post({ id, kind: 'progress' }))
              : e.train(request.options)
    port.post({ id, kind: 'done', value })
  } catch (error) {
    port.post({ id, kind: 'error', error: toWire(error) })
  }
}
