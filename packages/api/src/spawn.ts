// How the pool starts its workers: from a URL or factory the caller gives, else from the
// package's worker.js where that works, else from the self-contained worker bundle that ships
// inside the JavaScript (a blob: URL in browsers, a data: URL in Node).
import { nodeBuiltin, nodeProcess, resolveUserUrl, type NodeWorkerLike, type WebWorkerLike, type WorkerLike, type WorkerSource } from './platform.js'
import type { WorkerRequest, WorkerResponse } from './protocol.js'

/** A worker as the pool sees it: Node's worker_threads.Worker or a Web Worker behind one face. */
export interface Thread {
  post(message: WorkerRequest): void
  onMessage(handler: (message: WorkerResponse) => void): void
  onFailure(handler: (error: Error) => void): void
  /** Node only: called when the worker stops (after `onFailure`'s error, if there was one). */
  onExit(handler: (code: number) => void): void
  /** Node only: whether an idle worker may let the process exit. */
  hold(busy: boolean): void
  terminate(): void
}

const HINT = "pass createWorkerPool({ worker }) the URL of @weight-decay/api's dist/worker.js as your server or bundle serves it, or a factory () => new Worker(url, { type: 'module' })"

type NodeWorkerClass = new (url: URL | string, options?: { eval?: boolean }) => NodeWorkerLike

function isNodeWorker(worker: WorkerLike): worker is NodeWorkerLike {
  return typeof (worker as NodeWorkerLike).on === 'function'
}

/** Puts one face on either kind of worker; `where` names it in errors. */
function wrap(worker: WorkerLike, where: string): Thread {
  const failure = (message: string | undefined) => new Error(`the worker from ${where} failed${message ? `: ${message}` : ' to load or run'}; ${HINT}`)
  if (isNodeWorker(worker)) {
    return {
      post: (m) => worker.postMessage(m),
      onMessage: (h) => void worker.on('message', h),
      onFailure: (h) => {
        worker.on('error', (e: Error) => h(failure(e?.message)))
      },
      onExit: (h) => void worker.on('exit', h),
      hold: (busy) => (busy ? worker.ref?.() : worker.unref?.()),
      terminate: () => void worker.terminate(),
    }
  }
  const web = worker as WebWorkerLike
  return {
    post: (m) => web.postMessage(m),
    onMessage: (h) => web.addEventListener('message', (e) => h(e.data as WorkerResponse)),
    onFailure: (h) => {
      web.addEventListener('error', (e) => h(failure(e.message)))
      web.addEventListener('messageerror', () => h(failure('a message could not be deserialized')))
    },
    onExit: () => {},
    hold: () => {},
    terminate: () => web.terminate(),
  }
}

/** The self-contained worker, as one ES module's source text (loaded on first use). */
async function inlineSource(): Promise<string> {
  return (await import('./generated/worker-inline.js')).WORKER_SOURCE
}

/** A module Web Worker from a URL; throws synchronously (e.g. SecurityError) for a cross-origin URL. */
function webWorker(url: URL | string): WebWorkerLike {
  const WebWorker = (globalThis as { Worker?: new (url: URL | string, options: { type: 'module' }) => WebWorkerLike }).Worker!
  return new WebWorker(url, { type: 'module' })
}

/**
 * Until a worker answers its first message, keeps what was posted to it; if it fails before
 * then, starts the replacement and replays them. Used to fall back from the package's worker.js
 * (missing under esbuild or rollup, 404) to the inline bundle.
 */
function withFallback(primary: Thread, replacement: () => Thread, onSwitch: () => void): Thread {
  let current = primary
  let sent: WorkerRequest[] | undefined = []
  let messageHandler: ((m: WorkerResponse) => void) | undefined
  let failureHandler: ((e: Error) => void) | undefined
  let terminated = false
  const attach = (thread: Thread, fallible: boolean) => {
    thread.onMessage((m) => {
      if (thread !== current) return
      sent = undefined
      messageHandler?.(m)
    })
    thread.onFailure((e) => {
      if (thread !== current) return
      if (fallible && sent && !terminated) {
        const queued = sent
        thread.terminate()
        onSwitch()
        current = replacement()
        attach(current, false)
        for (const m of queued) current.post(m)
        return
      }
      failureHandler?.(e)
    })
  }
  attach(primary, true)
  return {
    post: (m) => {
      sent?.push(m)
      current.post(m)
    },
    onMessage: (h) => void (messageHandler = h),
    onFailure: (h) => void (failureHandler = h),
    // Browsers only, and Web Workers have no exit event.
    onExit: () => {},
    hold: (busy) => current.hold(busy),
    terminate: () => {
      terminated = true
      current.terminate()
    },
  }
}

/** A function that starts workers, per the caller's `worker` option or the defaults above. */
export async function threadFactory(source: WorkerSource | undefined): Promise<() => Thread> {
  const node = nodeProcess()
  if (typeof source === 'function') {
    return () => {
      let worker: WorkerLike
      try {
        worker = source()
      } catch (error) {
        throw new Error(`the worker factory passed to createWorkerPool threw: ${(error as Error).message}`)
      }
      return wrap(worker, 'the worker factory passed to createWorkerPool')
    }
  }
  if (source !== undefined) {
    const url = source instanceof URL ? source : resolveUserUrl(source)
    if (node) {
      const { Worker } = nodeBuiltin<{ Worker: NodeWorkerClass }>('node:worker_threads')
      return () => wrap(new Worker(url), url.href)
    }
    return () => {
      try {
        return wrap(webWorker(url), url.href)
      } catch (error) {
        throw new Error(`cannot start a worker from ${url.href}: ${(error as Error).message}; ${HINT}`)
      }
    }
  }
  if (node) {
    // Node: always the inline bundle, so bundled apps (esbuild, webpack, CommonJS) need no file.
    const code = await inlineSource()
    const { Worker } = nodeBuiltin<{ Worker: NodeWorkerClass }>('node:worker_threads')
    const url = new URL(`data:text/javascript,${encodeURIComponent(code)}`)
    return () => wrap(new Worker(url), 'the inline worker bundle (data: URL)')
  }
  if (typeof (globalThis as { Worker?: unknown }).Worker !== 'function') {
    throw new Error('this environment has no Worker; createWorkerPool needs Web Workers or Node worker_threads')
  }
  let blobUrl: Promise<string> | undefined
  const inline = (): Thread => {
    blobUrl ??= inlineSource().then((code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' })))
    return deferred(blobUrl.then((url) => wrap(webWorker(url), 'the inline worker bundle (blob: URL)')))
  }
  let useInline = false
  return () => {
    if (useInline) return inline()
    let worker: WebWorkerLike
    try {
      // Written literally so bundlers (vite, webpack, Parcel) find and bundle the worker.
      worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })
    } catch {
      // Cross-origin (a CDN), no import.meta.url (CommonJS bundle), or no module workers.
      useInline = true
      return inline()
    }
    // Not import.meta.url in the message: webpack would bake the build machine's path into bundles.
    return withFallback(wrap(worker, "@weight-decay/api's worker.js (as your bundler emitted it)"), inline, () => void (useInline = true))
  }
}

/** A thread that exists once `pending` resolves; posts and handlers wait for it. */
function deferred(pending: Promise<Thread>): Thread {
  let thread: Thread | undefined
  let terminated = false
  const queue: WorkerRequest[] = []
  const onMessage: ((m: WorkerResponse) => void)[] = []
  const onFailure: ((e: Error) => void)[] = []
  const onExit: ((code: number) => void)[] = []
  let busy: boolean | undefined
  pending.then(
    (t) => {
      if (terminated) return t.terminate()
      thread = t
      for (const h of onMessage) t.onMessage(h)
      for (const h of onFailure) t.onFailure(h)
      for (const h of onExit) t.onExit(h)
      if (busy !== undefined) t.hold(busy)
      for (const m of queue) t.post(m)
    },
    (error: Error) => {
      if (!terminated) for (const h of onFailure) h(new Error(`cannot start the inline worker bundle: ${error.message}; ${HINT}`))
    },
  )
  return {
    post: (m) => (thread ? thread.post(m) : void queue.push(m)),
    onMessage: (h) => (thread ? thread.onMessage(h) : void onMessage.push(h)),
    onFailure: (h) => (thread ? thread.onFailure(h) : void onFailure.push(h)),
    onExit: (h) => (thread ? thread.onExit(h) : void onExit.push(h)),
    hold: (b) => (thread ? thread.hold(b) : void (busy = b)),
    terminate: () => {
      terminated = true
      thread?.terminate()
    },
  }
}
