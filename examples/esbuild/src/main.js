import * as api from '@weight-decay/api'
import { experiment } from './experiment.js'

const report = (result) => {
  if (typeof document === 'undefined') console.log(JSON.stringify(result))
  else globalThis.__result = result
}
experiment(api).then(report, (error) => {
  if (typeof document === 'undefined') throw error
  globalThis.__error = String(error?.stack ?? error)
})
