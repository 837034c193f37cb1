/**
 * Thrown for an invalid configuration or data, before any work starts.
 * `key` names the offending config key (a dotted path for data, e.g. `data.xTrain`),
 * `value` is what was given, and the message says what is allowed.
 */
export class ConfigError extends Error {
  /** Always `'ConfigError'`. */
  override name = 'ConfigError'
  /** The config key at fault, e.g. `lambda` or `data.xTrain`. */
  readonly key: string
  /** The offending value as given. */
  readonly value: unknown

  constructor(key: string, value: unknown, message: string) {
    super(message)
    this.key = key
    this.value = value
  }
}

/** Thrown by work stopped through an `AbortSignal`; `name` is `'AbortError'` as in the DOM. */
export class AbortError extends Error {
  /** Always `'AbortError'`. */
  override name = 'AbortError'
  constructor(message = 'The operation was aborted') {
    super(message)
  }
}

/** Shows a value in an error message: short, quoted when a string, never markup-sensitive. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const s = value.length > 40 ? `${value.slice(0, 40)}…` : value
    return JSON.stringify(s)
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (Array.isArray(value)) return `an array of length ${value.length}`
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`
  if (typeof value !== 'object') return `a ${typeof value}`
  // The built-in tag (Map, Date, …) reads no user code; plain objects and class instances say "an object".
  const tag = Object.prototype.toString.call(value).slice(8, -1)
  return tag === 'Object' ? 'an object' : `${/^[AEIOU]/.test(tag) ? 'an' : 'a'} ${tag}`
}
