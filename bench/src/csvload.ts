// Scenario 9: loading a large CSV (200,000 rows × 50 features + target, ≈ 100 MB) with the CLI's
// streaming loader, against pandas.read_csv (Debian's /usr/bin/python3 with python3-pandas).
// Targets (issue 10): at most 1.5 × pandas' time; peak RSS at most 2 × the numeric data as
// float64 + 100 MB. Each load runs in a fresh process so its peak RSS is its own.
import { spawnSync } from 'node:child_process'
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { summarize, type Summary } from './stats.js'

const ROWS = 200_000
const FEATURES = 50
const PYTHON = '/usr/bin/python3'
const CHILD = fileURLToPath(new URL('./csvload-child.js', import.meta.url))
const PANDAS = `
import sys, time, re, json
import pandas as pd
t0 = time.perf_counter()
df = pd.read_csv(sys.argv[1])
ms = (time.perf_counter() - t0) * 1000
kb = int(re.search(r'VmHWM:\\s*(\\d+) kB', open('/proc/self/status').read()).group(1))
print(json.dumps({'ms': ms, 'maxRssBytes': kb * 1024, 'rows': len(df)}))
`

/** How the scenario reports (main.ts's record, heading and notes). */
export interface Reporter {
  record(row: { scenario: string; impl: string; summary?: Summary; ratio?: number; note?: string; skipped?: string }): void
  heading(title: string): void
  notes: string[]
  reps(full: number, quick?: number): number
}

/** Writes the CSV: a header, then rows of decimals with 6 digits after the point. */
function generate(file: string): number {
  const fd = openSync(file, 'w')
  let s = 12345
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0), s / 2 ** 32 - 0.5)
  let bytes = 0
  const write = (text: string) => (bytes += writeSync(fd, text))
  write([...Array.from({ length: FEATURES }, (_, j) => `x${j + 1}`), 'y'].join(',') + '\n')
  let lines: string[] = []
  for (let i = 0; i < ROWS; i++) {
    const row = Array.from({ length: FEATURES }, () => (rand() * 20).toFixed(6))
    row.push((rand() * 100).toFixed(4))
    lines.push(row.join(','))
    if (lines.length === 2000) {
      write(lines.join('\n') + '\n')
      lines = []
    }
  }
  if (lines.length) write(lines.join('\n') + '\n')
  closeSync(fd)
  return bytes
}

interface Load {
  ms: number
  maxRssBytes: number
  rows: number
}

function runs(command: string, args: string[], n: number): Load[] {
  const out: Load[] = []
  for (let i = 0; i < n; i++) {
    const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 20 })
    if (r.status !== 0) throw new Error(`${command} failed: ${(r.stderr || r.error?.message || '').split('\n')[0]}`)
    out.push(JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Load)
  }
  return out
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!

/** Scenario 9. */
export function csvLoad(r: Reporter): void {
  const scenario = `9. CSV load: ${ROWS.toLocaleString('en')} × ${FEATURES} + target (--data, 20% test hold-out), fresh process each`
  r.heading(scenario)
  const dir = mkdtempSync(join(tmpdir(), 'weight-decay-csv-'))
  try {
    const file = join(dir, 'large.csv')
    const bytes = generate(file)
    const dataBytes = ROWS * (FEATURES + 1) * 8
    const budget = 2 * dataBytes + 100 * 2 ** 20
    const n = r.reps(5, 3)
    const ours = runs(process.execPath, [CHILD, file], n)
    const oursSummary = summarize(ours.map((l) => l.ms))
    const oursRss = median(ours.map((l) => l.maxRssBytes))
    r.record({ scenario, impl: 'weight-decay CLI loader (streaming, typed arrays)', summary: oursSummary, note: `file ${mb(bytes)}; peak RSS ${mb(oursRss)} (median), budget ${mb(budget)} = 2 × ${mb(dataBytes)} f64 + 100 MB: ${oursRss <= budget ? 'within' : 'OVER'}` })
    if (!existsSync(PYTHON)) {
      r.record({ scenario, impl: 'pandas.read_csv', skipped: `${PYTHON} not found` })
      r.notes.push(`NOTE: scenario 9 ran without its pandas peer: ${PYTHON} is absent`)
      return
    }
    try {
      const pandas = runs(PYTHON, ['-c', PANDAS, file], n)
      const s = summarize(pandas.map((l) => l.ms))
      const rss = median(pandas.map((l) => l.maxRssBytes))
      const ratio = oursSummary.median / s.median
      r.record({ scenario, impl: 'pandas.read_csv (python3-pandas)', summary: s, ratio: s.median / oursSummary.median, note: `peak RSS ${mb(rss)}; ours ÷ pandas time = ${ratio.toFixed(2)} (target ≤ 1.5: ${ratio <= 1.5 ? 'met' : 'NOT met'})` })
    } catch (error) {
      r.record({ scenario, impl: 'pandas.read_csv', skipped: (error as Error).message })
      r.notes.push(`NOTE: scenario 9 ran without its pandas peer (${(error as Error).message}); install python3-pandas`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
