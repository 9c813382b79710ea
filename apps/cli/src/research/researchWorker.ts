import { workerData } from 'node:worker_threads';
import type { RunOutcome } from '@warden/core/research/runPart';
import { createTaskRunner, type TaskContext, type TaskMessage } from './taskRunner.js';

// A worker thread of the research pool (piscina calls the default export once per task).
const run = createTaskRunner(workerData as TaskContext);

export default function researchTask(task: TaskMessage): Promise<RunOutcome> {
  return run(task);
}
