// Builds both targets with webpack's Node API and fails on any error or warning.
import webpack from 'webpack'
import configs from './webpack.config.mjs'

const stats = await new Promise((resolve, reject) => webpack(configs, (error, result) => (error ? reject(error) : resolve(result))))
const info = stats.toJson({ all: false, errors: true, warnings: true })
for (const w of info.warnings) console.error('warning:', w.message)
for (const e of info.errors) console.error('error:', e.message)
if (stats.hasErrors() || stats.hasWarnings()) process.exit(1)
