import type { Command } from 'commander'
import { createEngine } from '@weight-decay/api'
import { formatNumber, renderTable } from '../table.js'

/** `weight-decay compare`: the seed's experiment, λ = 0 against λ = 10 at the default config. */
export function registerCompare(program: Command): void {
  program
    .command('compare', { isDefault: false })
    .description("run the seed's experiment: train with λ = 0 and λ = 10 and compare train/test loss and ‖w‖")
    .action(async () => {
      const engine = await createEngine()
      for (const lambda of [0, 10]) {
        const result = engine.train({ lambda })
        const rows = result.history.map((p) => [String(p.epoch), formatNumber(p.trainLoss), formatNumber(p.testLoss)])
        process.stdout.write(`λ = ${lambda}\n`)
        process.stdout.write(renderTable(['epoch', 'train loss', 'test loss'], rows))
        process.stdout.write(`final ‖w‖ = ${formatNumber(result.wNorm)}\n\n`)
      }
    })
}
