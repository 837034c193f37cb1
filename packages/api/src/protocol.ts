import type { SweepPlan, SweepTask } from './sweep.js'
import type { TrainOptions } from './options.js'
import type { CvOptions } from './cv.js'
import type { CoefPathOptions } from './path.js'

/** A message from the pool to a worker. */
export type WorkerRequest =
  | { id: number; kind: 'init'; module: WebAssembly.Module }
  | { id: number; kind: 'sweep'; plan: SweepPlan; task: SweepTask }
  | { id: number; kind: 'train'; options: Omit<TrainOptions, 'onEval'> }
  | { id: number; kind: 'solve'; options: Omit<TrainOptions, 'onEval'> }
  | { id: number; kind: 'cv'; options: CvOptions; fold: number }
  | { id: number; kind: 'coefPath'; options: CoefPathOptions; start: number; end: number }

/** An error as it crosses the thread boundary. */
export interface WireError {
  name: string
  message: string
  key?: string
  value?: unknown
}

/** A message from a worker to the pool. */
export type WorkerResponse =
  | { id: number; kind: 'progress' }
  | { id: number; kind: 'done'; value: unknown }
  | { id: number; kind: 'error'; error: WireError }

/** A request before the pool numbers it. */
export type UnsentRequest = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never
