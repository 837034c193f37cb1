// The CSV reader's number parser agrees with Number() (correct rounding) on every decimal, and
// rejects exactly what decimal() rejects.
import { describe, expect, it } from 'vitest'
import { decimal } from '../src/decimal.js'
import { parseDecimalBytes } from '../src/decimal-bytes.js'

const parse = (text: string) => {
  const b = Buffer.from(text, 'latin1')
  return parseDecimalBytes(b, b.length)
}

describe('parseDecimalBytes', () => {
  it('equals Number() bit for bit on random decimals of every shape', () => {
    let s = 7
    const rand = (n: number) => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s % n)
    const digits = (n: number) => Array.from({ length: n }, () => String(rand(10))).join('')
    for (let i = 0; i < 20000; i++) {
      const sign = ['', '-', '+'][rand(3)]!
      const int = digits(rand(20))
      const frac = rand(2) ? `.${digits(rand(25))}` : ''
      const exp = rand(3) === 0 ? `${rand(2) ? 'e' : 'E'}${['', '-', '+'][rand(3)]}${digits(1 + rand(3))}` : ''
      const text = `${sign}${int || (frac.length > 1 ? '' : '0')}${frac}${exp}`
      const want = decimal(text)
      const got = parse(text)
      if (want === undefined) expect(Number.isFinite(got), text).toBe(false)
      else expect(Object.is(got, want) || (got === 0 && want === 0), text).toBe(true)
    }
  })

  it('edge cases: exact halfway and long mantissas, subnormals, overflow, and non-numbers', () => {
    for (const text of ['0.1', '9007199254740993', '123456789012345678901234567890', '2.2250738585072011e-308', '4.9e-324', '1e-400', '0.000000000000000000000000001', '1.7976931348623157e308', '-0', '.5', '5.', '1e22', '1e23', '123456789012345e-22']) {
      expect(parse(text), text).toBe(Number(text))
    }
    for (const text of ['', '-', '.', 'e5', '1e', '1e+', '1.2.3', '0x10', 'NaN', 'Infinity', '1 2', '١']) expect(parse(text), text).toBeNaN()
    expect(parse('1e999')).toBe(Infinity)
  })
})
