/** The large problem of the performance issue (scenario 3 and the memory check). */
export const LARGE = { numInputs: 4096, nTrain: 16384, nTest: 100, batchSize: 64, epochs: 2, evalEvery: 2, lr: 1e-4 } as const
