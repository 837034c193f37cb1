// The experiment form: every shared config key, labelled, validated like the URL.
import { CONFIG_RULES } from '@weight-decay/api'
import { h } from './dom.js'
import { LABELS } from './labels.js'
import { CONFIG_KEYS, parseConfigValue, type Config, type ConfigKey } from './state.js'

const CHOICES: Partial<Record<ConfigKey, [string, string][]>> = {
  penalty: [['l2', 'L2: λ·½‖w‖²'], ['l1', 'L1: λ·‖w‖₁'], ['elastic', 'elastic net']],
  dtype: [['float32', 'float32 (PyTorch)'], ['float64', 'float64']],
  optimizer: [['sgd', 'SGD'], ['adam', 'Adam']],
  decay: [['coupled', 'coupled (L2)'], ['decoupled', 'decoupled (W)'], ['independent', 'lr-independent']],
  schedule: [['constant', 'constant'], ['cosine', 'cosine to 0']],
}
const INTEGER: ConfigKey[] = ['numInputs', 'nTrain', 'nTest', 'batchSize', 'epochs', 'evalEvery']

/**
 * `apply` gets a valid value and may still refuse it with a reason (e.g. sizes that do not fit
 * together); the reason is shown beside the field.
 */
export type ApplyConfig = <K extends ConfigKey>(key: K, value: Config[K]) => string | undefined

export class ConfigForm {
  private readonly fields = new Map<ConfigKey, { input: HTMLInputElement | HTMLSelectElement; error: HTMLElement }>()

  constructor(form: HTMLFormElement, private readonly apply: ApplyConfig) {
    form.addEventListener('submit', (e) => e.preventDefault())
    for (const key of CONFIG_KEYS) form.append(this.field(key))
  }

  /** Shows these values (after a load or a reset to defaults) and clears errors. */
  set(config: Config): void {
    for (const [key, { input, error }] of this.fields) {
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = config[key] as boolean
      else input.value = String(config[key])
      this.setError(input, error, '')
    }
  }

  private field(key: ConfigKey): HTMLElement {
    const id = `cfg-${key}`
    const error = h('span', { id: `${id}-error`, class: 'error', 'aria-live': 'polite' })
    let input: HTMLInputElement | HTMLSelectElement
    const choices = CHOICES[key]
    if (choices) {
      input = h('select', { id, name: key, 'aria-describedby': error.id }, ...choices.map(([v, text]) => h('option', { value: v }, text)))
    } else if (CONFIG_RULES[key].kind === 'boolean') {
      input = h('input', { id, name: key, type: 'checkbox', 'aria-describedby': error.id })
    } else {
      input = h('input', {
        id,
        name: key,
        type: 'text',
        inputmode: key === 'seed' ? undefined : INTEGER.includes(key) ? 'numeric' : 'decimal',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': error.id,
      })
    }
    input.addEventListener('change', () => {
      const raw = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value
      const parsed = parseConfigValue(key, raw)
      const reason = parsed.ok ? this.apply(key, parsed.value) : parsed.reason
      this.setError(input, error, reason ?? '')
    })
    this.fields.set(key, { input, error })
    return h('div', { class: `field field-${key}` }, h('label', { for: id }, LABELS[key], ' ', h('code', {}, key)), input, error)
  }

  private setError(input: HTMLElement, error: HTMLElement, text: string): void {
    error.textContent = text
    if (text) input.setAttribute('aria-invalid', 'true')
    else input.removeAttribute('aria-invalid')
  }
}
