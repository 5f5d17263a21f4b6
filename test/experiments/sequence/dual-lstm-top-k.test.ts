import { describe, expect, it } from "vitest";
import { disposeResults, runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { trainingCurvesOf } from "../../../lib/experiments/detection/detection-tables.js";
import { dualTopKRows } from "../../../lib/experiments/sequence/dual-lstm-top-k.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { tiny, toySplit } from "./sequence-fixtures.js";

describe("dualTopKRows", () => {
  it("gives both models' top-k accuracy on the test normals, with keys and the published figures", async () => {
    await selectBackend();
    const split = toySplit();
    const results = await runDetectionExperiment({ split, seed: 1, models: [{ model: "keyword" }, { model: "dual-lstm", params: { ...tiny, window: 4, rareWindow: 2, rareShare: 0.1 } }] });
    const rows = dualTopKRows("toy", results, split.test, 3);
    expect(rows.map((r) => [r.model, r.k, r.published])).toEqual([
      ["frequent-key LSTM", 3, 0.99],
      ["rare-key LSTM", 3, 0.91],
    ]);
    const dual = results[1]!;
    if (dual.model !== "dual-lstm") throw new Error("expected the dual LSTM");
    expect(rows[0]!.keys).toBe(dual.fit.frequentKeys);
    expect(rows[0]!.positions).toBeGreaterThan(0);
    expect(trainingCurvesOf(results).map((c) => c.name)).toEqual(["dual-lstm (frequent)", "dual-lstm (rare)"]);
    disposeResults(results);
  });
});
