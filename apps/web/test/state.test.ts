// The URL codec and the λ slider scale, in Node (no browser needed).
import { DEFAULT_CONFIG } from '@weight-decay/api'
import { describe, expect, it } from 'vitest'
import { lambdaToPosition, positionToLambda, SLIDER_MAX, sliderMaxFor, stableLambda } from '../src/lambda-scale.js'
import { DEFAULT_SHARED, parseNumber, parseQuery, parseSeed, runEnd, toQuery } from '../src/state.js'

describe('parseQuery / toQuery', () => {
  it('gives the seed experiment, λ = 0 and 10, for an empty query', () => {
    const { state, notices } = parseQuery('')
    expect(notices).toEqual([])
    expect(state.runs).toEqual([{ lambda: 0, changes: [] }, { lambda: 10, changes: [] }])
    const { lambda: _, ...shared } = DEFAULT_CONFIG
    expect(state.config).toEqual(shared)
  })

  it('round-trips every key, λ lists and mid-run changes', () => {
    const query = '?lambda=0@40:10@70:0.5,3,1e-7&numInputs=50&nTrain=30&nTest=40&trueW=-0.02&trueB=1e-3&noiseStd=0&initStd=2&batchSize=3&epochs=90&lr=0.01&penalty=elastic&l1Ratio=0.25&evalEvery=3&shuffle=false&dtype=float64&seed=a%20b%26c%3D%2B&pathCount=5'
    const { state, notices } = parseQuery(query)
    expect(notices).toEqual([])
    expect(state.runs).toEqual([
      { lambda: 0, changes: [{ epoch: 40, lambda: 10 }, { epoch: 70, lambda: 0.5 }] },
      { lambda: 3, changes: [] },
      { lambda: 1e-7, changes: [] },
    ])
    expect(state.config.seed).toBe('a b&c=+')
    expect(state.sweep.count).toBe(5)
    expect(parseQuery(toQuery(state)).state).toEqual(state)
    expect(toQuery(state)).toContain('lambda=0@40:10@70:0.5,3,1e-7&')
  })

  it('writes every config key, so a link survives a change of defaults', () => {
    const query = toQuery(parseQuery('').state)
    for (const key of Object.keys(DEFAULT_SHARED)) expect(query).toContain(`&${key}=`)
  })

  it('turns each bad value into a notice and that key’s default, keeping the good ones', () => {
    const { state, notices } = parseQuery('?numInputs=-1&lr=abc&epochs=7&dtype=float16&lamda=1')
    expect(notices.map((n) => n.key)).toEqual(['lamda', 'numInputs', 'lr', 'dtype'])
    expect(notices[0]!.text).toContain('did you mean lambda?')
    // Plain words and the page's own cap (5,000), not the API's 2^30.
    expect(notices[1]!.text).toBe('Features d (numInputs) must be a whole number from 1 to 5,000; got "-1"; using 200.')
    expect(parseQuery('?nTrain=6000').notices[0]!.text).toBe('Training examples (nTrain) must be a whole number from 1 to 5,000; got "6000"; using 20.')
    expect(state.config).toMatchObject({ numInputs: 200, lr: 0.003, epochs: 7, dtype: 'float32' })
  })

  it('keeps valid runs of a λ list and drops the bad ones with a notice', () => {
    const { state, notices } = parseQuery('?lambda=1,-2,x,3@0:1@5:2&epochs=10')
    expect(state.runs).toEqual([{ lambda: 1, changes: [] }, { lambda: 3, changes: [{ epoch: 5, lambda: 2 }] }])
    expect(notices).toHaveLength(3)
  })
})

describe('a run’s own optimizer', () => {
  it('reads "~adam~decoupled" after a run, writes it back, and reports an unknown tag', () => {
    const { state, notices } = parseQuery('?lambda=1~adam~decoupled,0@5:1~sgd,3')
    expect(notices).toEqual([])
    expect(state.runs.map((r) => r.optim)).toEqual([{ optimizer: 'adam', decay: 'decoupled' }, { optimizer: 'sgd' }, undefined])
    expect(toQuery(state)).toContain('lambda=1~adam~decoupled,0@5:1~sgd,3&')
    expect(parseQuery('?lambda=1~rmsprop').notices).toHaveLength(1)
  })
})

describe('runs continued past their end', () => {
  it('reads a change at the end of a run as a continuation by another `epochs` epochs', () => {
    const { state, notices } = parseQuery('?lambda=0@100:3@150:1@200:0.5&epochs=100')
    expect(notices).toEqual([])
    expect(runEnd(state.runs[0]!, 100)).toBe(300)
    expect(runEnd({ lambda: 0, changes: [{ epoch: 40, lambda: 1 }] }, 100)).toBe(100)
    // Past the run's end so far (not at it): refused.
    expect(parseQuery('?lambda=0@101:3&epochs=100').notices).toHaveLength(1)
  })

  it('keeps 100 changes per run, so a 30-change link round-trips exactly', () => {
    const item = ['0', ...Array.from({ length: 30 }, (_, i) => `${3 * (i + 1)}:${(i % 7) / 2}`)].join('@')
    const { state, notices } = parseQuery(`?lambda=${item}`)
    expect(notices).toEqual([])
    expect(state.runs[0]!.changes).toHaveLength(30)
    expect(toQuery(state)).toContain(`lambda=${item}&`)
    const many = ['0', ...Array.from({ length: 101 }, (_, i) => `${i + 1}:1`)].join('@')
    const parsed = parseQuery(`?lambda=${many}&epochs=200`)
    expect(parsed.state.runs[0]!.changes).toHaveLength(100)
    expect(parsed.notices.map((n) => n.text)).toEqual(['at most 100 λ changes per run are kept.'])
  })
})

describe('numbers and seeds from text', () => {
  it('accepts decimal numbers only', () => {
    expect(['1', '-2.5', '.5', '1e-3', '1E+2', ' 7 ', '1e 2'].map(parseNumber)).toEqual([1, -2.5, 0.5, 1e-3, 100, 7, 100])
    expect(['', 'abc', '0x10', 'Infinity', 'NaN', '1e400', '1,5', '--1', '1.2.3'].map(parseNumber)).toEqual(Array(9).fill(undefined))
  })
  it('reads canonical safe integers as number seeds, anything else as strings', () => {
    expect([parseSeed('42'), parseSeed('-7'), parseSeed('042'), parseSeed('4.0'), parseSeed('9007199254740993'), parseSeed('abc')]).toEqual([42, -7, '042', '4.0', '9007199254740993', 'abc'])
  })
})

describe('the λ slider', () => {
  it('has 0 at its start, then a log scale through 1e-4 … 1e3 that hits the decades exactly', () => {
    expect(positionToLambda(0)).toBe(0)
    expect(positionToLambda(1)).toBe(1e-4)
    expect(positionToLambda(SLIDER_MAX)).toBe(1e3)
    expect([1e-3, 0.01, 0.1, 1, 10, 100].map((l) => positionToLambda(lambdaToPosition(l)))).toEqual([1e-3, 0.01, 0.1, 1, 10, 100])
    for (let p = 0; p <= SLIDER_MAX; p++) expect(lambdaToPosition(positionToLambda(p))).toBe(p)
  })

  it('stops below 1/lr, so no λ on the slider makes SGD overshoot (at the default lr: 316, not 1000)', () => {
    expect(positionToLambda(sliderMaxFor(0.003))).toBe(316)
    for (const lr of [1e-4, 0.003, 0.01, 0.1, 1, 10]) {
      expect(positionToLambda(sliderMaxFor(lr))).toBeLessThanOrEqual(stableLambda(lr))
      if (sliderMaxFor(lr) < SLIDER_MAX) expect(positionToLambda(sliderMaxFor(lr) + 1)).toBeGreaterThan(stableLambda(lr))
    }
  })
})

describe('cross-validation in the link', () => {
  it('reads cv=1 and cvBy=sgd, writes them back, and reports a bad cvBy', () => {
    const { state, notices } = parseQuery('?lambda=0,1&cv=1&cvBy=sgd')
    expect(notices).toEqual([])
    expect(state.autoCv).toBe(true)
    expect(state.cvBy).toBe('sgd')
    expect(toQuery(state)).toMatch(/&cv=1&cvBy=sgd$/)
    expect(parseQuery(toQuery(state)).state).toEqual(state)
    const bad = parseQuery('?cvBy=lasso')
    expect(bad.state.cvBy).toBeUndefined()
    expect(bad.notices.map((n) => n.key)).toEqual(['cvBy'])
    expect(toQuery(parseQuery('').state)).not.toMatch(/cv/)
  })
})
