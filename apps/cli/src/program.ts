import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { ConfigError } from '@weight-decay/api'
import { registerCompare } from './commands/compare.js'

const HELP_HINT = "(run 'weight-decay --help' for usage)"

/** Thrown for a failure at run time (not a usage error): exit 1 with its one-line message. */
export class RuntimeFailure extends Error {}

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

/** The whole program; commands register themselves on it. */
export function buildProgram(): Command {
  const program = new Command('weight-decay')
    .description('A laboratory for weight decay (L2 regularization): train linear regression by SGD in WebAssembly and watch it overfit or not.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError(HELP_HINT)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) })
  registerCompare(program)
  return program
}

/** Parses and runs; returns the exit code: 0 success, 1 runtime failure, 2 usage error. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv)
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
      return 2
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`error: ${error.message}\n${HELP_HINT}\n`)
      return 2
    }
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`error: ${message}\n`)
    return 1
  }
}
