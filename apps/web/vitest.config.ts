import { defineConfig } from 'vitest/config'

// Browser tests drive one Chromium against the built dist; run files one after another.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
})
