/**
 * The child side of {@link runOnChildPool}: answers each request with the value of the handler its
 * `kind` names (loaded on first use, so a detection worker never loads the BERT code), and exits
 * when the parent disconnects. Started by `bin/experiment-worker.mjs`.
 */
import type { WorkerJobHandler, WorkerJobKind, WorkerReply, WorkerRequest } from "./worker-protocol.js";

type AnyHandler = WorkerJobHandler<unknown, unknown, unknown>;

const HANDLERS: Record<WorkerJobKind, () => Promise<AnyHandler>> = {
  detection: async () => (await import("../detection/experiment-worker.js")).detectionJobHandler as AnyHandler,
  "line-class": async () => (await import("../bert/line-class-worker.js")).lineClassJobHandler as AnyHandler,
};

/** Handles one request (exported for tests: the same code path as in the child). */
export async function handleWorkerRequest(request: WorkerRequest, contexts: Map<WorkerJobKind, unknown>): Promise<WorkerReply> {
  try {
    const handler = await HANDLERS[request.kind]();
    if (request.type === "context") {
      contexts.set(request.kind, handler.prepare ? await handler.prepare(request.context) : request.context);
      return { value: null };
    }
    return { value: await handler.run(request.job, contexts.get(request.kind)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** The child's main loop: one request per message, one reply each. */
export function serveWorkerJobs(): void {
  if (!process.send) throw new Error("experiment-worker: start it with child_process.fork (no IPC channel)");
  const contexts = new Map<WorkerJobKind, unknown>();
  process.on("message", (request: WorkerRequest) => {
    void handleWorkerRequest(request, contexts).then((reply) => process.send!(reply));
  });
  process.on("disconnect", () => process.exit(0));
}
