import { defineConfig } from 'vitest/config'
import { reporters } from '../vitest.shared.js'

// One browser and one scratch folder for the whole matrix, so the tests run one after another.
export default defineConfig({ test: { reporters, include: ['test/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 240_000, fileParallelism: false } })
