// One card per run: its λ (log slider with 0, and exact text), progress, and final numbers.
// The finals carry the test contract: data-testid="w-norm" / "test-loss", data-value = String(x).
import { colorOf } from './charts/base.js'
import { h, setText } from './dom.js'
import { fmt, fmtLambda } from './format.js'
import { lambdaToPosition, positionToLambda, SLIDER_MAX } from './lambda-scale.js'
import { currentLambda, type Run } from './runs.js'
import { parseLambda } from './state.js'

interface Card {
  run: Run
  root: HTMLElement
  slider: HTMLInputElement
  exact: HTMLInputElement
  error: HTMLElement
  status: HTMLElement
  wNorm: HTMLElement
  trainLoss: HTMLElement
  testLoss: HTMLElement
  /** Losses at the current epoch when it is not a recorded one (e.g. after "step one epoch"). */
  live?: { epoch: number; trainLoss: number; testLoss: number }
}

export interface RunCardActions {
  setLambda(id: number, lambda: number): void
  remove(id: number): void
}

export class RunCards {
  private cards: Card[] = []

  constructor(private readonly list: HTMLElement, private readonly actions: RunCardActions) {}

  /** `playing`: losses come from the recorded points only (no extra evaluation per frame). */
  render(runs: Run[], playing: boolean): void {
    if (runs.length !== this.cards.length || runs.some((r, i) => this.cards[i]!.run !== r)) {
      this.cards = runs.map((run, i) => this.card(run, i))
      this.list.replaceChildren(...this.cards.map((c) => c.root))
    }
    for (const card of this.cards) this.update(card, playing)
  }

  private card(run: Run, index: number): Card {
    const n = index + 1
    const id = `run-${run.id}`
    const slider = h('input', { id: `${id}-slider`, type: 'range', min: 0, max: SLIDER_MAX, step: 1 })
    const exact = h('input', { id: `${id}-lambda`, type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'lambda-exact', 'aria-describedby': `${id}-error` })
    const error = h('span', { id: `${id}-error`, class: 'error', 'aria-live': 'polite' })
    const status = h('span', { class: 'run-status' })
    const wNorm = h('output', { class: 'num' })
    const trainLoss = h('output', { class: 'num' })
    const testLoss = h('output', { class: 'num' })
    const remove = h('button', { type: 'button', class: 'remove', 'aria-label': `Remove run ${n}` }, 'Remove')
    const root = h(
      'li',
      { class: 'run', 'data-run': run.id },
      h('div', { class: 'run-head' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), h('strong', {}, `Run ${n}`), status, remove),
      h(
        'div',
        { class: 'lambda-row' },
        h('label', { for: slider.id }, `λ of run ${n}`),
        slider,
        h('label', { for: exact.id, class: 'visually-hidden' }, `λ of run ${n}, exact value`),
        exact,
        error,
      ),
      h('dl', { class: 'finals' }, h('dt', {}, '‖w‖'), h('dd', {}, wNorm), h('dt', {}, 'train loss'), h('dd', {}, trainLoss), h('dt', {}, 'test loss'), h('dd', {}, testLoss)),
    )
    // CSSOM, not a style attribute: allowed by the page's CSP.
    root.style.setProperty('--run-color', colorOf(run.id))
    const card: Card = { run, root, slider, exact, error, status, wNorm, trainLoss, testLoss }
    this.syncLambda(card)
    const commit = (lambda: number) => {
      error.textContent = ''
      exact.removeAttribute('aria-invalid')
      this.actions.setLambda(run.id, lambda)
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
    return card
  }

  private syncLambda(card: Card): void {
    const lambda = currentLambda(card.run.spec)
    if (document.activeElement !== card.slider) card.slider.value = String(lambdaToPosition(lambda))
    card.slider.setAttribute('aria-valuetext', `λ = ${fmtLambda(lambda)}`)
    if (document.activeElement !== card.exact && card.exact.getAttribute('aria-invalid') !== 'true') card.exact.value = String(lambda)
  }

  private update(card: Card, playing: boolean): void {
    const { run } = card
    const t = run.trainer
    this.syncLambda(card)
    const result = run.result
    let last: { trainLoss: number; testLoss: number } | undefined = t.history.at(-1)
    if (!result && !playing && t.epoch > 0 && t.history.at(-1)?.epoch !== t.epoch) {
      if (card.live?.epoch !== t.epoch) card.live = { epoch: t.epoch, ...t.losses() }
      last = card.live
    }
    let status = `epoch ${t.epoch} of ${t.config.epochs}`
    if (result?.diverged) status = `diverged at epoch ${result.diverged.epoch}: the loss became non-finite (try a smaller learning rate)`
    else if (result) status = `done, ${t.epoch} epochs`
    setText(card.status, status)
    card.root.dataset.state = result ? (result.diverged ? 'diverged' : 'done') : 'running'
    card.root.classList.toggle('diverged', Boolean(result?.diverged))
    final(card.wNorm, 'w-norm', result?.wNorm, result ? undefined : t.wNorm())
    final(card.trainLoss, 'train-loss', result?.trainLoss, last?.trainLoss)
    final(card.testLoss, 'test-loss', result?.testLoss, last?.testLoss)
  }
}

/** A final value carries the test id and the full-precision number; a live one carries neither. */
function final(el: HTMLElement, testId: string, value: number | undefined, live: number | undefined): void {
  if (value !== undefined) {
    el.dataset.testid = testId
    el.dataset.value = String(value)
    setText(el, fmt(value))
  } else {
    delete el.dataset.testid
    delete el.dataset.value
    setText(el, live === undefined ? '—' : fmt(live))
  }
}
