// One app, two webpack targets: the browser and Node.
import { resolve } from 'node:path'

const base = { mode: 'production', entry: './src/main.js', devtool: false }
export default [
  { ...base, name: 'browser', target: 'web', output: { path: resolve('dist/browser'), publicPath: 'auto' } },
  { ...base, name: 'node', target: 'node20', output: { path: resolve('dist/node'), filename: 'main.cjs' } },
]
