import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runOnChildPool } from "../../../lib/experiments/workers/child-pool.js";
import { toySplit } from "../sequence/sequence-fixtures.js";

describe("runOnChildPool's stop signal", () => {
  it("rejects at once, starting nothing, when the signal is already aborted", async () => {
    const stop = new AbortController();
    stop.abort();
    let done = 0;
    await expect(runOnChildPool({ kind: "detection", jobs: [1, 2, 3], workers: 2, describe: String, onDone: () => void done++, signal: stop.signal })).rejects.toThrow(/stopped/);
    expect(done).toBe(0);
  });

  it("starts no job after an abort and ends the children: the run rejects before the queue is done", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-child-pool-"));
    try {
      const split = toySplit();
      const jobs = Array.from({ length: 12 }, (_, i) => ({ spec: { model: "pca" as const }, split, seed: i, threshold: { kind: "max-f1" as const }, files: [], dir: join(dir, `m${i}`) }));
      const stop = new AbortController();
      let done = 0;
      const run = runOnChildPool({ kind: "detection", jobs, workers: 1, describe: (j) => `pca ${j.seed}`, onDone: () => { if (++done === 2) stop.abort(); }, signal: stop.signal });
      await expect(run).rejects.toThrow(/stopped|exited/);
      expect(done).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
