/**
 * Fits independent detection models of one experiment on a pool of child processes
 * ({@link runOnChildPool}); each child fits, scores and saves one model after another.
 */
import { runOnChildPool } from "../workers/child-pool.js";
import type { WorkerJob, WorkerOutcome } from "./experiment-worker.js";

export { defaultExperimentWorkers } from "../workers/child-pool.js";

/**
 * Runs every job on a pool of `workers` child processes; `onDone` is called as each finishes
 * (in completion order). Resolves with the outcomes in job order; the first failure stops the
 * pool and rejects with the model's error.
 */
export function fitInWorkers(jobs: readonly WorkerJob[], workers: number, onDone?: (index: number, outcome: WorkerOutcome) => Promise<void> | void): Promise<WorkerOutcome[]> {
  return runOnChildPool<WorkerJob, WorkerOutcome>({ kind: "detection", jobs, workers, describe: (job) => job.spec.label ?? job.spec.model, onDone });
}
