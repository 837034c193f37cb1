// Three esbuild bundles of one app: for the browser (ESM), Node ESM and Node CommonJS; any warning fails.
import { build } from 'esbuild'

const common = { entryPoints: ['src/main.js'], bundle: true, logLevel: 'warning' }
const results = [
  await build({ ...common, platform: 'browser', format: 'esm', outfile: 'dist/browser.js' }),
  await build({ ...common, platform: 'node', format: 'esm', outfile: 'dist/node.mjs' }),
  await build({ ...common, platform: 'node', format: 'cjs', outfile: 'dist/node.cjs' }),
]
if (results.some((r) => r.warnings.length)) process.exit(1)
