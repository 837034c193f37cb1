// Run as a child process: times the plain TypeScript loop on the large problem, so each dtype
// gets a fresh JIT (in one process the second dtype would run on code specialised for the first).
import { LARGE } from './large.js'
import { trainPlain } from './plain.js'

const [dtype = 'float32', runs = '1'] = process.argv.slice(2)
const ms = Array.from({ length: Number(runs) }, () => trainPlain({ ...LARGE, dtype: dtype as 'float32' | 'float64', evalEvery: 1_000_000 }).timing.trainMs)
process.stdout.write(`${JSON.stringify({ ms })}\n`)
