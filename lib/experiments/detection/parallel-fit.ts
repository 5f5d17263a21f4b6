/**
 * Fits independent models of one experiment in child processes, up to `workers` at a time (each
 * child takes one job after another, so memory is bounded by the number of workers, not models).
 * Child processes rather than worker threads: TF.js keeps one global engine and backend per
 * process, so two models training in threads of one process would share (and race on) it.
 */
import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../runtime/project.js";
import type { WorkerJob, WorkerOutcome } from "./experiment-worker.js";

/** Workers a parallel experiment uses by default: `LOGLAB_WORKERS` when set, else the number of cores. */
export function defaultExperimentWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LOGLAB_WORKERS;
  if (raw === undefined || raw === "") return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`LOGLAB_WORKERS must be a whole number ≥ 1, got "${raw}"`);
  return n;
}

function startWorker(): ChildProcess {
  const script = join(projectRoot(), "bin", "experiment-worker.mjs");
  return fork(script, [], { serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

/**
 * Runs every job on a pool of `workers` child processes; `onDone` is called as each finishes
 * (in completion order). Resolves with the outcomes in job order; the first failure stops the
 * pool and rejects with the model's error.
 */
export async function fitInWorkers(jobs: readonly WorkerJob[], workers: number, onDone?: (index: number, outcome: WorkerOutcome & { ok: true }) => Promise<void> | void): Promise<(WorkerOutcome & { ok: true })[]> {
  const outcomes: (WorkerOutcome & { ok: true })[] = new Array(jobs.length);
  let next = 0;
  const children: ChildProcess[] = [];
  const runOn = (child: ChildProcess): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const take = (): void => {
        if (next >= jobs.length) return resolve();
        const index = next++;
        const job = jobs[index]!;
        const onExit = (code: number | null, signal: string | null): void => reject(new Error(`${job.spec.label ?? job.spec.model}: experiment worker exited (${signal ?? `status ${code}`}) before it finished`));
        child.once("exit", onExit);
        child.once("message", (outcome: WorkerOutcome) => {
          child.off("exit", onExit);
          // `in` narrows under any compiler settings (the notebook kernel's are not strict)
          if ("error" in outcome) return reject(new Error(outcome.error));
          outcomes[index] = outcome;
          Promise.resolve(onDone?.(index, outcome)).then(take, reject);
        });
        child.send(job);
      };
      take();
    });
  try {
    const pool = Math.max(1, Math.min(workers, jobs.length));
    for (let i = 0; i < pool; i++) children.push(startWorker());
    await Promise.all(children.map(runOn));
  } finally {
    for (const c of children) {
      if (c.connected) c.disconnect();
      if (c.exitCode === null && c.signalCode === null) c.kill();
    }
  }
  return outcomes;
}
