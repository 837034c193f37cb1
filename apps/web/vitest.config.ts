import { defineConfig } from 'vitest/config'
import { reporters } from '../../vitest.shared.js'

// Browser tests drive one Chromium against the built dist; run files one after another.
export default defineConfig({
  test: { reporters, include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
})
