// Sums the JSON reports the packages' vitest runs wrote in CI into one closing line.
import { existsSync, readFileSync } from 'node:fs'

const reports = ['packages/core', 'packages/api', 'apps/cli', 'apps/web', 'bench', 'examples'].map((dir) => `${dir}/test-results/vitest.json`)
let passed = 0
let failed = 0
let skipped = 0
for (const file of reports) {
  if (!existsSync(file)) {
    console.log(`no report: ${file}`)
    continue
  }
  const r = JSON.parse(readFileSync(file, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  skipped += r.numPendingTests + (r.numTodoTests ?? 0)
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
