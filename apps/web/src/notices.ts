// Visible messages about input that was not used as given, or work that failed.
import { h } from './dom.js'
import type { Notice } from './state.js'

/** More than this many at once are summarized (a hostile link may carry thousands of keys). */
const SHOWN = 12

export class Notices {
  constructor(private readonly root: HTMLElement) {}

  /** Replaces the messages with these. */
  show(notices: readonly Notice[], title = 'Some settings in the link could not be used:'): void {
    this.root.replaceChildren()
    if (notices.length === 0) return
    const items = notices.slice(0, SHOWN).map((n) => h('li', { 'data-key': n.key }, n.text))
    if (notices.length > SHOWN) items.push(h('li', {}, `… and ${notices.length - SHOWN} more.`))
    this.root.append(this.box(title, items))
  }

  /** Adds one message (e.g. an error while running) below any others. */
  add(text: string, title = 'Problem:'): void {
    this.root.append(this.box(title, [h('li', {}, text)]))
  }

  clear(): void {
    this.root.replaceChildren()
  }

  private box(title: string, items: HTMLElement[]): HTMLElement {
    const box = h('div', { class: 'notice', 'data-testid': 'notice' }, h('strong', {}, title), h('ul', {}, ...items))
    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Dismiss this message' }, '×')
    close.addEventListener('click', () => box.remove())
    box.prepend(close)
    return box
  }
}

/** An error's message (or the thrown value as text). */
export const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))
