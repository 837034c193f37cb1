// Small random regression problems for tests, from a seeded generator.
import seedrandom from 'seedrandom'

export interface SmallProblem {
  xTrain: number[][]
  yTrain: number[]
  xTest: number[][]
  yTest: number[]
}

export function randomProblem(seed: string, nTrain: number, d: number, nTest = 10): SmallProblem {
  const rand = seedrandom.xor4096(seed)
  const normal = () => Math.sqrt(-2 * Math.log(rand.double())) * Math.cos(2 * Math.PI * rand.double())
  const wTrue = Array.from({ length: d }, () => (rand() < 0.3 ? normal() : 0))
  const rows = (n: number) => Array.from({ length: n }, () => Array.from({ length: d }, normal))
  const targets = (x: number[][]) => x.map((r) => r.reduce((s, v, j) => s + v * wTrue[j]!, 0.5) + 0.1 * normal())
  const xTrain = rows(nTrain)
  const xTest = rows(nTest)
  return { xTrain, yTrain: targets(xTrain), xTest, yTest: targets(xTest) }
}
