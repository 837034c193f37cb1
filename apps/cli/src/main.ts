#!/usr/bin/env node
import { run } from './program.js'

// A closed pipe (`weight-decay compare | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await run(process.argv)
