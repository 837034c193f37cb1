// The rules of a λ change on a run (runs.ts): before the run starts or after it diverged, λ
// replaces its starting λ; mid-run, a marker records the epoch; on a finished run, the run
// continues from its weights for another `epochs` epochs, within the page's limits, so a link
// with every change still replays exactly.
import { MAX_CHANGES, MAX_RUN_EPOCHS } from './limits.js'
import { runEnd, type RunSpec } from './state.js'

/** What a λ change does: start the run again, continue it to `end` with `spec`, or nothing (`refused` says why). */
export type LambdaChange = { restart: RunSpec } | { spec: RunSpec; end: number } | { refused: string }

/** The change of λ to `lambda` at `epoch` of a run with this spec, in an experiment of `epochs` epochs. */
export function planLambdaChange(spec: RunSpec, epoch: number, diverged: boolean, epochs: number, lambda: number): LambdaChange {
  if (epoch === 0 || diverged) return { restart: { ...spec, lambda, changes: [] } }
  // A change made now replaces any planned for later (from a shared link or an earlier replay).
  const changes = spec.changes.filter((c) => c.epoch < epoch)
  const next: RunSpec = { ...spec, changes: [...changes, { epoch, lambda }] }
  const end = runEnd(next, epochs)
  if (next.changes.length > MAX_CHANGES) return { refused: `a run keeps at most ${MAX_CHANGES} λ changes, so its link replays exactly; press Reset to start this run again from epoch 0 with λ = ${lambda}.` }
  if (end > MAX_RUN_EPOCHS) return { refused: `continuing would take this run to epoch ${end.toLocaleString('en')}, past the ${MAX_RUN_EPOCHS.toLocaleString('en')} this page runs; press Reset to start it again with λ = ${lambda}.` }
  return { spec: next, end }
}
