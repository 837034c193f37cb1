// The experiment every example runs with the API it was given: the seed's comparison (λ = 0
// and λ = 3 at the default seed) and an Adam run in float64, then a λ sweep and one run on a
// worker pool. The harness (test/matrix.test.ts) copies this file into each example and
// compares the numbers bit for bit with the workspace engine.

/** Runs the experiment; `options.pool` is passed to createWorkerPool. */
export async function experiment(api, options = {}) {
  const engine = await api.createEngine(options.engine)
  const runs = [{ lambda: 0 }, { lambda: 3 }, { lambda: 3, dtype: 'float64', optimizer: 'adam', lr: 0.01 }].map((config) => {
    const r = engine.train(config)
    return { config, wNorm: r.wNorm, b: r.b, w: Array.from(r.w), history: r.history }
  })
  const pool = await api.createWorkerPool({ size: 2, ...options.pool })
  try {
    const sweep = await pool.sweep({ lambdas: [0, 1, 3, 10], seeds: 3 })
    const pooled = await pool.train({ lambda: 3, seed: 'pool' })
    return { runs, sweep: sweep.rows, best: sweep.best, pooled: { wNorm: pooled.wNorm, w: Array.from(pooled.w) } }
  } finally {
    await pool.terminate()
  }
}
