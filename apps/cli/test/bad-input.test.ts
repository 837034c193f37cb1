// Every kind of bad input, table-driven: exit code, the message naming the problem and what is
// allowed, the help hint for usage errors, never a stack trace, never NaN.
import { describe, expect, it } from 'vitest'
import { cliAsync, folder, regressionRows, toCsvText } from './run.js'

const good = toCsvText(regressionRows(30, 4), ['a', 'b', 'c', 'd', 'y'])
const dir = folder({
  'good.csv': good,
  'noheader.csv': toCsvText(regressionRows(30, 4)),
  'narrow.csv': toCsvText(regressionRows(10, 3), ['a', 'b', 'c', 'y']),
  'renamed.csv': toCsvText(regressionRows(10, 4), ['a', 'b', 'x', 'd', 'y']),
  'ragged.csv': 'a,b,c\n1,2,3\n4,5,6\n7,8\n',
  'long-row.csv': 'a,b,c\n1,2,3\n4,5,6,7\n',
  'text.csv': 'a,b,c\n1,2,3\n4,five,6\n',
  'empty-cell.csv': 'a,b,c\n1,2,3\n4,,6\n',
  'nan.csv': 'a,b\n1,2\nNaN,3\n',
  'inf.csv': 'a,b\n1,2\n3,Infinity\n',
  'huge.csv': 'a,b\n1,2\n3,1e999\n',
  'quote.csv': 'a,b\n1,2\n3,"4\n5,6\n',
  'stray-quote.csv': 'a,b\n1,2\n3,4"x"\n',
  'mixed-header.csv': '1,b,3\n4,5,6\n',
  'empty.csv': '',
  'blank.csv': '\n\n\n',
  'header-only.csv': 'a,b,y\n',
  'one-column.csv': 'y\n1\n2\n3\n',
  'one-row.csv': 'a,y\n1,2\n',
  'sub/.keep': '',
})

interface Case {
  name: string
  args: string[]
  code: 1 | 2
  message: RegExp
}

const usage = (name: string, args: string[], message: RegExp): Case => ({ name, args, code: 2, message })
const runtime = (name: string, args: string[], message: RegExp): Case => ({ name, args, code: 1, message })

const CASES: Case[] = [
  // Commands and options.
  usage('no command', [], /Usage: weight-decay \[options\] \[command\]/),
  usage('unknown command', ['trian'], /unknown command 'trian'[\s\S]*Did you mean train\?/),
  usage('unknown option, with a suggestion', ['train', '--lamda', '3'], /unknown option '--lamda'[\s\S]*Did you mean --lambda\?/),
  usage('compare has --lambdas, not --lambda', ['compare', '--lambda', '3'], /unknown option '--lambda'[\s\S]*Did you mean --lambdas\?/),
  usage('solve has no SGD options', ['solve', '--epochs', '3'], /unknown option '--epochs'/),
  usage('extra argument', ['train', 'now'], /too many arguments for 'train'/),
  usage('missing option value', ['train', '--seed'], /option '--seed <seed>' argument missing/),
  // Every config key out of range or malformed.
  usage('--num-inputs 0', ['train', '--num-inputs', '0'], /'--num-inputs <n>' argument '0' is invalid\. Expected an integer from 1 to 2\^30/),
  usage('--n-train 0', ['train', '--n-train', '0'], /'--n-train <n>' argument '0' is invalid\. Expected an integer from 1/),
  usage('--n-test 1.5', ['train', '--n-test', '1.5'], /'--n-test <n>' argument '1.5' is invalid\. Expected an integer/),
  usage('--true-w beyond 1e6', ['train', '--true-w', '2e6'], /'--true-w <x>' argument '2e6' is invalid\. Expected a number from -1e6 to 1e6/),
  usage('--true-b not a number', ['train', '--true-b', 'abc'], /'--true-b <x>' argument 'abc' is invalid/),
  usage('--noise-std negative', ['train', '--noise-std', '-1'], /'--noise-std <x>' argument '-1' is invalid\. Expected a number from 0/),
  usage('--init-std negative', ['train', '--init-std', '-0.5'], /'--init-std <x>' argument '-0.5' is invalid/),
  usage('--batch-size 0', ['train', '--batch-size', '0'], /'--batch-size <n>' argument '0' is invalid/),
  usage('--epochs negative', ['train', '--epochs', '-1'], /'--epochs <n>' argument '-1' is invalid\. Expected an integer from 0/),
  usage('--epochs fractional', ['train', '--epochs', '2.5'], /'--epochs <n>' argument '2.5' is invalid/),
  usage('--lr 0', ['train', '--lr', '0'], /'--lr <x>' argument '0' is invalid\. Expected a number greater than 0 up to 1e6/),
  usage('--lr negative', ['train', '--lr', '-1'], /'--lr <x>' argument '-1' is invalid/),
  usage('--lr text', ['train', '--lr', 'fast'], /'--lr <x>' argument 'fast' is invalid/),
  usage('--lr hexadecimal', ['train', '--lr', '0x10'], /'--lr <x>' argument '0x10' is invalid/),
  usage('--lr overflowing to infinity', ['train', '--lr', '1e400'], /'--lr <x>' argument '1e400' is invalid/),
  usage('--lr empty', ['train', '--lr', ''], /'--lr <x>' argument '' is invalid/),
  usage('--lambda negative', ['train', '--lambda', '-0.1'], /'--lambda <x>' argument '-0.1' is invalid\. Expected a number from 0 to 1e12/),
  usage('--lambda beyond 1e12', ['solve', '--lambda', '1e13'], /'--lambda <x>' argument '1e13' is invalid/),
  usage('--penalty unknown', ['train', '--penalty', 'l3'], /'--penalty <name>' argument 'l3' is invalid\. Allowed choices are l2, l1, elastic/),
  usage('--l1-ratio above 1', ['train', '--l1-ratio', '1.5'], /'--l1-ratio <x>' argument '1.5' is invalid\. Expected a number from 0 to 1/),
  usage('--eval-every 0', ['train', '--eval-every', '0'], /'--eval-every <n>' argument '0' is invalid/),
  usage('--shuffle is on by default; only --no-shuffle exists', ['train', '--shuffle'], /unknown option '--shuffle'[\s\S]*Did you mean --no-shuffle\?/),
  usage('--no-shuffle takes no value', ['train', '--no-shuffle=yes'], /unknown option '--no-shuffle=yes'/),
  usage('--dtype unknown', ['train', '--dtype', 'float16'], /Allowed choices are float32, float64/),
  usage('--seed empty', ['train', '--seed', ''], /'--seed <seed>' argument '' is invalid\. Expected a non-empty string/),
  usage('--seed too long', ['train', '--seed', 'x'.repeat(10_001)], /Expected a non-empty string of at most 10000 characters/),
  usage('a problem too big for wasm memory', ['train', '--num-inputs', '100000', '--n-train', '100000'], /needs 37\.\d+ GiB of wasm memory in float32[\s\S]*at most 3\.94 GiB fits in wasm32[\s\S]*\(--n-train\)/),
  // Output options.
  usage('--format unknown', ['train', '--format', 'xml'], /Allowed choices are table, json, csv/),
  usage('--plot not .svg', ['compare', '--plot', 'chart.png'], /Expected a file name ending in \.svg/),
  // λ lists, seeds and sweep options.
  usage('--lambdas empty item', ['sweep', '--lambdas', '0,,1'], /no empty item/),
  usage('--lambdas negative item', ['sweep', '--lambdas', '0,-1'], /"-1" is not a valid λ; each must be a number from 0/),
  usage('--lambdas range with max < min', ['sweep', '--lambdas', '1:0:3'], /In the range "1:0:3", max must be a finite number from min \(1\)/),
  usage('--lambdas log range from 0', ['sweep', '--lambdas', '0:1:3:log'], /min must be a finite number greater than 0/),
  usage('--lambdas unknown scale', ['sweep', '--lambdas', '1:10:3:cubic'], /the scale after the count must be "log" or "linear", not "cubic"/),
  usage('--lambdas range with two parts', ['sweep', '--lambdas', '1:2'], /"1:2" is not a number or a range min:max:count/),
  usage('--lambdas range count not an integer', ['sweep', '--lambdas', '1:2:2.5'], /count must be an integer from 1 to 10000/),
  usage('--lambdas too many values', ['sweep', '--lambdas', '1:2:10000,3'], /That is 10001 values of λ; at most 10000/),
  usage('compare with more λ than it can draw', ['compare', '--lambdas', '0:8:9'], /at most 8 values of λ/),
  usage('--seeds 0', ['sweep', '--seeds', '0'], /'--seeds <n\|list>' argument '0' is invalid\. Expected a count from 1 to 10000/),
  usage('--seeds empty item', ['sweep', '--seeds', 'a,,b'], /no empty item/),
  usage('--n-valid negative', ['sweep', '--n-valid', '-1'], /'--n-valid <n>' argument '-1' is invalid/),
  usage('--valid-fraction above 0.9', ['sweep', '--valid-fraction', '0.95'], /'--valid-fraction <x>' argument '0.95' is invalid\. Expected a number from 0 to 0.9/),
  usage('--valid-fraction without --data', ['sweep', '--valid-fraction', '0.3'], /--valid-fraction applies with --data/),
  usage('--n-valid with --data', ['sweep', '--data', 'good.csv', '--n-valid', '10'], /--n-valid applies to synthetic data/),
  usage('--workers 0', ['sweep', '--workers', '0'], /'--workers <n>' argument '0' is invalid/),
  // Data options.
  usage('--test-data without --data', ['train', '--test-data', 'good.csv'], /--test-data needs --data/),
  usage('--target without --data', ['train', '--target', 'y'], /--target needs --data/),
  usage('--test-fraction 1', ['train', '--data', 'good.csv', '--test-fraction', '1'], /Expected a number from 0 up to but not including 1/),
  usage('--test-fraction with --test-data', ['train', '--data', 'good.csv', '--test-data', 'good.csv', '--test-fraction', '0.5'], /--test-fraction applies only without --test-data/),
  usage('a synthetic-data key with --data', ['train', '--data', 'good.csv', '--n-train', '5'], /--n-train describes synthetic data; with --data it comes from the file/),
  usage('--target name not a column', ['train', '--data', 'good.csv', '--target', 'price'], /--target "price" is not a column of good\.csv; its columns are "a", "b", "c", "d", "y"/),
  usage('--target name without a header', ['train', '--data', 'noheader.csv', '--target', 'y'], /noheader\.csv has no header row, so give a column number from 1 to 5/),
  usage('--target number out of range', ['train', '--data', 'good.csv', '--target', '9'], /--target 9: good\.csv has 5 columns; give a column number from 1 to 5/),
  // Malformed CSV: line and column.
  usage('a short row', ['train', '--data', 'ragged.csv'], /ragged\.csv: line 4, column 3: the row has 2 fields but the first row has 3 \(column 3 is missing\)/),
  usage('a long row', ['train', '--data', 'long-row.csv'], /long-row\.csv: line 3, column 4: the row has 4 fields but the first row has 3/),
  usage('a word in a cell', ['train', '--data', 'text.csv'], /text\.csv: line 3, column 2 \("b"\): "five" is not a finite number/),
  usage('an empty cell', ['train', '--data', 'empty-cell.csv'], /empty-cell\.csv: line 3, column 2 \("b"\): is empty/),
  usage('NaN in a cell', ['solve', '--data', 'nan.csv'], /nan\.csv: line 3, column 1 \("a"\): "NaN" is not a finite number/),
  usage('Infinity in a cell', ['train', '--data', 'inf.csv'], /inf\.csv: line 3, column 2 \("b"\): "Infinity" is not a finite number/),
  usage('a number overflowing to infinity', ['train', '--data', 'huge.csv'], /huge\.csv: line 3, column 2 \("b"\): "1e999" is not a finite number/),
  usage('an unclosed quote', ['train', '--data', 'quote.csv'], /quote\.csv: line 3, column 2: a quoted field opens here and is not closed/),
  usage('a quote inside a field', ['train', '--data', 'stray-quote.csv'], /stray-quote\.csv: line 3, column 2: /),
  usage('a first row mixing names and numbers', ['train', '--data', 'mixed-header.csv'], /mixed-header\.csv: line 1, column 2: "b" is not a number; a header row must be all names/),
  usage('an empty file', ['train', '--data', 'empty.csv'], /empty\.csv has no rows/),
  usage('a file of blank lines', ['train', '--data', 'blank.csv'], /blank\.csv has no rows/),
  usage('a header and no rows', ['train', '--data', 'header-only.csv'], /header-only\.csv has a header but no data rows/),
  usage('only the target column', ['train', '--data', 'one-column.csv'], /one-column\.csv has 1 column; it needs at least one feature column/),
  usage('one row and no test file', ['train', '--data', 'one-row.csv'], /one-row\.csv has 1 data row; at least 2 are needed to hold out a test set/),
  usage('test file of another width', ['train', '--data', 'good.csv', '--test-data', 'narrow.csv'], /narrow\.csv has 4 columns but good\.csv has 5/),
  usage('test file with other column names', ['train', '--data', 'good.csv', '--test-data', 'renamed.csv'], /renamed\.csv: column 3 is "x" but in good\.csv it is "c"/),
  // Runtime failures: exit 1, no help hint.
  runtime('a missing data file', ['train', '--data', 'missing.csv'], /cannot read missing\.csv: no such file or directory/),
  runtime('a folder as data file', ['train', '--data', 'sub'], /cannot read sub: it is a directory/),
  runtime('a missing test file', ['compare', '--data', 'good.csv', '--test-data', 'gone.csv'], /cannot read gone\.csv: no such file or directory/),
  runtime('a plot in a missing folder', ['train', '--plot', 'nowhere/chart.svg'], /cannot write nowhere\/chart\.svg: the folder .*nowhere does not exist/),
  runtime('divergence (train)', ['train', '--lr', '0.5'], /^error: diverged at epoch \d+: loss became infinite; lower --lr \(it is 0\.5\)$/m),
  runtime('divergence from a large λ', ['train', '--lambda', '1000'], /diverged at epoch \d+: loss became infinite; lower --lr \(it is 0\.003\) or --lambda \(lr × λ = 3\.000\)/),
  runtime('divergence (compare)', ['compare', '--lambdas', '0,10', '--lr', '0.3', '--format', 'csv'], /^error: λ = 0 \(and 1 more λ\): diverged at epoch \d+: loss became infinite/m),
  runtime('divergence of every sweep run', ['sweep', '--lambdas', '1000,2000', '--seeds', '2', '--format', 'json'], /every run diverged; lower --lr \(it is 0\.003\)/),
]

describe.concurrent(`bad input (${CASES.length} cases)`, () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40)
  })

  for (const c of CASES) {
    it(`${c.name}: exit ${c.code}`, async () => {
      const out = await cliAsync(c.args, { cwd: dir })
      expect(out.code, out.stderr).toBe(c.code)
      expect(out.stderr).toMatch(c.message)
      // No stack trace, never NaN.
      expect(out.stderr).not.toMatch(/^\s+at /m)
      expect(out.stderr + out.stdout).not.toMatch(/NaN(?!")/)
      if (c.code === 2) {
        // Usage errors: nothing on stdout, the message, the help hint.
        expect(out.stdout).toBe('')
        if (c.args.length > 0) {
          expect(out.stderr).toMatch(/\(run 'weight-decay( \w+)? --help' for usage\)\n$/)
          const lines = out.stderr.trimEnd().split('\n').filter((l) => !/^\((run|Did you mean)/.test(l))
          expect(lines.length, out.stderr).toBeLessThanOrEqual(2)
        }
      } else {
        expect(out.stderr).not.toContain('--help')
        expect(out.stderr.trimEnd().split('\n').length, out.stderr).toBeLessThanOrEqual(2)
      }
    })
  }
})
