// Exports: the charts as one PNG, the results as CSV and JSON (numbers in full precision).
import type { SweepResult, Spread, CvResult } from '@weight-decay/api'
import type { Run } from './runs.js'
import type { Config, RunSpec } from './state.js'

/** Offers a file to the visitor (a download; nothing leaves the page). */
export function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** The drawn charts stacked in one PNG. */
export function chartsPng(canvases: (HTMLCanvasElement | null)[]): Promise<Blob> {
  const drawn = canvases.filter((c): c is HTMLCanvasElement => c !== null)
  if (drawn.length === 0) return Promise.reject(new Error('no chart has been drawn yet'))
  const out = document.createElement('canvas')
  out.width = Math.max(...drawn.map((c) => c.width))
  out.height = drawn.reduce((sum, c) => sum + c.height, 0)
  const ctx = out.getContext('2d')!
  ctx.fillStyle = getComputedStyle(document.documentElement).getPropertyValue('--card').trim() || '#fff'
  ctx.fillRect(0, 0, out.width, out.height)
  let y = 0
  for (const c of drawn) {
    ctx.drawImage(c, 0, y)
    y += c.height
  }
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'))
}

/** λ in force during `epoch` (1-based): the last change made before it, or the start λ. */
export function lambdaAt(spec: RunSpec, epoch: number): number {
  let lambda = spec.lambda
  for (const c of spec.changes) if (c.epoch < epoch) lambda = c.lambda
  return lambda
}

/** The results as plain data. */
export function resultsJson(url: string, config: Config, runs: Run[], path: SweepResult | null, crossValidation: CvResult | null = null): object {
  return {
    url,
    config,
    runs: runs.map((run, i) => {
      const r = run.trainer.result()
      return {
        run: i + 1,
        lambda: run.spec.lambda,
        lambdaChanges: run.spec.changes,
        optimizer: r.config.optimizer,
        decay: r.config.decay,
        finished: run.result !== null,
        epoch: run.trainer.epoch,
        wNorm: r.wNorm,
        trainLoss: r.trainLoss,
        testLoss: r.testLoss,
        objective: r.objective,
        diverged: r.diverged,
        b: r.b,
        w: Array.from(r.w),
        history: r.history,
      }
    }),
    path,
    crossValidation,
  }
}

const HEADER = ['section', 'run', 'lambda', 'epoch', 'train_loss', 'test_loss', 'valid_loss', 'w_norm', 'test_loss_p10', 'test_loss_p90', 'valid_loss_p10', 'valid_loss_p90', 'w_norm_p10', 'w_norm_p90', 'exact_train_loss', 'exact_test_loss', 'exact_valid_loss', 'exact_w_norm']

/** One table: the runs' histories and finals, then the path's rows (empty cells where n/a). */
export function resultsCsv(runs: Run[], path: SweepResult | null): string {
  const lines = [HEADER.join(',')]
  const row = (cells: Partial<Record<(typeof HEADER)[number], number | string | undefined>>) => lines.push(HEADER.map((k) => (cells[k] === undefined ? '' : String(cells[k]))).join(','))
  runs.forEach((run, i) => {
    for (const p of run.trainer.history) row({ section: 'history', run: i + 1, lambda: lambdaAt(run.spec, p.epoch), epoch: p.epoch, train_loss: p.trainLoss, test_loss: p.testLoss })
    const r = run.trainer.result()
    row({ section: 'final', run: i + 1, lambda: lambdaAt(run.spec, run.trainer.epoch), epoch: run.trainer.epoch, train_loss: r.trainLoss, test_loss: r.testLoss, w_norm: r.wNorm })
  })
  const m = (s: Spread | null | undefined, f: keyof Spread) => s?.[f]
  for (const r of path?.rows ?? []) {
    row({
      section: 'path', lambda: r.lambda,
      train_loss: m(r.trainLoss, 'mean'), test_loss: m(r.testLoss, 'mean'), valid_loss: m(r.validLoss, 'mean'), w_norm: m(r.wNorm, 'mean'),
      test_loss_p10: m(r.testLoss, 'p10'), test_loss_p90: m(r.testLoss, 'p90'), valid_loss_p10: m(r.validLoss, 'p10'), valid_loss_p90: m(r.validLoss, 'p90'),
      w_norm_p10: m(r.wNorm, 'p10'), w_norm_p90: m(r.wNorm, 'p90'),
      exact_train_loss: r.optimum.trainLoss, exact_test_loss: r.optimum.testLoss, exact_valid_loss: r.optimum.validLoss, exact_w_norm: r.optimum.wNorm,
    })
  }
  return `${lines.join('\n')}\n`
}
