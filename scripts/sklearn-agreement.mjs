// Prints how far the engine is from scikit-learn on data/diabetes.csv (the figures of
// data/sklearn-fixtures.json): node scripts/sklearn-agreement.mjs (after a build).
import { readFileSync } from 'node:fs'
import { createEngine } from '../packages/api/dist/index.js'
const fx = JSON.parse(readFileSync(new URL('../data/sklearn-fixtures.json', import.meta.url), 'utf8'))
const t = readFileSync(new URL('../data/diabetes.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number))
const x = t.map((r) => r.slice(0, -1)), y = t.map((r) => r.at(-1))
const e = await createEngine()
const data = { xTrain: x, yTrain: y }
const rel = (a, b) => Math.abs(a - b) / Math.abs(b)
for (const s of fx.solves) {
  const r = e.solve({ data, standardize: true, dtype: 'float64', penalty: s.penalty, lambda: s.lambda, l1Ratio: s.l1Ratio })
  const scale = Math.max(...s.w.map(Math.abs))
  const dw = Math.max(...s.w.map((w, j) => Math.abs(r.w[j] - w) / scale))
  console.log(`${s.penalty} λ=${s.lambda}: max |Δw|/max|w| ${dw.toExponential(1)}, Δb rel ${rel(r.b, s.b).toExponential(1)}`)
}
const loo = e.cv({ data, standardize: true, dtype: 'float64', lambdas: fx.loo.lambdas, folds: 'loo' })
console.log('LOO mean max rel', Math.max(...loo.rows.map((r, i) => rel(r.mean, fx.loo.rows[i].mean))).toExponential(1), 'se', Math.max(...loo.rows.map((r, i) => rel(r.se, fx.loo.rows[i].se))).toExponential(1))
for (const p of ['l2', 'l1']) {
  const rows = fx.kfold[p]
  const k = e.cv({ data, standardize: true, dtype: 'float64', penalty: p, lambdas: rows.map((q) => q.lambda), folds: fx.kfold.folds })
  console.log(`5-fold ${p} mean max rel`, Math.max(...k.rows.map((r, i) => rel(r.mean, rows[i].mean))).toExponential(1), 'se', Math.max(...k.rows.map((r, i) => rel(r.se, rows[i].se))).toExponential(1))
}
