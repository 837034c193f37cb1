// The share and export buttons: copy the link, save the charts as PNG, the results as CSV or JSON;
// each reports what it did (or why not) in the share status line.
import { byId, setText } from './dom.js'
import { chartsPng, download } from './export.js'
import { message } from './notices.js'

/** What the buttons save, read when clicked. */
export interface ShareSources {
  /** The charts drawn now, in page order. */
  canvases(): (HTMLCanvasElement | null)[]
  /** The results as CSV text. */
  csv(): string
  /** The results as a JSON-ready object. */
  json(): object
  /** Whether the runs train on the visitor's file (which a link does not carry). */
  usingFile(): boolean
}

export function wireShareButtons(sources: ShareSources): void {
  const report = (text: string) => setText(byId('share-status'), text)
  byId('copy-link').addEventListener('click', () => {
    // The clipboard API exists only in secure contexts (https or localhost).
    if (!navigator.clipboard) return report('This page cannot reach the clipboard here; copy the link from the address bar.')
    navigator.clipboard.writeText(location.href).then(
      () => report(sources.usingFile() ? 'Link copied. It holds the settings and λ values, not your file: it opens on generated data.' : 'Link copied.'),
      () => report('Copy was refused; the link is in the address bar.'),
    )
  })
  byId('export-png').addEventListener('click', () => {
    chartsPng(sources.canvases()).then(
      (blob) => {
        download(blob, 'weight-decay-charts.png')
        report('PNG saved.')
      },
      (error) => report(`No PNG: ${message(error)}.`),
    )
  })
  byId('export-csv').addEventListener('click', () => {
    download(new Blob([sources.csv()], { type: 'text/csv' }), 'weight-decay-results.csv')
    report('CSV saved.')
  })
  byId('export-json').addEventListener('click', () => {
    download(new Blob([JSON.stringify(sources.json(), null, 1)], { type: 'application/json' }), 'weight-decay-results.json')
    report('JSON saved.')
  })
}
