// Node, ES modules: the default entry (wasm embedded) and the /url entry (wasm read from the file).
import * as api from '@weight-decay/api'
import * as url from '@weight-decay/api/url'
import { experiment } from './experiment.js'

const result = await experiment(api)
const fromFile = (await url.createEngine()).train({ lambda: 3 })
console.log(JSON.stringify({ ...result, urlEntry: fromFile.wNorm }))
