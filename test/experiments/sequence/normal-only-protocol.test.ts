import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeResults, runDetectionExperiment, type AnyDetectionResult } from "../../../lib/experiments/detection/detection-experiment.js";
import { normalOnlyProtocol, protocolRows, runNormalOnlyProtocol } from "../../../lib/experiments/sequence/normal-only-protocol.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { brokenSessions } from "../../models/sequence/model-fixtures.js";
import { tiny, toySplit } from "./sequence-fixtures.js";

const split = toySplit();
let results: AnyDetectionResult[];
beforeAll(async () => {
  await selectBackend();
  results = await runDetectionExperiment({
    split,
    seed: 1,
    models: [
      { model: "deeplog", params: { ...tiny, window: 4 } },
      { model: "dense-ae", params: { hidden: [4], latentDim: 2, epochs: 3 } },
      { model: "decision-tree" },
    ],
  });
});
afterAll(() => disposeResults(results));

describe("the normal-only protocol", () => {
  it("takes the test normals and a whole abnormal file (cut in smoke runs)", () => {
    const p = normalOnlyProtocol(split, brokenSessions(8, 9), 0.1, 5);
    expect(p.normal).toHaveLength(13);
    expect(p.abnormal).toHaveLength(5);
    expect(normalOnlyProtocol(split, brokenSessions(8, 9), 0.1).abnormal).toHaveLength(8);
  });

  it("thresholds semi-supervised models on validation normals only (DeepLog by its own g rule) and tests on the protocol data", async () => {
    const protocol = normalOnlyProtocol(split, brokenSessions(8, 9), 0.1);
    const out = await runNormalOnlyProtocol(results, split.validation, protocol);
    expect(out.map((r) => r.model)).toEqual(["deeplog", "dense-ae"]); // the supervised tree is not part of it
    expect(out[0]!.rule).toMatch(/^g = \d+, the smallest g whose FPR estimate \(max of observed and model-expected\) meets the bound \(FPR ≤ 0.1 on 12 validation normals\)$/);
    expect(out[1]!.rule).toMatch(/lowest threshold with FPR ≤ 0.1 on 12 validation normals/);
    for (const r of out) expect(r.report.all).toMatchObject({ normal: 13, abnormal: 8 });
    const rows = protocolRows(out);
    expect(rows[0]).toMatchObject({ model: "deeplog", normal: 13, abnormal: 8, threshold: out[0]!.threshold });
  });
});
