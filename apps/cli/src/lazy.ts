import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/** A CommonJS dependency loaded on first use, so commands that never need it start sooner. */
export function lazy<T>(id: string): () => T {
  let loaded: T | undefined
  return () => (loaded ??= require(id) as T)
}
