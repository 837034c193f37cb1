#!/usr/bin/env node
import { colorsFor } from './color.js'
import { describeFsError } from './errors.js'
import { run } from './program.js'

// A closed pipe (`weight-decay compare | head`) is not an error; any other failed write of the
// output (a full disk, /dev/full) is a runtime failure: one line, exit 1, never a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  process.stderr.write(`${colorsFor(process.stderr).red('error:')} cannot write to standard output: ${describeFsError(error)}\n`)
  process.exit(1)
})

process.exitCode = await run(process.argv)
