// Every change the visitor makes is a browser-history entry, so Back and Forward undo and redo
// it; a burst of the same change (a slider dragged, arrow keys held) becomes one entry.

/** Changes of the same kind closer together than this share one history entry. */
export const COALESCE_MS = 1500

export class UrlHistory {
  private last = location.search
  private lastKind = ''
  private lastAt = -Infinity

  /** Records the page's state as a query string; `kind` names the change (e.g. "lambda:3") for coalescing. */
  record(query: string, kind: string): void {
    if (query === this.last) return
    const now = performance.now()
    const coalesce = kind === this.lastKind && now - this.lastAt < COALESCE_MS
    if (coalesce) history.replaceState(null, '', query)
    else history.pushState(null, '', query)
    this.last = query
    this.lastKind = kind
    this.lastAt = now
  }

  /** Keeps the current entry's URL in step without a new entry (e.g. settings the page corrected). */
  replace(query: string): void {
    if (query === this.last) return
    history.replaceState(null, '', query)
    this.last = query
  }

  /** Calls `restore` with the query when the visitor goes Back or Forward. */
  onRestore(restore: (query: string) => void): void {
    addEventListener('popstate', () => {
      this.last = location.search
      this.lastKind = ''
      restore(location.search)
    })
  }
}
