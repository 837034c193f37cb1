// Builds DOM nodes with text as text: user input never becomes markup (no innerHTML anywhere).

type Child = Node | string | number | null | undefined | false
type Props = Record<string, string | number | boolean | undefined>

/** An element with attributes (skipping false/undefined) and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    el.append(typeof child === 'object' ? child : String(child))
  }
  return el
}

/** The element with this id, typed; throws when the page lacks it (a bug, not user input). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id)
  if (!el) throw new Error(`the page has no #${id}`)
  return el as T
}

/** Sets text only when it changed (cheap enough to call every frame). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text
}
