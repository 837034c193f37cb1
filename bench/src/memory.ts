// Run as a child process: trains the large problem (or, with `baseline`, only loads the engine)
// and prints its peak resident set size next to the bytes of the problem's data.
import { readFileSync } from 'node:fs'
import { createEngine } from '@weight-decay/api'
import { LARGE } from './large.js'

/**
 * This process's peak resident set. Linux's VmHWM belongs to this process's own memory map;
 * getrusage's maxRSS (process.resourceUsage) also counts what the parent had resident at fork.
 */
function peakRss(): number {
  try {
    const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    if (kb) return Number(kb) * 1024
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024
}

async function main(): Promise<void> {
  const [dtype = 'float32', what = 'train'] = process.argv.slice(2) as ['float32' | 'float64', string]
  const engine = await createEngine()
  const bytes = dtype === 'float32' ? 4 : 8
  const rows = LARGE.nTrain + LARGE.nTest
  const dataBytes = rows * LARGE.numInputs * bytes + rows * bytes
  if (what === 'train') engine.train({ ...LARGE, dtype })
  const maxRssBytes = peakRss()
  process.stdout.write(`${JSON.stringify({ dtype, what, maxRssBytes, dataBytes, wasmBytes: engine.memoryBytes })}\n`)
}

await main()
