// A chart legend in HTML that wraps on narrow screens and tells lines apart by dash, not only colour.
import { h } from '../dom.js'

/** How a legend entry's sample is drawn. */
export type KeyStyle = 'solid' | 'dashed' | 'dotted' | 'dot' | 'ring' | 'band'

export interface LegendItem {
  label: string
  /** A CSS colour; omitted for entries that only explain a line style (drawn in the text colour). */
  color?: string
  style: KeyStyle
}

/** Fills `list` with the items (a <ul>, so screen readers hear them as a list). */
export function renderLegend(list: HTMLElement, items: LegendItem[]): void {
  list.replaceChildren(
    ...items.map((item) => {
      const key = h('span', { class: `key key-${item.style}`, 'aria-hidden': 'true' })
      // CSSOM, not a style attribute: allowed by the page's CSP.
      if (item.color) key.style.setProperty('--key-color', item.color)
      return h('li', {}, key, item.label)
    }),
  )
}
