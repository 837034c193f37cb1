// Ships the core's wasm beside dist/, where `new URL('../wasm/core.wasm', import.meta.url)` finds it.
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const source = require.resolve('@weight-decay/core/core.wasm')
mkdirSync(new URL('../wasm/', import.meta.url), { recursive: true })
copyFileSync(source, new URL('../wasm/core.wasm', import.meta.url))
