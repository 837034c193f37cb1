import { ConfigError, describeValue } from './errors.js'

/**
 * A snapshot of a plain settings object: each own enumerable key read exactly once (a getter
 * cannot return one value to the check and another to the run); keys given as undefined are left
 * out. Anything but a plain object (null, an array, a Map), or one with inherited enumerable keys,
 * is a ConfigError.
 */
export function readSettings(input: unknown, what: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Object.prototype.toString.call(input) !== '[object Object]') {
    throw new ConfigError('config', input, `${what}; got ${describeValue(input)}`)
  }
  // A key inherited from a prototype is not copied to workers (nor by a spread): refuse it loudly.
  for (const key in input) {
    if (!Object.prototype.hasOwnProperty.call(input, key)) {
      throw new ConfigError(key, undefined, `${key} is inherited from the config's prototype; settings must be its own keys`)
    }
  }
  // No prototype, so a key named __proto__ stays a key (and is refused as unknown).
  const out = Object.create(null) as Record<string, unknown>
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key]
    if (value !== undefined) out[key] = value
  }
  return out
}
