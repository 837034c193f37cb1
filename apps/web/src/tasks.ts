// Work split into small tasks, one per message-loop turn, so no single task blocks input for long;
// starting a new batch drops what is left of the previous one.

const channel = new MessageChannel()
let queue: (() => void)[] = []

channel.port1.onmessage = () => {
  const job = queue.shift()
  if (queue.length > 0) channel.port2.postMessage(null)
  job?.()
}

/** Runs the jobs in order, each in a task of its own; replaces any jobs still waiting. */
export function runInTasks(jobs: (() => void)[]): void {
  const idle = queue.length === 0
  queue = jobs.slice()
  if (idle && queue.length > 0) channel.port2.postMessage(null)
}
