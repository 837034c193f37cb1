// "Your data": pick or drop a CSV of numbers; a worker parses it (progress, cancel); choose the
// target, columns to leave out, standardization and the test share; the page's runs and path then
// train on it. The file never leaves the tab and links never carry it.
import { h, setText } from './dom.js'
import { MAX_CSV_BYTES, MAX_CSV_CELLS } from './limits.js'
import { CsvWorker, dataTooBig, GENERATED_KEYS, type TableInfo, type UserData } from './user-data.js'

/** What the panel needs from the page. */
export interface CsvPanelHooks {
  /** Train on this data, or on generated data again (null); returns why the page refused, if it did. */
  use(data: UserData | null): string | undefined
  /** The seed that chooses the test rows (the experiment's seed, as the CLI's --seed). */
  seed(): string
}

/** Said wherever the file is in use: what the page does with it, and what a link holds. */
export const PRIVACY = 'Your file stays in this tab: it is not uploaded, and links do not include it.'
const FRACTIONS = [0, 0.1, 0.2, 0.3, 0.5]
/** A header name taken as the target by default (else the last column). */
const TARGET_NAME = /^(y|target|label|outcome|response)$/i

const plain = (n: number) => n.toLocaleString('en-US')

export class CsvPanel {
  /** The data the runs train on now, if any. */
  data: UserData | null = null
  private readonly worker = new CsvWorker()
  private table: TableInfo | null = null
  /** The file being read, and the columns of text the visitor chose to leave unread in it. */
  private file: File | null = null
  private skip: string[] = []
  private version = 0
  private readonly input = h('input', { id: 'csv-file', type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/tab-separated-values', 'data-testid': 'csv-file' })
  private readonly progress = h('progress', { id: 'csv-progress', max: 1, value: 0, 'aria-label': 'Reading the file', hidden: true })
  private readonly cancelButton = h('button', { id: 'csv-cancel', type: 'button', hidden: true }, 'Cancel')
  private readonly status = h('span', { id: 'csv-status', class: 'status', role: 'status', 'aria-live': 'polite' })
  private readonly error = h('p', { id: 'csv-error', class: 'error csv-error', role: 'alert', 'data-testid': 'csv-error' })
  private readonly target = h('select', { id: 'csv-target', 'data-testid': 'csv-target' })
  private readonly standardize = h('input', { id: 'csv-standardize', type: 'checkbox', checked: true })
  private readonly fraction = h('select', { id: 'csv-test-fraction' }, ...FRACTIONS.map((f) => h('option', { value: f, selected: f === 0.2 }, f === 0 ? 'none' : `${f * 100}%`)))
  private readonly exclude = h('fieldset', { class: 'csv-exclude' })
  private readonly summary = h('p', { id: 'csv-summary', class: 'status summary', 'data-testid': 'csv-summary', 'aria-live': 'polite' })
  private readonly clearButton = h('button', { id: 'csv-clear', type: 'button' }, 'Back to generated data')
  /** Offered when a named column holds text: read the file again without it. */
  private readonly skipButton = h('button', { id: 'csv-skip', type: 'button', hidden: true }, 'Leave out the column and read the file again')
  private readonly options: HTMLElement

  constructor(
    root: HTMLElement,
    private readonly hooks: CsvPanelHooks,
  ) {
    const drop = h(
      'div',
      { class: 'csv-drop', 'data-testid': 'csv-drop' },
      h('label', { for: 'csv-file' }, 'Choose a CSV file of numbers, or drop one here'),
      this.input,
      h('span', { class: 'hint' }, `Comma, semicolon or tab separated; an optional header row; up to ${Math.round(MAX_CSV_BYTES / 2 ** 20)} MB and ${MAX_CSV_CELLS.toLocaleString('en-US')} numbers.`),
    )
    this.options = h(
      'div',
      { class: 'csv-options', hidden: true },
      h('div', { class: 'row' }, h('label', { class: 'inline', for: 'csv-target' }, 'Target (y)'), this.target),
      this.exclude,
      h('div', { class: 'row' }, h('label', { class: 'inline' }, this.standardize, 'Standardize the features (mean 0, variance 1)')),
      h('div', { class: 'row' }, h('label', { class: 'inline', for: 'csv-test-fraction' }, 'Test rows held out'), this.fraction),
      this.summary,
    )
    root.append(h('p', { class: 'hint', 'data-testid': 'csv-privacy' }, PRIVACY), drop, h('div', { class: 'row' }, this.progress, this.cancelButton, this.status), this.error, h('div', { class: 'row' }, this.skipButton), this.options, h('div', { class: 'row' }, this.clearButton))
    this.clearButton.hidden = true

    this.input.addEventListener('change', () => {
      const file = this.input.files?.[0]
      if (file) void this.load(file, [])
    })
    drop.addEventListener('dragover', (e) => {
      e.preventDefault()
      drop.classList.add('over')
    })
    drop.addEventListener('dragleave', () => drop.classList.remove('over'))
    drop.addEventListener('drop', (e) => {
      e.preventDefault()
      drop.classList.remove('over')
      const file = e.dataTransfer?.files[0]
      if (file) void this.load(file, [])
    })
    // A file dropped beside the zone would make the browser leave the page to open it: not here.
    const files = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true
    addEventListener('dragover', (e) => files(e) && e.preventDefault())
    addEventListener('drop', (e) => files(e) && e.preventDefault())
    this.cancelButton.addEventListener('click', () => {
      this.version++
      this.worker.cancel()
      this.busy(false)
      setText(this.status, 'Cancelled; nothing changed.')
    })
    for (const el of [this.target, this.standardize, this.fraction]) el.addEventListener('change', () => void this.apply())
    this.exclude.addEventListener('change', () => void this.apply())
    this.clearButton.addEventListener('click', () => this.clear())
    this.skipButton.addEventListener('click', () => {
      const name = this.skipButton.dataset.column
      if (this.file && name !== undefined) void this.load(this.file, [...this.skip, name])
    })
  }

  /** Back to generated data: the file is forgotten. */
  clear(): void {
    this.version++
    this.worker.cancel()
    this.busy(false)
    this.table = null
    this.file = null
    this.skipButton.hidden = true
    this.options.hidden = true
    this.input.value = ''
    setText(this.error, '')
    setText(this.status, '')
    if (this.data) {
      this.data = null
      this.hooks.use(null)
      this.markForm(false)
    }
    this.clearButton.hidden = true
  }

  private busy(on: boolean): void {
    this.progress.hidden = !on
    this.cancelButton.hidden = !on
    this.input.disabled = on
  }

  private async load(file: File, skip: string[]): Promise<void> {
    const version = ++this.version
    this.file = file
    this.skip = skip
    this.skipButton.hidden = true
    setText(this.error, '')
    setText(this.status, `Reading ${file.name}…`)
    this.progress.value = 0
    this.busy(true)
    const reply = await this.worker.read(file, skip, (bytes, total) => {
      if (version !== this.version) return
      this.progress.max = Math.max(1, total)
      this.progress.value = bytes
      setText(this.status, `Reading ${file.name}: ${Math.round((100 * bytes) / Math.max(1, total))}%`)
    })
    if (version !== this.version) return
    this.busy(false)
    if (reply.type === 'error') {
      // The worker's table is gone with the failed read; runs on earlier data keep their copy.
      this.table = null
      this.options.hidden = true
      setText(this.status, '')
      setText(this.error, `${reply.message}${this.data ? ' The page goes on with the data it had.' : ''}`)
      if (reply.columnName !== undefined) {
        this.skipButton.dataset.column = reply.columnName
        setText(this.skipButton, `Leave out “${reply.columnName}” and read the file again`)
        this.skipButton.hidden = false
      }
      return
    }
    this.table = reply
    setText(this.status, `Read ${reply.name}: ${plain(reply.rows)} rows × ${plain(reply.columns.length)} columns.`)
    const usable = reply.columns.map((_, j) => j).filter((j) => !reply.skipped[j])
    if (usable.length < 2) {
      setText(this.error, `${reply.name} has fewer than 2 columns of numbers; it needs a target and at least one feature.`)
      return
    }
    const named = reply.header ? usable.find((j) => TARGET_NAME.test(reply.columns[j]!.trim())) : undefined
    const target = named ?? usable.at(-1)!
    this.target.replaceChildren(...reply.columns.map((c, j) => h('option', { value: j, selected: j === target, disabled: reply.skipped[j] }, c)))
    this.exclude.replaceChildren(
      h('legend', {}, 'Leave out'),
      ...reply.columns.map((c, j) =>
        h('label', { class: 'inline' }, h('input', { type: 'checkbox', value: j, 'data-column': c, checked: reply.skipped[j], disabled: reply.skipped[j] }), reply.skipped[j] ? `${c} (text, not read)` : c),
      ),
    )
    this.options.hidden = false
    await this.apply()
  }

  /** Takes the chosen columns from the worker and hands them to the page. */
  private async apply(): Promise<void> {
    const table = this.table
    if (!table) return
    const version = ++this.version
    const target = Number(this.target.value)
    const excluded = new Set([...this.exclude.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => Number(i.value)))
    for (const box of this.exclude.querySelectorAll<HTMLInputElement>('input')) box.disabled = Number(box.value) === target || table.skipped[Number(box.value)]!
    const features = table.columns.map((_, j) => j).filter((j) => j !== target && !excluded.has(j))
    const fraction = Number(this.fraction.value)
    const refuse = (text: string) => {
      setText(this.error, `${text}${this.data ? ' The runs keep the data they had.' : ''}`)
    }
    if (features.length === 0) return refuse('Every column but the target is left out: keep at least one feature.')
    if (fraction > 0 && table.rows < 2) return refuse(`${table.name} has 1 data row: at least 2 are needed to hold out test rows (choose "none").`)
    const tooBig = dataTooBig(table.rows, features.length, fraction)
    if (tooBig) return refuse(tooBig)
    const reply = await this.worker.split({ type: 'split', target, features, testFraction: fraction, seed: this.hooks.seed() })
    if (version !== this.version) return
    if (reply.type === 'error') return refuse(reply.message)
    const data: UserData = {
      key: `${table.name}|${version}`,
      file: table.name,
      targetName: reply.targetName,
      featureNames: reply.featureNames,
      rows: reply.rows,
      options: {
        data: reply.rows.test > 0 ? { xTrain: reply.xTrain, yTrain: reply.yTrain, xTest: reply.xTest, yTest: reply.yTest } : { xTrain: reply.xTrain, yTrain: reply.yTrain },
        numInputs: features.length,
        nTrain: reply.rows.train,
        // No test set: the page's own nTest must not reach the API (0 is not a valid nTest; the data says it).
        nTest: reply.rows.test > 0 ? reply.rows.test : undefined,
        standardize: this.standardize.checked,
      },
    }
    const before = this.data
    this.data = data
    const refused = this.hooks.use(data)
    if (refused) {
      this.data = before
      return refuse(`These choices cannot run: ${refused}`)
    }
    setText(this.error, '')
    this.markForm(true)
    this.clearButton.hidden = false
    const constant = table.columns.filter((c, j) => table.constant[j] && features.includes(j))
    setText(
      this.summary,
      [
        `Training on ${table.name}: ${plain(reply.rows.train)} training rows and ${plain(reply.rows.test)} test rows (chosen by the seed), ${plain(features.length)} features, target “${reply.targetName}”${this.standardize.checked ? ', features standardized' : ''}.`,
        constant.length ? `Constant columns (they carry no information): ${constant.slice(0, 8).join(', ')}${constant.length > 8 ? ` and ${constant.length - 8} more` : ''}.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
  }

  /** The generated-data fields of the experiment form do nothing while a file is in use: say so. */
  private markForm(on: boolean): void {
    for (const key of GENERATED_KEYS) {
      const input = document.querySelector<HTMLInputElement>(`#config [name="${key}"]`)
      if (input) input.disabled = on
    }
    const form = document.getElementById('config')
    form?.toggleAttribute('data-user-data', on)
    document.getElementById('csv-config-note')?.remove()
    if (on) form?.before(h('p', { id: 'csv-config-note', class: 'hint' }, `Your file sets the features and examples: the generated-data fields (${GENERATED_KEYS.join(', ')}) are off while it is in use.`))
  }
}
