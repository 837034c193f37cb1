// Settings every package's vitest config shares.
import type { ViteUserConfig } from 'vitest/config'

type Reporters = NonNullable<NonNullable<ViteUserConfig['test']>['reporters']>

/** In CI each package also writes a JSON report, which .ci/run sums into one closing line. */
export const reporters: Reporters = process.env.CI ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]] : ['default']
