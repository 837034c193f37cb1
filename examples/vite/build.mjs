// A default vite build (relative base, so dist/ works from any folder).
import { build } from 'vite'

await build({ base: './', logLevel: 'warn' })
