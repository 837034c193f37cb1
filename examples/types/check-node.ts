// Node consumers: a worker_threads Worker from a factory, and a path.
import { Worker } from 'node:worker_threads'
import { createWorkerPool } from '@weight-decay/api'

const fromFactory = await createWorkerPool({ worker: () => new Worker(new URL('./node_modules/@weight-decay/api/dist/worker.js', import.meta.url)) })
const fromPath = await createWorkerPool({ worker: 'node_modules/@weight-decay/api/dist/worker.js' })
await Promise.all([fromFactory.terminate(), fromPath.terminate()])
