import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeResults, runDetectionExperiment, type AnyDetectionResult } from "../../../lib/experiments/detection/detection-experiment.js";
import { trainingCurvesOf } from "../../../lib/experiments/detection/detection-tables.js";
import { deeplogCauseFindings, deeplogCauseRows, deeplogResultOf, deeplogTopG, topGChoiceRows, topGSeriesOf } from "../../../lib/experiments/sequence/deeplog-diagnostics.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { tiny, toySplit } from "./sequence-fixtures.js";

const split = toySplit();
let results: AnyDetectionResult[];
beforeAll(async () => {
  await selectBackend();
  results = await runDetectionExperiment({ split, seed: 1, models: [{ model: "keyword" }, { model: "deeplog", params: { ...tiny, window: 4 } }] });
});
afterAll(() => disposeResults(results));

describe("DeepLog diagnostics on an experiment's fitted model", () => {
  it("finds the DeepLog result, typed, or names what ran", () => {
    const d = deeplogResultOf(results);
    expect(d.detector.vocabulary.size).toBeGreaterThan(0); // typed as DeepLog: no cast
    expect(() => deeplogResultOf(results, "deeplog (left)")).toThrow(/no DeepLog result labelled "deeplog \(left\)" among the models run \(keyword, deeplog\)/);
  });

  it("chooses g on validation normals and sweeps g = 1 … V on validation and test", async () => {
    const d = deeplogResultOf(results);
    const t = await deeplogTopG(d, split, 0.1);
    const V = d.detector.vocabulary.size;
    expect(t.validation).toHaveLength(V);
    expect(t.test).toHaveLength(V);
    expect(t.choice.g).toBeGreaterThanOrEqual(1);
    expect(t.choice.rule).toMatch(/12 normal validation sessions/);
    const rows = topGChoiceRows(t);
    expect(rows).toHaveLength(V);
    expect(rows.filter((r) => r.chosen).map((r) => r.g)).toEqual([t.choice.g]);
    expect(topGSeriesOf(t)).toMatchObject({ chosenG: t.choice.g, series: [{ label: "validation" }, { label: "test" }] });
    expect(trainingCurvesOf(results, "next-key").map((c) => c.name)).toEqual(["deeplog"]);
  });

  it("splits recall and FPR by cause: unseen key, padding rule, LSTM rank", () => {
    const d = deeplogResultOf(results);
    const rows = deeplogCauseRows(d, split.test);
    expect(rows.map((r) => r.cause)).toEqual(["unseen key", "padding rule", "LSTM rank", "not flagged"]);
    expect(rows.reduce((a, r) => a + r.abnormal, 0)).toBe(6);
    expect(rows.reduce((a, r) => a + r.normal, 0)).toBe(13);
    // Every abnormal test session holds alarm key 7, never seen in training.
    expect(rows[0]!.abnormal).toBe(d.test.all.tp);
    // The three-key normal session is shorter than window + 1: flagged by the padding rule at any g.
    expect(rows[1]!.normal).toBe(1);
    const flaggedShare = rows.slice(0, 3).reduce((a, r) => a + r["share of abnormal"], 0);
    expect(flaggedShare).toBeCloseTo(d.test.all.recall, 12);
    expect(d.detector.scoreCauses({ sequences: [[1, 2], [1, 2, 3, 4, 5, 1, 2], [99]] })).toEqual(["padding", "rank", "unseen-key"]);
    const f = deeplogCauseFindings("toy", d, rows);
    expect(f[0]).toContain(`detects ${d.test.all.tp} anomalous test sessions`);
    expect(f[0]).toContain("100.0% of them hold a key never seen in training");
  });
});
