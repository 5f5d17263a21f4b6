/**
 * A pool of child processes that run an experiment's independent fits, up to `workers` at a time
 * (each child takes one job after another, so memory is bounded by the workers, not the jobs).
 * Child processes rather than worker threads: TF.js keeps one global engine and backend per
 * process, so two models training in threads of one process would share (and race on) it.
 * The child side is {@link serveWorkerJobs} (`bin/experiment-worker.mjs`); a job's `kind` names
 * the handler that runs it there.
 */
import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../runtime/project.js";
import type { WorkerJobKind, WorkerReply } from "./worker-protocol.js";

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

/** Options of {@link runOnChildPool}. */
export interface ChildPoolOptions<J, O> {
  kind: WorkerJobKind;
  jobs: readonly J[];
  workers: number;
  /** Sent once to each child before its first job (data every job shares: lines, an encoder's folder). */
  context?: unknown;
  /** The job's name in errors. */
  describe: (job: J) => string;
  /** Called as each job finishes (in completion order); the pool waits for it before giving that child another job. */
  onDone?: (index: number, outcome: O) => Promise<void> | void;
  /** Stops the pool when aborted: no job is started after, the children are ended, and the run rejects. */
  signal?: AbortSignal;
}

/** Sends one message to a child and waits for its reply (rejects if the child exits first). */
function ask(child: ChildProcess, message: unknown, what: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null): void => reject(new Error(`${what}: experiment worker exited (${signal ?? `status ${code}`}) before it finished`));
    child.once("exit", onExit);
    child.once("message", (reply: WorkerReply) => {
      child.off("exit", onExit);
      // `in` narrows under any compiler settings (the notebook kernel's are not strict)
      if ("error" in reply) reject(new Error(reply.error));
      else resolve(reply.value);
    });
    child.send(message as never);
  });
}

/**
 * Runs every job on a pool of `workers` child processes. Resolves with the outcomes in job order;
 * the first failure stops the pool and rejects with the job's own error.
 */
export async function runOnChildPool<J, O>(o: ChildPoolOptions<J, O>): Promise<O[]> {
  const outcomes: O[] = new Array(o.jobs.length);
  let next = 0;
  const children: ChildProcess[] = [];
  const runOn = async (child: ChildProcess): Promise<void> => {
    if (o.context !== undefined) await ask(child, { type: "context", kind: o.kind, context: o.context }, `${o.kind} context`);
    while (next < o.jobs.length) {
      if (o.signal?.aborted) throw new Error(`${o.kind} pool: stopped`);
      const index = next++;
      const job = o.jobs[index]!;
      outcomes[index] = (await ask(child, { type: "job", kind: o.kind, job }, o.describe(job))) as O;
      await o.onDone?.(index, outcomes[index]!);
    }
  };
  // Ending the children makes their pending replies reject (see ask), so an abort ends the run at once.
  const onAbort = (): void => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill();
  };
  o.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (o.signal?.aborted) throw new Error(`${o.kind} pool: stopped`);
    const pool = Math.max(1, Math.min(o.workers, o.jobs.length));
    for (let i = 0; i < pool; i++) children.push(startWorker());
    await Promise.all(children.map(runOn));
  } finally {
    o.signal?.removeEventListener("abort", onAbort);
    for (const c of children) {
      if (c.connected) c.disconnect();
      if (c.exitCode === null && c.signalCode === null) c.kill();
    }
  }
  return outcomes;
}
