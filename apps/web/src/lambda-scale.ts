// The λ slider: position 0 is λ = 0, the rest a log scale of 10 steps per decade.

export const LAMBDA_MIN = 1e-4
export const LAMBDA_MAX = 1e3
const STEPS_PER_DECADE = 10
/** The slider's largest position. */
export const SLIDER_MAX = Math.round(Math.log10(LAMBDA_MAX / LAMBDA_MIN) * STEPS_PER_DECADE) + 1

/** λ at a slider position, rounded to 3 significant digits so labels and URLs stay short. */
export function positionToLambda(position: number): number {
  if (position <= 0) return 0
  const exponent = Math.log10(LAMBDA_MIN) + (Math.min(position, SLIDER_MAX) - 1) / STEPS_PER_DECADE
  return Number((10 ** exponent).toPrecision(3))
}

/** The slider position nearest to λ (λ outside the slider's range sits at an end). */
export function lambdaToPosition(lambda: number): number {
  if (!(lambda > 0)) return 0
  const p = Math.round((Math.log10(lambda) - Math.log10(LAMBDA_MIN)) * STEPS_PER_DECADE) + 1
  return Math.max(1, Math.min(SLIDER_MAX, p))
}

/**
 * The largest λ that cannot make SGD overshoot at this learning rate: each step multiplies w by
 * (1 − lr·λ·m/batchSize), which diverges once lr·λ ≥ 2; 1/lr keeps a factor of two in hand.
 */
export const stableLambda = (lr: number): number => 1 / lr

/** The slider's top position at this learning rate: no λ on the slider diverges by decay alone. */
export function sliderMaxFor(lr: number): number {
  let p = SLIDER_MAX
  while (p > 1 && positionToLambda(p) > stableLambda(lr)) p--
  return p
}
