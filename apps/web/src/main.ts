// Wires the page: state from the URL (and Back/Forward), the engine, the runs, charts, forms,
// presets, the path and the exact-solve views, exports and display settings.
import { ConfigError, createEngine } from '@weight-decay/api/url'
import 'uplot/dist/uPlot.min.css'
import './style.css'
import { BeyondPanel } from './beyond-panel.js'
import { Chart } from './charts/base.js'
import { LossChart } from './charts/loss-chart.js'
import { PathCharts } from './charts/path-chart.js'
import { ConfigForm } from './controls.js'
import { CsvPanel } from './csv-panel.js'
import { CvPanel } from './cv-panel.js'
import { byId, setText } from './dom.js'
import { ExactWeights } from './exact.js'
import { resultsCsv, resultsJson } from './export.js'
import { wireShareButtons } from './share.js'
import { FitView } from './fit-view.js'
import { UrlHistory } from './history.js'
import { MAX_RUNS } from './limits.js'
import { message, Notices } from './notices.js'
import { PRESETS, renderPresets, showNotice } from './presets.js'
import { RunCards, runName } from './run-cards.js'
import { RunsController } from './runs.js'
import { currentLambda, DEFAULT_LAMBDAS, DEFAULT_SHARED, parseQuery, sizeProblem, toQuery, type AppState, type Config, type RunSpec, type SweepSettings } from './state.js'
import { SweepPanel } from './sweep-panel.js'
import { reducedMotion, setUpDisplay } from './theme.js'
import { runInTasks } from './tasks.js'
import { Transport } from './transport.js'
import { WeightsView } from './weights-view.js'
import { configWithFile, dataSwitch, type UserData } from './user-data.js'

const notices = new Notices(byId('notices'))

// Anything unexpected is shown, not only logged.
addEventListener('error', (e) => {
  // A benign browser notice about resize observers, not a failure of the page.
  if (!e.error && String(e.message).startsWith('ResizeObserver loop')) return
  notices.add(message(e.error ?? e.message), 'Unexpected error:')
})
addEventListener('unhandledrejection', (e) => notices.add(message(e.reason), 'Unexpected error:'))

/** Fit and weights views redraw at most this often while training plays (they read every run's weights). */
const VIEW_INTERVAL_MS = 120

async function start(): Promise<void> {
  const parsed = parseQuery(location.search)
  notices.show(parsed.notices)
  let sweepSettings: SweepSettings = parsed.state.sweep
  let autoPath = parsed.state.autoPath ?? false
  let autoDescent = parsed.state.autoDescent ?? false
  let autoCv = parsed.state.autoCv ?? false
  let cvBy = parsed.state.cvBy

  const engine = await createEngine()
  const urlHistory = new UrlHistory()
  const lossChart = new LossChart(byId('loss-chart'), byId('loss-legend'), byId('loss-empty'))
  const exact = new ExactWeights(() => scheduleViews(true))
  const weights = new WeightsView(byId('weights-chart'), byId('weights-summary'), exact)
  const fit = new FitView(byId('fit-chart'))
  /** The visitor's CSV the runs train on (csv-panel.ts), or null for generated data. */
  let userData: UserData | null = null

  const query = () => toQuery({ config: runs.config, runs: runs.specs, sweep: sweepSettings, autoPath, autoDescent, autoCv, ...(cvBy ? { cvBy } : {}) })
  /** A change the visitor made: a new history entry (bursts of the same kind share one). */
  const record = (kind: string) => {
    urlHistory.record(query(), kind)
    markPreset()
  }
  // "What to notice" stays beside the charts while the page shows exactly a preset's setting.
  const presetQueries = PRESETS.map((p) => ({ preset: p, query: toQuery(parseQuery(p.query).state) }))
  const markPreset = () => showNotice(byId('preset-notice'), presetQueries.find((p) => p.query === query())?.preset)

  // The predict-the-mean reference depends on the data only: once per config.
  let baselineKey = ''
  let baselineValue: number | undefined
  const baseline = (): number | undefined => {
    const key = JSON.stringify(runs.config) + (userData?.key ?? '')
    if (key !== baselineKey && runs.runs[0]) {
      baselineKey = key
      if (userData) {
        // Predicting every row of a large file takes ~10 ms: in a task of its own, then drawn.
        baselineValue = undefined
        setTimeout(() => {
          if (key !== baselineKey || !runs.runs[0]) return
          baselineValue = runs.runs[0].trainer.predictions().baseline.testLoss
          render()
        }, 0)
      } else baselineValue = runs.runs[0].trainer.predictions().baseline.testLoss
    }
    return runs.runs[0] ? baselineValue : undefined
  }

  let viewsKey = ''
  let viewsAt = -Infinity
  let viewsTimer = 0
  /** Redraws the fit and weights views in a task of their own, throttled while playing. */
  const scheduleViews = (force = false) => {
    if (force) viewsKey = ''
    if (viewsTimer) return
    const wait = runs.playing ? Math.max(0, viewsAt + VIEW_INTERVAL_MS - performance.now()) : 0
    viewsTimer = window.setTimeout(() => {
      viewsTimer = 0
      const key = `${JSON.stringify(runs.config)}|${runs.runs.map((r) => `${r.id}:${r.trainer.epoch}:${currentLambda(r.spec)}:${r.spec.changes.length}`).join(',')}|${document.documentElement.className}${document.documentElement.dataset.theme}|${userData?.key ?? ''}`
      if (key === viewsKey) return
      viewsKey = key
      viewsAt = performance.now()
      runInTasks([...fit.jobs(runs.runs, (r) => runs.runs.includes(r)), ...weights.jobs(runs.runs, userData ? { ...runs.config, numInputs: userData.options.numInputs! } : runs.config, !userData)])
    }, wait)
  }

  const render = () => {
    transport.render()
    cards.render(runs.runs, runs.playing, runs.config)
    lossChart.render(runs.runs, runs.config, baseline(), runs.end)
    scheduleViews()
    cv.setTargets(runs.runs.map((r, i) => ({ id: r.id, label: runName(r, i) })))
  }

  const runs = new RunsController(engine, parsed.state.config, render, (error) => notices.add(message(error), 'Training stopped:'))
  const transport = new Transport(runs)
  /** Plays, or under prefers-reduced-motion shows the results at once. */
  const go = () => (reducedMotion() ? runs.skip() : runs.play())
  /** A run's λ from now on (its card, or cross-validation's choice): a history entry. */
  const setRunLambda = (id: number, lambda: number): string | undefined => {
    const extends_ = runs.wouldExtend(id)
    const refused = runs.setLambda(id, lambda)
    if (refused) return refused
    record(`lambda:${id}`)
    // A finished run continues from its weights: show it happen.
    if (extends_) go()
    return undefined
  }
  const cards = new RunCards(byId('runs'), {
    setLambda: setRunLambda,
    setOptim: (id, key) => {
      const [optimizer, decay] = key ? (key.split('~') as [Config['optimizer'], Config['decay']]) : []
      try {
        runs.setOptim(id, optimizer ? { optimizer, decay } : undefined)
      } catch (error) {
        if (error instanceof ConfigError) return error.message
        throw error
      }
      record(`optim:${id}`)
      go()
      return undefined
    },
    remove: (id) => {
      runs.remove(id)
      record(`remove:${id}`)
    },
  })
  transport.onReset = () => record('reset')

  /** The config the runs train on: with the visitor's file when there is one. */
  const trainingConfig = () => (userData ? ({ ...runs.config, ...userData.options } as Config) : runs.config)
  const pathCharts = new PathCharts(byId('path-loss-chart'), byId('path-norm-chart'), byId('path-legend'))
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
    trainingConfig,
    (s) => {
      sweepSettings = s
      record('sweep')
    },
    baseline,
  )
  const beyond = new BeyondPanel(
    {
      coefRun: byId<HTMLButtonElement>('coef-run'),
      ddRun: byId<HTMLButtonElement>('dd-run'),
      cancel: byId<HTMLButtonElement>('beyond-cancel'),
      status: byId('beyond-status'),
      coefChart: byId('coef-path-chart'),
      ddChart: byId('double-descent-chart'),
      ddLegend: byId('dd-legend'),
    },
    // The coefficient path on the visitor's file when there is one; double descent on generated data.
    trainingConfig,
    () => runs.config,
  )
  const cv = new CvPanel(
    {
      by: byId<HTMLSelectElement>('cv-by'),
      run: byId<HTMLButtonElement>('cv-run'),
      cancel: byId<HTMLButtonElement>('cv-cancel'),
      progress: byId<HTMLProgressElement>('cv-progress'),
      status: byId('cv-status'),
      chart: byId('cv-chart'),
      legend: byId('cv-legend'),
      table: byId<HTMLTableSectionElement>('cv-table'),
      target: byId<HTMLSelectElement>('cv-target'),
      choice: byId<HTMLSelectElement>('cv-choice'),
      use: byId<HTMLButtonElement>('cv-use'),
      useStatus: byId('cv-use-status'),
    },
    trainingConfig,
    (by) => {
      cvBy = by === 'sgd' ? 'sgd' : undefined
      record('cv-by')
    },
    setRunLambda,
  )
  cv.setBy(cvBy ?? 'optimum')

  /**
   * Loads a config and runs. The API may still refuse a combination (e.g. Nesterov without
   * momentum, or memory): then `keep` leaves everything as it was and returns the reason; otherwise
   * the defaults are loaded with a notice.
   */
  const load = (config: Config, specs: RunSpec[], keep = false): string | undefined => {
    const changed = JSON.stringify(config) !== JSON.stringify(runs.config)
    try {
      runs.load(config, specs)
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      if (keep) return error.message
      notices.add(`${error.message}; using the defaults.`, 'These settings cannot run:')
      runs.load({ ...DEFAULT_SHARED }, DEFAULT_LAMBDAS.map((lambda) => ({ lambda, changes: [] })))
    }
    form.set(runs.config)
    if (changed) {
      sweep.invalidate()
      beyond.invalidate()
      cv.invalidate()
    }
    return undefined
  }

  /** A whole state (a preset, or Back and Forward). */
  const loadState = (state: AppState) => {
    sweepSettings = state.sweep
    sweep.setSettings(state.sweep)
    autoPath = state.autoPath ?? false
    autoDescent = state.autoDescent ?? false
    autoCv = state.autoCv ?? false
    cvBy = state.cvBy
    cv.setBy(cvBy ?? 'optimum')
    load(state.config, state.runs)
  }

  const form = new ConfigForm(byId<HTMLFormElement>('config'), (key, value) => {
    const config = { ...runs.config, [key]: value }
    const tooBig = sizeProblem(config)
    if (tooBig) return tooBig
    // Restart every run from epoch 0 with its present λ (and its own optimizer, if it has one).
    const specs: RunSpec[] = runs.specs.map((spec) => ({ lambda: currentLambda(spec), changes: [], ...(spec.optim ? { optim: spec.optim } : {}) }))
    // A combination the API refuses (e.g. Nesterov without momentum) is told beside the field; nothing changes.
    const refused = load(config, specs, true)
    if (refused) return refused
    record(`config:${key}`)
    go()
    return undefined
  })

  const csv = new CsvPanel(byId('csv-panel'), {
    seed: () => String(runs.config.seed),
    use: dataSwitch({
      runs,
      load: (config, specs) => load(config, specs, true),
      set: (d) => {
        userData = d
        exact.data = d
      },
      changed: () => {
        sweep.invalidate()
        beyond.invalidate()
        cv.invalidate()
      },
      ready: () => {
        urlHistory.replace(query())
        go()
      },
    }),
  })

  byId('add-run').addEventListener('click', () => {
    if (runs.specs.length >= MAX_RUNS) {
      notices.add(`At most ${MAX_RUNS} runs can be compared; remove one first.`, 'Cannot add a run:')
      return
    }
    const last = runs.specs.at(-1)
    // A new run at ten times the last λ (or 1), so it differs visibly.
    runs.add({ lambda: last ? Math.min(100, currentLambda(last) * 10 || 1) : 1, changes: [] })
    record('add-run')
    go()
  })

  renderPresets(byId('presets'), (q) => {
    // A tour is about generated data: the visitor's file is put aside.
    csv.clear()
    const next = parseQuery(q)
    notices.show(next.notices)
    loadState(next.state)
    urlHistory.record(query(), 'preset')
    markPreset()
    // The charts come up; the tours fold away (one click opens them again).
    byId<HTMLDetailsElement>('presets-box').open = false
    go()
    if (autoPath) void sweep.start()
    if (autoDescent) void beyond.start('dd')
    if (autoCv) void cv.start()
    byId('live-title').scrollIntoView({ behavior: reducedMotion() ? 'auto' : 'smooth', block: 'start' })
  })

  // Back and Forward: the state of that entry, with its results shown straight away.
  urlHistory.onRestore((q) => {
    const next = parseQuery(q)
    notices.show(next.notices)
    loadState(next.state)
    urlHistory.replace(query())
    markPreset()
    runs.skip()
  })

  setUpDisplay(() => {
    Chart.retheme()
    lossChart.invalidate()
    render()
    scheduleViews(true)
  })

  wireShareButtons({
    canvases: () => [lossChart.canvas(), ...fit.canvases(), ...weights.canvases(), ...(sweep.result ? pathCharts.canvases() : []), ...beyond.canvases(), ...cv.canvases()],
    csv: () => resultsCsv(runs.runs, sweep.result),
    json: () => resultsJson(location.href, userData ? configWithFile(runs.config, userData) : runs.config, runs.runs, sweep.result, cv.result),
    usingFile: () => userData !== null,
  })

  load(parsed.state.config, parsed.state.runs)
  // The link as the page understood it: every key, bad values replaced (no new history entry).
  urlHistory.replace(query())
  markPreset()
  if (!byId('preset-notice').hidden) byId<HTMLDetailsElement>('presets-box').open = false
  go()
  if (autoPath) void sweep.start()
  if (autoDescent) void beyond.start('dd')
  if (autoCv) void cv.start()
}

start().catch((error: unknown) => {
  notices.add(`${message(error)}. This page needs a browser with WebAssembly.`, 'The laboratory could not start:')
})
