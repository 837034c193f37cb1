// One card per run: its λ (log slider with 0, and exact text), progress, and final numbers.
// The finals carry the test contract: data-testid="w-norm" / "test-loss", data-value = String(x).
import { colorOf } from './charts/base.js'
import { h, setText } from './dom.js'
import { fmt, fmtLambda } from './format.js'
import { lambdaToPosition, positionToLambda, sliderMaxFor, stableLambda } from './lambda-scale.js'
import type { Run } from './runs.js'
import { currentLambda, parseLambda, runEnd, type Config } from './state.js'

interface Card {
  run: Run
  root: HTMLElement
  slider: HTMLInputElement
  exact: HTMLInputElement
  error: HTMLElement
  warn: HTMLElement
  title: HTMLElement
  status: HTMLElement
  wNorm: HTMLElement
  trainLoss: HTMLElement
  testLoss: HTMLElement
  /** Losses at the current epoch when it is not a recorded one (e.g. after "step one epoch"). */
  live?: { epoch: number; trainLoss: number; testLoss: number }
}

/** A run's own optimizer settings as the link writes them ("adam~decoupled"), and their names. */
export const OPTIM_CHOICES: [string, string][] = [
  ['', 'as the experiment'],
  ['sgd~coupled', 'SGD + L2'],
  ['sgd~decoupled', 'SGD, decoupled decay'],
  ['adam~coupled', 'Adam + L2'],
  ['adam~decoupled', 'AdamW'],
  ['adam~independent', 'Adam, lr-independent decay'],
]
const optimKey = (run: Run) => [run.spec.optim?.optimizer, run.spec.optim?.decay].filter(Boolean).join('~')

/** A run's name with its λ and changes, and its own optimizer: "Run 2 · λ = 0 → 10 · AdamW". */
export function runName(run: Run, index: number): string {
  const key = optimKey(run)
  const optim = key ? ` · ${OPTIM_CHOICES.find(([k]) => k === key)?.[1] ?? key.replace('~', ', ')}` : ''
  return `Run ${index + 1} · λ = ${[run.spec.lambda, ...run.spec.changes.map((c) => c.lambda)].map(fmtLambda).join(' → ')}${optim}`
}

export interface RunCardActions {
  /** Returns why the change was refused, if it was. */
  setLambda(id: number, lambda: number): string | undefined
  /** The run's own optimizer ("adam~decoupled", or "" for the experiment's); returns why it was refused, if it was. */
  setOptim(id: number, key: string): string | undefined
  remove(id: number): void
}

export class RunCards {
  private cards: Card[] = []
  private lr = 0

  constructor(private readonly list: HTMLElement, private readonly actions: RunCardActions) {}

  /** `playing`: losses come from the recorded points only (no extra evaluation per frame). */
  render(runs: Run[], playing: boolean, config: Config): void {
    this.lr = config.lr
    if (runs.length !== this.cards.length || runs.some((r, i) => this.cards[i]!.run !== r)) {
      this.cards = runs.map((run, i) => this.card(run, i))
      this.list.replaceChildren(...this.cards.map((c) => c.root))
    }
    for (const [i, card] of this.cards.entries()) this.update(card, playing, config, i)
  }

  private card(run: Run, index: number): Card {
    const n = index + 1
    const id = `run-${run.id}`
    const slider = h('input', { id: `${id}-slider`, type: 'range', min: 0, max: sliderMaxFor(this.lr), step: 1 })
    const exact = h('input', { id: `${id}-lambda`, type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'lambda-exact', 'aria-describedby': `${id}-error` })
    const error = h('span', { id: `${id}-error`, class: 'error', 'aria-live': 'polite' })
    const warn = h('span', { class: 'warn', 'aria-live': 'polite' })
    const title = h('strong', {}, runName(run, index))
    const status = h('span', { class: 'run-status' })
    const wNorm = h('output', { class: 'num' })
    const trainLoss = h('output', { class: 'num' })
    const testLoss = h('output', { class: 'num' })
    const remove = h('button', { type: 'button', class: 'remove', 'aria-label': `Remove run ${n}` }, 'Remove')
    const optim = h('select', { id: `${id}-optim`, class: 'run-optim' }, ...OPTIM_CHOICES.map(([v, text]) => h('option', { value: v }, text)))
    const key = optimKey(run)
    if (!OPTIM_CHOICES.some(([k]) => k === key)) optim.append(h('option', { value: key }, key.replace('~', ', ')))
    optim.value = key
    const root = h(
      'li',
      { class: 'run', 'data-run': run.id },
      h('div', { class: 'run-head' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), title, status, remove),
      h(
        'div',
        { class: 'lambda-row' },
        h('label', { for: slider.id }, `λ of run ${n}`),
        slider,
        h('label', { for: exact.id, class: 'visually-hidden' }, `λ of run ${n}, exact value`),
        exact,
        error,
        warn,
      ),
      h('div', { class: 'optim-row' }, h('label', { for: optim.id }, `Optimizer of run ${n}`), optim),
      h('dl', { class: 'finals' }, h('dt', {}, '‖w‖'), h('dd', {}, wNorm), h('dt', {}, 'train loss'), h('dd', {}, trainLoss), h('dt', {}, 'test loss'), h('dd', {}, testLoss)),
    )
    // CSSOM, not a style attribute: allowed by the page's CSP.
    root.style.setProperty('--run-color', colorOf(run.id))
    const card: Card = { run, root, slider, exact, error, warn, title, status, wNorm, trainLoss, testLoss }
    this.syncLambda(card)
    const commit = (lambda: number) => {
      exact.removeAttribute('aria-invalid')
      const refused = this.actions.setLambda(run.id, lambda)
      error.textContent = refused ? `Not changed: ${refused}` : ''
      // Typed values may go past the slider's top: say what that does at this learning rate.
      const top = stableLambda(this.lr)
      warn.textContent = !refused && lambda > top ? `λ = ${fmtLambda(lambda)} is above ${fmtLambda(top)} = 1 ÷ learning rate: each step then shrinks w by more than it holds, and from λ = ${fmtLambda(2 * top)} training diverges. The slider stops below this.` : ''
    }
    // While the slider moves, show its candidate λ; commit on release (or each key press).
    slider.addEventListener('input', () => {
      const lambda = positionToLambda(Number(slider.value))
      exact.value = String(lambda)
      slider.setAttribute('aria-valuetext', `λ = ${fmtLambda(lambda)}`)
    })
    slider.addEventListener('change', () => commit(positionToLambda(Number(slider.value))))
    exact.addEventListener('change', () => {
      const parsed = parseLambda(exact.value)
      if (parsed.ok) commit(parsed.value)
      else {
        error.textContent = parsed.reason
        exact.setAttribute('aria-invalid', 'true')
      }
    })
    remove.addEventListener('click', () => this.actions.remove(run.id))
    optim.addEventListener('change', () => {
      const refused = this.actions.setOptim(run.id, optim.value)
      error.textContent = refused ? `Not changed: ${refused}` : ''
      if (refused) optim.value = key
    })
    return card
  }

  private syncLambda(card: Card): void {
    const lambda = currentLambda(card.run.spec)
    if (document.activeElement !== card.slider) card.slider.value = String(lambdaToPosition(lambda))
    card.slider.setAttribute('aria-valuetext', `λ = ${fmtLambda(lambda)}`)
    if (document.activeElement !== card.exact && card.exact.getAttribute('aria-invalid') !== 'true') card.exact.value = String(lambda)
  }

  private update(card: Card, playing: boolean, config: Config, index: number): void {
    const { run } = card
    const t = run.trainer
    const top = String(sliderMaxFor(config.lr))
    if (card.slider.max !== top) card.slider.max = top
    setText(card.title, runName(run, index))
    this.syncLambda(card)
    const result = run.result
    let last: { trainLoss: number; testLoss: number } | undefined = t.history.at(-1)
    if (!result && !playing && t.epoch > 0 && t.history.at(-1)?.epoch !== t.epoch) {
      if (card.live?.epoch !== t.epoch) card.live = { epoch: t.epoch, ...t.losses() }
      last = card.live
    }
    let status = `epoch ${t.epoch} of ${runEnd(run.spec, config.epochs)}`
    if (result?.diverged) status = `diverged at epoch ${result.diverged.epoch}: the loss became non-finite (try a smaller learning rate)`
    else if (config.epochs === 0) status = 'not trained: epochs is 0'
    else if (result) status = `done, ${t.epoch} epochs`
    setText(card.status, status)
    card.root.dataset.state = result ? (result.diverged ? 'diverged' : 'done') : 'running'
    card.root.classList.toggle('diverged', Boolean(result?.diverged))
    final(card.wNorm, 'w-norm', result?.wNorm, result ? undefined : t.wNorm())
    final(card.trainLoss, 'train-loss', result?.trainLoss, last?.trainLoss)
    final(card.testLoss, 'test-loss', result?.testLoss, last?.testLoss, t.config.nTest === 0 ? 'no test rows' : undefined)
  }
}

/** A final value carries the test id and the full-precision number; a live one carries neither. */
function final(el: HTMLElement, testId: string, value: number | undefined, live: number | undefined, none?: string): void {
  if (none !== undefined) {
    // There is nothing to measure (a file with no test rows held out): say so, not NaN.
    el.dataset.testid = testId
    el.dataset.value = String(value ?? NaN)
    setText(el, none)
  } else if (value !== undefined) {
    el.dataset.testid = testId
    el.dataset.value = String(value)
    setText(el, fmt(value))
  } else {
    delete el.dataset.testid
    delete el.dataset.value
    setText(el, live === undefined ? '—' : fmt(live))
  }
}
