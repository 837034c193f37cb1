// Names and allowed ranges in plain words, with this page's own limits (not the API's far larger ones).
import { CONFIG_RULES } from '@weight-decay/api'
import { PAGE_CAPS } from './limits.js'
import type { ConfigKey } from './state.js'

/** What each setting is called on the page. */
export const LABELS: Record<ConfigKey, string> = {
  numInputs: 'Features d',
  nTrain: 'Training examples',
  nTest: 'Test examples',
  trueW: 'True w (each)',
  trueB: 'True bias',
  noiseStd: 'Noise std',
  initStd: 'Initial w std',
  batchSize: 'Batch size',
  epochs: 'Epochs',
  lr: 'Learning rate',
  penalty: 'Penalty',
  l1Ratio: 'L1 share (elastic)',
  evalEvery: 'Record every (epochs)',
  shuffle: 'Shuffle every epoch',
  dtype: 'Precision',
  seed: 'Seed',
  optimizer: 'Optimizer',
  momentum: 'Momentum (SGD)',
  nesterov: 'Nesterov (SGD)',
  beta1: 'Adam β1',
  beta2: 'Adam β2',
  eps: 'Adam ε',
  decay: 'Decay applied',
  schedule: 'Learning-rate schedule',
}

/** A number as people write it: 5,000 and 1,000,000, but 1e6 for 1e6 and above when not whole thousands. */
export const plain = (x: number): string => (Math.abs(x) >= 1e7 ? x.toExponential().replace('e+', 'e') : x.toLocaleString('en', { maximumFractionDigits: 6 }))

/** The values this page takes for a key, in words: "a whole number from 1 to 5,000". */
export function allowed(key: ConfigKey): string {
  const rule = CONFIG_RULES[key]
  switch (rule.kind) {
    case 'number': {
      const cap = (PAGE_CAPS as Partial<Record<ConfigKey, number>>)[key]
      const max = cap === undefined ? rule.max : Math.min(cap, rule.max)
      const kind = rule.integer ? 'a whole number' : 'a number'
      const low = rule.minExclusive ? `above ${plain(rule.min)}` : `from ${plain(rule.min)}`
      const high = rule.maxExclusive ? `below ${plain(max)}` : `${rule.minExclusive ? 'at most' : 'to'} ${plain(max)}`
      return `${kind} ${low}${rule.minExclusive || rule.maxExclusive ? ', ' : ' '}${high}`
    }
    case 'choice':
      return `one of ${rule.choices.join(', ')}`
    case 'boolean':
      return 'true or false'
    case 'seed':
      return 'any text or whole number'
  }
}
