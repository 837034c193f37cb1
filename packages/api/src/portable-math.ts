// Powers and logarithms that give the same bits in every JavaScript engine. `Math.exp`, `Math.log`
// and `**` are only approximately specified, and engines differ in the last bit (Chromium 156
// computes 10 ** 2.5 as 316.22776601683796, Node 20 as 316.2277660168379), which would make a λ
// grid, and everything solved on it, differ between the browser and Node. These use only + − × ÷
// (rounded identically everywhere by IEEE 754) and number ↔ decimal string conversion (exactly
// specified by ECMAScript).
// see: fdlibm e_exp.c and e_log.c (Sun Microsystems, 1993), whose reductions and coefficients these are.

const LN2_HI = 6.93147180369123816490e-1
const LN2_LO = 1.90821492927058770002e-10
const INV_LN2 = 1.4426950408889634074
const LN10 = 2.302585092994046
const SQRT2 = 1.4142135623730951

/** 2^k for an integer k, by exact doublings and halvings. */
function pow2(k: number): number {
  let r = 1
  let base = k < 0 ? 0.5 : 2
  for (let n = Math.abs(k); n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) r *= base
    base *= base
  }
  return r
}

/** e^x, within about an ulp, the same in every engine (for |x| ≤ 700). */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return NaN
  if (x > 709.782712893384) return Infinity
  if (x < -745.1332191019412) return 0
  const k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5))
  const hi = x - k * LN2_HI
  const lo = k * LN2_LO
  const r = hi - lo
  const t = r * r
  const c = r - t * (1.66666666666666019037e-1 + t * (-2.77777777770155933842e-3 + t * (6.61375632143793436117e-5 + t * (-1.65339022054652515390e-6 + t * 4.13813679705723846039e-8))))
  const y = 1 - (lo - (r * c) / (2 - c) - hi)
  // Two steps keep 2^k finite where y·2^k is (k up to 1024, or down into the subnormals).
  const half = Math.trunc(k / 2)
  return y * pow2(half) * pow2(k - half)
}

/** ln x for finite x > 0, within about an ulp, the same in every engine. */
export function portableLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN
  // x = m·2^k with m in [√2/2, √2): halvings and doublings are exact.
  let k = 0
  let m = x
  while (m >= 2 ** 64) (m /= 2 ** 64), (k += 64)
  while (m < 2 ** -64) (m *= 2 ** 64), (k -= 64)
  while (m >= SQRT2) (m /= 2), k++
  while (m < SQRT2 / 2) (m *= 2), k--
  const f = m - 1
  const s = f / (2 + f)
  const z = s * s
  const w = z * z
  const t1 = w * (3.999999999940941908e-1 + w * (2.222219843214978396e-1 + w * 1.531383769920937332e-1))
  const t2 = z * (6.666666666666735130e-1 + w * (2.857142874366239149e-1 + w * (1.818357216161805012e-1 + w * 1.479819860511658591e-1)))
  const hfsq = 0.5 * f * f
  return k * LN2_HI - (hfsq - (s * (hfsq + t2 + t1) + k * LN2_LO) - f)
}

/** 10^q for an integer q, correctly rounded (a decimal literal's value). */
function decade(q: number): number {
  return Number(`1e${q}`)
}

/** log10 x for finite x > 0; an exact integer when x is a power of ten as a literal writes it. */
export function portableLog10(x: number): number {
  const q = Number(x.toExponential().split('e')[1])
  const m = x / decade(q)
  return m === 1 ? q : q + portableLog(m) / LN10
}

/** 10^e; exactly the literal 1eN when e is an integer N. */
export function portablePow10(e: number): number {
  const q = Math.floor(e)
  if (q === e) return decade(q)
  return decade(q) * portableExp((e - q) * LN10)
}

/** base^e for finite base > 0, the same in every engine. */
export function portablePow(base: number, e: number): number {
  return portableExp(e * portableLog(base))
}
