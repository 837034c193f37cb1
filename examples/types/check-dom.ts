// DOM consumers: a real Web Worker from a factory, and a worker URL.
import { createWorkerPool } from '@weight-decay/api'

const fromFactory = await createWorkerPool({ worker: () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }) })
const fromUrl = await createWorkerPool({ worker: new URL('./worker.js', document.baseURI) })
await Promise.all([fromFactory.terminate(), fromUrl.terminate()])
