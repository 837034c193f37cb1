// The optimizer settings as the core reads them: one f64 block per problem (see
// packages/core/assembly/optim.ts for the slots), and which runs keep the seed's fused SGD step.
import { penaltyWeights, type ExperimentConfig } from './config.js'
import type { Core } from './core.js'

/** The config keys that choose and tune the optimizer. */
export type OptimizerSettings = Pick<
  ExperimentConfig,
  'optimizer' | 'momentum' | 'nesterov' | 'beta1' | 'beta2' | 'eps' | 'decay' | 'schedule' | 'lr' | 'lambda' | 'penalty' | 'l1Ratio' | 'epochs'
>

/** Slots of the block: 0–11 settings (written before every call), 12–15 the optimizer's scalar state. */
const SETTINGS_SLOTS = 12
/** The f64 slots of the block. */
export const OPTIM_SLOTS = 16

/**
 * Whether the run is the seed's plain SGD (no momentum, coupled decay or λ = 0, constant lr): it
 * then takes the original fused step, so default runs keep their bits.
 */
export function isPlainSgd(c: Pick<ExperimentConfig, 'optimizer' | 'momentum' | 'decay' | 'schedule' | 'lambda'>): boolean {
  return c.optimizer === 'sgd' && c.momentum === 0 && (c.decay === 'coupled' || c.lambda === 0) && c.schedule === 'constant'
}

/** Writes the settings slots of the block at `ptr` from the config in force (the state slots are kept). */
export function writeOptimSettings(core: Core, ptr: number, c: OptimizerSettings): void {
  const { lambda1, lambda2 } = penaltyWeights(c)
  const slots = core.f64(ptr, SETTINGS_SLOTS)
  slots.set([
    c.lr,
    lambda1,
    lambda2,
    c.momentum,
    c.beta1,
    c.beta2,
    c.eps,
    c.epochs,
    c.optimizer === 'adam' ? 1 : 0,
    c.nesterov ? 1 : 0,
    c.decay === 'coupled' ? 0 : c.decay === 'decoupled' ? 1 : 2,
    c.schedule === 'cosine' ? 1 : 0,
  ])
}
