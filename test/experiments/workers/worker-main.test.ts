import { describe, expect, it } from "vitest";
import { handleWorkerRequest } from "../../../lib/experiments/workers/worker-main.js";
import type { WorkerJobKind } from "../../../lib/experiments/workers/worker-protocol.js";
import { runWorkerJob } from "../../../lib/experiments/detection/experiment-worker.js";
import { toySplit } from "../sequence/sequence-fixtures.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("handleWorkerRequest (the experiment worker's side)", () => {
  it("runs a detection job as runWorkerJob does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-worker-main-"));
    try {
      const job = { spec: { model: "pca" as const }, split: toySplit(), seed: 4, threshold: { kind: "max-f1" as const }, files: [] };
      const reply = await handleWorkerRequest({ type: "job", kind: "detection", job: { ...job, dir: join(dir, "a") } }, new Map());
      const direct = await runWorkerJob({ ...job, dir: join(dir, "b") });
      expect("value" in reply).toBe(true);
      const value = (reply as { value: typeof direct }).value;
      expect(Array.from(value.testScores)).toEqual(Array.from(direct.testScores));
      expect(value.fitted.threshold).toBe(direct.fitted.threshold);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("answers a failure with the error's message, not a crash", async () => {
    const contexts = new Map<WorkerJobKind, unknown>();
    expect(await handleWorkerRequest({ type: "job", kind: "line-class", job: { model: "bert-lora", split: null } }, contexts)).toEqual({ error: "line-class worker: a job arrived before its context" });
    const bad = await handleWorkerRequest({ type: "context", kind: "line-class", context: { encoderDir: "/nonexistent/encoder", lines: null, seed: 1 } }, contexts);
    expect("error" in bad && bad.error).toMatch(/nonexistent/);
    expect(contexts.has("line-class")).toBe(false);
  });
});
