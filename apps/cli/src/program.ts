import { readFileSync } from 'node:fs'
import { Command, CommanderError } from 'commander'
import { AbortError, ConfigError } from '@weight-decay/api'
import { colorsFor } from './color.js'
import { registerCompare } from './commands/compare.js'
import { registerCv } from './commands/cv.js'
import { registerPredict } from './commands/predict.js'
import { registerSolve } from './commands/solve.js'
import { registerSweep } from './commands/sweep.js'
import { registerTrain } from './commands/train.js'
import { RuntimeFailure, UsageError } from './errors.js'
import { examples } from './help.js'
import { flagOf } from './options.js'

export { RuntimeFailure, UsageError } from './errors.js'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

const hint = (command?: string) => `(run 'weight-decay${command ? ` ${command}` : ''} --help' for usage)`

/** The whole program; commands register themselves on it. */
export function buildProgram(): Command {
  const red = colorsFor(process.stderr).red
  const program = new Command('weight-decay')
    .description('A laboratory for weight decay (L2 regularization): train linear regression by SGD in WebAssembly and watch it overfit or not.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .showHelpAfterError(hint())
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({ showGlobalOptions: false, sortSubcommands: false })
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error:/, red('error:'))) })
  registerCompare(program)
  registerTrain(program)
  registerSweep(program)
  registerSolve(program)
  registerCv(program)
  registerPredict(program)
  for (const command of program.commands) command.showHelpAfterError(hint(command.name()))
  program.addHelpText(
    'after',
    examples([
      ['weight-decay compare', "the seed's experiment: λ = 0 against λ = 10"],
      ['weight-decay train --lambda 3 --format json', 'one run, as JSON'],
      ['weight-decay sweep --lambdas 0,0.01:100:13:log', 'the regularization path and the best λ'],
      ['weight-decay solve --lambda 3', 'the exact optimum'],
      ['weight-decay cv --data my.csv --folds 5', 'cross-validate λ on your own data'],
      ['weight-decay predict --model m.json --data new.csv', 'predictions of a saved model'],
      ['weight-decay train --help', "a command's options and their defaults"],
    ]) + '\nExit codes: 0 success, 1 runtime failure (unreadable file, divergence), 2 usage error.\n',
  )
  return program
}

/** Parses and runs; returns the exit code: 0 success, 1 runtime failure, 2 usage error, 130 interrupted. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram()
  let current: string | undefined
  program.hook('preAction', (_program, action) => {
    current = action.name()
  })
  const fail = (message: string, usage: boolean) => {
    const red = colorsFor(process.stderr).red
    process.stderr.write(`${red('error:')} ${message}\n${usage ? `${hint(current)}\n` : ''}`)
  }
  try {
    await program.parseAsync(argv)
    return 0
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0
      // Commander has already printed the message and the hint (or the help, for a bare `weight-decay`).
      return 2
    }
    if (error instanceof UsageError) {
      fail(error.message, true)
      return 2
    }
    if (error instanceof ConfigError) {
      const flag = error.key.startsWith('data') ? '--data' : flagOf(error.key.replace(/\[.*$/, ''))
      fail(`${error.message} (${flag})`, true)
      return 2
    }
    if (error instanceof AbortError) {
      process.stderr.write('interrupted\n')
      return 130
    }
    if (error instanceof RuntimeFailure) {
      fail(error.message, false)
      return 1
    }
    // Anything else is a bug or an environment failure: still one line, never a stack trace.
    fail(error instanceof Error ? error.message : String(error), false)
    return 1
  }
}
