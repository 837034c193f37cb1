// Display comfort: dark mode (from prefers-color-scheme, or the visitor's choice) and a large-type
// projector mode; the choices are remembered in this browser only (never in the link).
import { byId, setText } from './dom.js'

const KEY = 'weight-decay-display'

interface Display {
  theme?: 'light' | 'dark'
  projector?: boolean
}

function load(): Display {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Display
  } catch {
    return {}
  }
}

function save(d: Display): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(d))
  } catch {
    // Storage may be off (private mode); the choice then lasts for this visit.
  }
}

const systemDark = () => matchMedia('(prefers-color-scheme: dark)').matches

/** Whether the page is dark now. */
export const isDark = (): boolean => document.documentElement.dataset.theme === 'dark'

/** Whether the visitor prefers no animation. */
export const reducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches

/** Wires the two toggles; `changed` redraws what is drawn on canvases in theme colours. */
export function setUpDisplay(changed: () => void): void {
  const display = load()
  const root = document.documentElement
  const themeButton = byId<HTMLButtonElement>('theme-toggle')
  const projectorButton = byId<HTMLButtonElement>('projector-toggle')
  const apply = () => {
    root.dataset.theme = display.theme ?? (systemDark() ? 'dark' : 'light')
    root.classList.toggle('projector', Boolean(display.projector))
    themeButton.setAttribute('aria-pressed', String(isDark()))
    setText(themeButton, 'Dark mode')
    projectorButton.setAttribute('aria-pressed', String(Boolean(display.projector)))
  }
  apply()
  themeButton.addEventListener('click', () => {
    display.theme = isDark() ? 'light' : 'dark'
    save(display)
    apply()
    changed()
  })
  projectorButton.addEventListener('click', () => {
    display.projector = !display.projector
    save(display)
    apply()
    changed()
  })
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (display.theme) return
    apply()
    changed()
  })
}
