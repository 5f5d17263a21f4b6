import { beforeAll, describe, expect, it } from "vitest";
import { DeepLog, DEEPLOG_DEFAULTS } from "../../../lib/models/sequence/deeplog.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { brokenSessions, cycleSessions } from "./model-fixtures.js";

describe("DeepLog.positionRanks: the per-line view of the session score", () => {
  const W = 3;
  const model = new DeepLog({ ...DEEPLOG_DEFAULTS, window: W, layers: 1, hiddenUnits: 8, embeddingDim: 4, epochs: 12, batchSize: 64, learningRate: 0.02, earlyStoppingPatience: 0 }, new Rng(3));
  const test = { sequences: [...cycleSessions(10, 5, 8, 4), ...brokenSessions(10, 6).map((s) => s.map((k) => (k === 7 ? 1 : k)))] };
  beforeAll(async () => {
    await selectBackend();
    await model.fit({ sequences: cycleSessions(60, 4, 8, 4) });
  }, 60_000);

  it("gives every key after the first `window` its rank, and the session score is the largest", async () => {
    const scores = await model.score(test);
    const ranks = model.positionRanks(test);
    ranks.forEach((r, i) => {
      expect(r).toHaveLength(test.sequences[i]!.length);
      expect(Array.from(r.subarray(0, W))).toEqual([0, 0, 0]);
      for (const x of r.subarray(W)) expect(x).toBeGreaterThanOrEqual(1);
      expect(Math.max(...r)).toBe(scores[i]);
    });
    // the broken sessions hold worse ranks somewhere
    const worst = ranks.map((r) => Math.max(...r));
    expect(worst.slice(10).reduce((a, b) => a + b, 0)).toBeGreaterThan(worst.slice(0, 10).reduce((a, b) => a + b, 0));
  });

  it("marks a key never seen in training with V + 1", () => {
    const V = model.vocabulary.size;
    const r = model.positionRanks({ sequences: [[1, 2, 3, 4, 99, 1, 2]] })[0]!;
    expect(r[4]).toBe(V + 1);
    expect(r[0]).toBe(0);
  });
});
