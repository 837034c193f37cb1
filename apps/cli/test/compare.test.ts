import { describe, expect, it } from 'vitest'
import { createEngine } from '@weight-decay/api'
import { cli } from './run.js'

describe('weight-decay compare (built binary)', () => {
  it("runs the seed's experiment and prints both runs' final ‖w‖", async () => {
    const out = cli(['compare'])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    const engine = await createEngine()
    const norms = [...out.stdout.matchAll(/final ‖w‖ = (\S+)/g)].map((m) => Number(m[1]))
    expect(norms).toHaveLength(2)
    const expected = [0, 10].map((lambda) => engine.train({ lambda }).wNorm)
    norms.forEach((n, i) => expect(n).toBeCloseTo(Number(expected[i]!.toPrecision(4)), 10))
    expect(out.stdout).toMatch(/λ = 0/)
    expect(out.stdout).toMatch(/λ = 10/)
  })
})
