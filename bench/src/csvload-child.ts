// Run as a child process: loads a CSV with the CLI's streaming loader (`--data` as the CLI reads
// it: parse, 20% test hold-out, typed arrays) and prints the time and this process's peak RSS.
import { readFileSync } from 'node:fs'

const file = process.argv[2]!
const loader = new URL('../../apps/cli/dist/data.js', import.meta.url).href
const { loadData } = (await import(loader)) as { loadData(files: { train: string; testFraction: number }): Promise<{ info: { rows: { train: number; test: number } } }> }
const t0 = performance.now()
const loaded = await loadData({ train: file, testFraction: 0.2 })
const ms = performance.now() - t0
const kb = Number(/VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN)
process.stdout.write(`${JSON.stringify({ ms, maxRssBytes: kb * 1024, rows: loaded.info.rows.train + loaded.info.rows.test })}\n`)
