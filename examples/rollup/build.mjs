// Builds with rollup's JavaScript API and fails on any warning.
import { rollup } from 'rollup'
import config from './rollup.config.mjs'

const warnings = []
const bundle = await rollup({ ...config, onwarn: (w) => warnings.push(w.message) })
await bundle.write(config.output)
await bundle.close()
if (warnings.length) {
  console.error(warnings.join('\n'))
  process.exit(1)
}
