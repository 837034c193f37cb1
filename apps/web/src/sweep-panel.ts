// The regularization path, computed in a pool of Web Workers with progress and cancel.
import { AbortError, ConfigError, lambdaGrid, type SweepResult } from '@weight-decay/api'
import type { PathCharts } from './charts/path-chart.js'
import { h } from './dom.js'
import { fmt } from './format.js'
import { getPool } from './pool.js'
import { parseSweepValue, type Config, type SweepSettings } from './state.js'
import { message } from './notices.js'

const FIELDS: [keyof SweepSettings, string, string][] = [
  ['min', 'Smallest λ', 'pathMin'],
  ['max', 'Largest λ', 'pathMax'],
  ['count', 'λ values', 'pathCount'],
  ['seeds', 'Seeds', 'pathSeeds'],
]

export interface SweepPanelElements {
  form: HTMLFormElement
  run: HTMLButtonElement
  cancel: HTMLButtonElement
  progress: HTMLProgressElement
  status: HTMLElement
}

export class SweepPanel {
  result: SweepResult | null = null
  private controller: AbortController | null = null
  private readonly inputs = new Map<keyof SweepSettings, HTMLInputElement>()

  constructor(
    private readonly el: SweepPanelElements,
    private readonly charts: PathCharts,
    private settings: SweepSettings,
    private readonly config: () => Config,
    private readonly onSettings: (s: SweepSettings) => void,
    private readonly baseline: () => number | undefined,
  ) {
    el.form.addEventListener('submit', (e) => e.preventDefault())
    for (const [field, label, key] of FIELDS) el.form.append(this.field(field, label, key))
    el.run.addEventListener('click', () => void this.start())
    el.cancel.addEventListener('click', () => this.controller?.abort())
  }

  /** Shows these settings (after Back or Forward, or a preset). */
  setSettings(settings: SweepSettings): void {
    this.settings = settings
    for (const [field, input] of this.inputs) {
      input.value = String(settings[field])
      input.removeAttribute('aria-invalid')
    }
  }

  /** The experiment changed: an old path no longer describes it. */
  invalidate(): void {
    this.controller?.abort()
    if (this.result) {
      this.result = null
      this.charts.clear()
      this.el.status.textContent = 'The experiment changed; compute the path again.'
    }
  }

  async start(): Promise<void> {
    if (this.controller) return
    const { min, max, count, seeds } = this.settings
    if (max < min) {
      this.el.status.textContent = 'The largest λ must not be below the smallest.'
      return
    }
    const controller = new AbortController()
    this.controller = controller
    this.setBusy(true)
    this.el.progress.max = count * seeds
    this.el.progress.value = 0
    this.el.status.textContent = 'Starting workers…'
    try {
      const pool = await getPool()
      const result = await pool.sweep(
        { ...this.config(), lambdas: lambdaGrid({ min, max, count }), seeds },
        {
          signal: controller.signal,
          onProgress: (done, total) => {
            this.el.progress.max = total
            this.el.progress.value = done
            this.el.status.textContent = `${done} of ${total} runs`
          },
        },
      )
      this.result = result
      this.charts.render(result, this.baseline())
      const best = result.best ? `best λ by validation: ${fmt(result.best.lambda)}` : 'no λ converged for every seed'
      this.el.status.textContent = `Done: ${count} λ values × ${seeds} seeds; ${best}.`
    } catch (error) {
      if (error instanceof AbortError || controller.signal.aborted) {
        this.el.status.textContent = 'Cancelled.'
        this.el.progress.value = 0
      } else if (error instanceof ConfigError) {
        this.el.status.textContent = `Cannot compute this path: ${error.message}`
      } else {
        this.el.status.textContent = `The path failed: ${message(error)}`
      }
    } finally {
      this.controller = null
      this.setBusy(false)
    }
  }

  private setBusy(busy: boolean): void {
    this.el.run.disabled = busy
    this.el.cancel.disabled = !busy
    this.el.form.setAttribute('aria-busy', String(busy))
  }

  private field(field: keyof SweepSettings, label: string, key: string): HTMLElement {
    const id = `sweep-${field}`
    const error = h('span', { id: `${id}-error`, class: 'error', 'aria-live': 'polite' })
    const input = h('input', { id, name: key, type: 'text', inputmode: 'decimal', autocomplete: 'off', value: String(this.settings[field]), 'aria-describedby': error.id })
    input.addEventListener('change', () => {
      const parsed = parseSweepValue(field, input.value)
      if (parsed.ok) {
        this.settings = { ...this.settings, [field]: parsed.value }
        error.textContent = ''
        input.removeAttribute('aria-invalid')
        this.onSettings(this.settings)
      } else {
        error.textContent = parsed.reason
        input.setAttribute('aria-invalid', 'true')
      }
    })
    this.inputs.set(field, input)
    return h('div', { class: 'field' }, h('label', { for: id }, label, ' ', h('code', {}, key)), input, error)
  }
}
