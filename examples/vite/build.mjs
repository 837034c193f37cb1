// A default vite build (relative base, so dist/ works from any folder); any warning fails.
import { build, createLogger } from 'vite'

const logger = createLogger('warn')
const warnings = []
const warn = logger.warn
logger.warn = (message, options) => {
  warnings.push(message)
  warn(message, options)
}
await build({ base: './', logLevel: 'warn', customLogger: logger })
if (warnings.length) process.exit(1)
