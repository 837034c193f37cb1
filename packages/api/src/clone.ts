import { ConfigError } from './errors.js'

/**
 * The error for options a worker cannot be sent: a ConfigError naming the first key (dotted, one
 * level into `data` and `init`) whose value cannot be cloned, e.g. a Proxy; else `error` itself.
 */
export function cloneFailure(options: unknown, error: Error): Error {
  const find = (value: unknown, key: string, depth: number): ConfigError | undefined => {
    try {
      structuredClone(value)
      return undefined
    } catch {
      if (depth > 0 && value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) {
          const inner = find(v, key ? `${key}.${k}` : k, depth - 1)
          if (inner) return inner
        }
      }
      return key ? new ConfigError(key, value, `${key} cannot be sent to a worker (${error.message}); use plain arrays, objects and typed arrays`) : undefined
    }
  }
  return find(options, '', 2) ?? error
}
