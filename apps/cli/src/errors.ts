/** A usage error found after parsing (bad option combination, malformed CSV): exit 2 with the help hint. */
export class UsageError extends Error {}

/** A failure at run time (unreadable file, divergence): exit 1 with its one-line message. */
export class RuntimeFailure extends Error {}

/** The words of a Node file-system error code, for one-line messages. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory'
    case 'ENOTDIR':
      return 'a part of the path is not a directory'
    case 'ENOSPC':
      return 'no space left on device'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
