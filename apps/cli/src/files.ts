// Every file the CLI writes goes to a temporary name in the same folder and is renamed over the
// target only when complete, so a full disk or an interruption never leaves a half-written file.
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { RuntimeFailure, describeFsError } from './errors.js'

/** Writes `content` to `file` atomically (temporary file, then rename); a failure removes the temporary file and is a RuntimeFailure. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(temp, 'wx', 0o644)
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    let offset = 0
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset)
    fsyncSync(fd)
    closeSync(fd)
    fd = undefined
    renameSync(temp, file)
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd)
      } catch {
        // already failing
      }
    }
    try {
      unlinkSync(temp)
    } catch {
      // it may not exist
    }
    throw new RuntimeFailure(`cannot write ${file}: ${describeWriteError(error)}`)
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as { code?: string }).code
  if (code === 'ENOSPC') return 'no space left on device (nothing was written)'
  if (code === 'EDQUOT') return 'disk quota exceeded (nothing was written)'
  if (code === 'EROFS') return 'read-only file system'
  return describeFsError(error)
}
