// Wires the page: state from the URL, the engine, the runs, charts, forms, path and exports.
import { ConfigError, createEngine } from '@weight-decay/api/url'
import 'uplot/dist/uPlot.min.css'
import './style.css'
import { LossChart } from './charts/loss-chart.js'
import { PathCharts } from './charts/path-chart.js'
import { WeightsChart } from './charts/weights-chart.js'
import { ConfigForm } from './controls.js'
import { byId, h, setText } from './dom.js'
import { ExactWeights } from './exact.js'
import { chartsPng, download, resultsCsv, resultsJson } from './export.js'
import { fmt } from './format.js'
import { Notices } from './notices.js'
import { RunCards } from './run-cards.js'
import { currentLambda, RunsController } from './runs.js'
import { DEFAULT_LAMBDAS, DEFAULT_SHARED, parseQuery, sizeProblem, toQuery, type Config, type RunSpec, type SweepSettings } from './state.js'
import { SweepPanel } from './sweep-panel.js'
import { Transport } from './transport.js'
import { MAX_RUNS } from './limits.js'

const notices = new Notices(byId('notices'))
const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

// Anything unexpected is shown, not only logged.
addEventListener('error', (e) => {
  // A benign browser notice about resize observers, not a failure of the page.
  if (!e.error && String(e.message).startsWith('ResizeObserver loop')) return
  notices.add(message(e.error ?? e.message), 'Unexpected error:')
})
addEventListener('unhandledrejection', (e) => notices.add(message(e.reason), 'Unexpected error:'))

async function start(): Promise<void> {
  const parsed = parseQuery(location.search)
  notices.show(parsed.notices)
  let sweepSettings: SweepSettings = parsed.state.sweep

  const engine = await createEngine()
  const lossChart = new LossChart(byId('loss-chart'))
  const weightsChart = new WeightsChart(byId('weights-chart'))
  const weightsRun = byId<HTMLSelectElement>('weights-run')
  const weightsSummary = byId('weights-summary')
  const exact = new ExactWeights(engine)
  let lastQuery = ''

  const syncUrl = () => {
    const query = toQuery({ config: runs.config, runs: runs.runs.map((r) => r.spec), sweep: sweepSettings })
    if (query !== lastQuery) {
      lastQuery = query
      history.replaceState(null, '', query)
    }
  }

  const render = () => {
    transport.render()
    cards.render(runs.runs, runs.playing)
    lossChart.render(runs.runs, runs.config)
    renderWeights()
    syncUrl()
  }

  const renderWeights = () => {
    const ids = runs.runs.map((r) => String(r.id))
    if ([...weightsRun.options].map((o) => o.value).join() !== ids.join()) {
      const keep = weightsRun.value
      weightsRun.replaceChildren(...runs.runs.map((r, i) => h('option', { value: r.id }, `Run ${i + 1}`)))
      // The strongest decay shows shrinkage best; keep the visitor's choice when it still exists.
      weightsRun.value = ids.includes(keep) ? keep : (ids.at(-1) ?? '')
    }
    const run = runs.runs.find((r) => String(r.id) === weightsRun.value)
    const lambda = run ? currentLambda(run.spec) : 0
    const optimum = run ? exact.get(runs.config, lambda) : undefined
    const summary = weightsChart.render(run, runs.config, typeof optimum === 'object' ? optimum.w : undefined)
    if (!summary || !run) return setText(weightsSummary, '')
    const exactText = typeof optimum === 'object' ? `exact optimum: ${summary.exactZeros} of ${summary.d} exactly zero, ‖w‖ = ${fmt(optimum.wNorm)}.` : (optimum ?? '')
    setText(weightsSummary, `Run ${runs.runs.indexOf(run) + 1}, λ = ${fmt(lambda)}, ${runs.config.penalty}: SGD mean w = ${fmt(summary.mean)} (true ${fmt(runs.config.trueW)}), ${summary.zeros} of ${summary.d} exactly zero; ${exactText}`)
  }

  const runs = new RunsController(engine, parsed.state.config, render, (error) => notices.add(message(error), 'Training stopped:'))
  const transport = new Transport(runs)
  const cards = new RunCards(byId('runs'), {
    setLambda: (id, lambda) => runs.setLambda(id, lambda),
    remove: (id) => runs.remove(id),
  })
  weightsRun.addEventListener('change', renderWeights)

  const pathCharts = new PathCharts(byId('path-loss-chart'), byId('path-norm-chart'))
  const sweep = new SweepPanel(
    {
      form: byId<HTMLFormElement>('sweep-form'),
      run: byId<HTMLButtonElement>('sweep-run'),
      cancel: byId<HTMLButtonElement>('sweep-cancel'),
      progress: byId<HTMLProgressElement>('sweep-progress'),
      status: byId('sweep-status'),
    },
    pathCharts,
    sweepSettings,
    () => runs.config,
    (s) => {
      sweepSettings = s
      syncUrl()
    },
  )

  /** Loads a config and runs; the API may still refuse (e.g. memory), then defaults are used. */
  const load = (config: Config, specs: RunSpec[]): boolean => {
    try {
      runs.load(config, specs)
      return true
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      notices.add(`${error.message}; using the defaults.`, 'These settings cannot run:')
      runs.load({ ...DEFAULT_SHARED }, DEFAULT_LAMBDAS.map((lambda) => ({ lambda, changes: [] })))
      return false
    }
  }

  const form = new ConfigForm(byId<HTMLFormElement>('config'), (key, value) => {
    const config = { ...runs.config, [key]: value }
    const tooBig = sizeProblem(config)
    if (tooBig) return tooBig
    // Restart every run from epoch 0 with its present λ.
    const ok = load(config, runs.runs.map((r) => ({ lambda: currentLambda(r.spec), changes: [] })))
    if (!ok) form.set(runs.config)
    sweep.invalidate()
    runs.play()
    return undefined
  })

  byId('add-run').addEventListener('click', () => {
    if (runs.runs.length >= MAX_RUNS) {
      notices.add(`At most ${MAX_RUNS} runs can be compared; remove one first.`, 'Cannot add a run:')
      return
    }
    const last = runs.runs.at(-1)
    // A new run at ten times the last λ (or 1), so it differs visibly.
    runs.add({ lambda: last ? Math.min(1e3, currentLambda(last.spec) * 10 || 1) : 1, changes: [] })
    runs.play()
  })

  const shareStatus = byId('share-status')
  const report = (text: string) => setText(shareStatus, text)
  byId('copy-link').addEventListener('click', () => {
    // The clipboard API exists only in secure contexts (https or localhost).
    if (!navigator.clipboard) return report('This page cannot reach the clipboard here; copy the link from the address bar.')
    navigator.clipboard.writeText(location.href).then(
      () => report('Link copied.'),
      () => report('Copy was refused; the link is in the address bar.'),
    )
  })
  byId('export-png').addEventListener('click', () => {
    chartsPng([lossChart.canvas(), weightsChart.canvas(), ...(sweep.result ? pathCharts.canvases() : [])]).then(
      (blob) => {
        download(blob, 'weight-decay-charts.png')
        report('PNG saved.')
      },
      (error) => report(`No PNG: ${message(error)}.`),
    )
  })
  byId('export-csv').addEventListener('click', () => {
    download(new Blob([resultsCsv(runs.runs, sweep.result)], { type: 'text/csv' }), 'weight-decay-results.csv')
    report('CSV saved.')
  })
  byId('export-json').addEventListener('click', () => {
    const data = resultsJson(location.href, runs.config, runs.runs, sweep.result)
    download(new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' }), 'weight-decay-results.json')
    report('JSON saved.')
  })

  form.set(parsed.state.config)
  load(parsed.state.config, parsed.state.runs)
  runs.play()
}

start().catch((error: unknown) => {
  notices.add(`${message(error)}. This page needs a browser with WebAssembly.`, 'The laboratory could not start:')
})
