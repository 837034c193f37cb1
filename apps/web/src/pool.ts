// One pool of Web Workers for every exact solve and path on the page, started on first use.
import { createWorkerPool, type WorkerPool } from '@weight-decay/api/url'

let pool: Promise<WorkerPool> | null = null

/** The page's worker pool (at most 4 workers; fewer on small machines). */
export function getPool(): Promise<WorkerPool> {
  pool ??= createWorkerPool({ size: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)) })
  return pool
}
