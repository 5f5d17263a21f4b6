import { describe, expect, it } from "vitest";
import { detectionReport } from "../../../lib/eval/detection-report.js";
import { runDetectionExperiment, type DetectionModelResult } from "../../../lib/experiments/detection/detection-experiment.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

const labelled = (n: number, seed: number) => syntheticSessions(n, 0.3, seed);
const split = { train: labelled(200, 1), validation: labelled(80, 2), test: labelled(80, 3) };

describe("runDetectionExperiment", () => {
  it("fits unsupervised models on training normals and supervised ones on all training sessions; tests at the validation threshold", async () => {
    const seen: string[] = [];
    const results = await runDetectionExperiment({
      split,
      models: [{ model: "log-clustering", label: "LogClustering" }, { model: "decision-tree", params: { maxDepth: 3 } }, { model: "keyword" }],
      seed: 7,
      onModel: (r) => seen.push(r.label),
    });
    expect(seen).toEqual(["LogClustering", "decision-tree", "keyword"]);
    const [lc, dt, kw] = results as [DetectionModelResult, DetectionModelResult, DetectionModelResult];
    const normals = Array.from(split.train.labels).filter((l) => l === 0).length;
    expect([lc.supervision, lc.fitSessions]).toEqual(["unsupervised", normals]);
    expect([dt.supervision, dt.fitSessions]).toEqual(["supervised", 200]);
    expect(dt.params).toMatchObject({ maxDepth: 3 });
    for (const r of results) {
      expect(r.testScores).toHaveLength(80);
      expect(r.threshold).toBe(r.choice.threshold);
      expect(r.choice.policy).toEqual({ kind: "max-f1" });
      // The test report is the one at the validation-chosen threshold.
      expect(r.test).toEqual(detectionReport(split.test.sequences, split.test.labels, r.testScores, r.threshold));
      expect(r.fitSeconds).toBeGreaterThanOrEqual(0);
      expect(r.scoreSeconds).toBeGreaterThanOrEqual(0);
    }
    // Models with a threshold of their own are also tested at it; the tree has none.
    expect(lc.intrinsicThreshold).toBe(0.3);
    expect(lc.testAtIntrinsic).toEqual(detectionReport(split.test.sequences, split.test.labels, lc.testScores, 0.3));
    expect(kw.intrinsicThreshold).toBe(0);
    expect(dt.intrinsicThreshold).toBeNull();
    expect(dt.testAtIntrinsic).toBeNull();
    // Known answer: the tree separates the synthetic anomalies.
    expect(dt.test.all.f1).toBeGreaterThan(0.9);
  });

  it("a given threshold policy is used for every model; the same seed gives the same scores", async () => {
    const run = () => runDetectionExperiment({ split, models: [{ model: "iforest", params: { nEstimators: 10 } }], seed: 3, threshold: { kind: "fixed", threshold: 0.55 } });
    const [a] = await run();
    const [b] = await run();
    expect(a!.threshold).toBe(0.55);
    expect(a!.choice.policy).toEqual({ kind: "fixed", threshold: 0.55 });
    expect(Array.from(a!.testScores)).toEqual(Array.from(b!.testScores));
  });

  it("fitOn \"unlabelled\" fits an unsupervised model on every training session without labels; supervised models refuse it", async () => {
    const [semi, unlabelled] = await runDetectionExperiment({
      split,
      models: [{ model: "iforest", params: { nEstimators: 10 } }, { model: "iforest", label: "iforest (unlabelled)", params: { nEstimators: 10 }, fitOn: "unlabelled" }],
      seed: 3,
    });
    const normals = Array.from(split.train.labels).filter((l) => l === 0).length;
    expect(semi!.fitSessions).toBe(normals);
    expect(unlabelled!.fitSessions).toBe(200);
    expect(normals).toBeLessThan(200);
    // Different training data, different forests.
    expect(Array.from(unlabelled!.testScores)).not.toEqual(Array.from(semi!.testScores));
    await expect(runDetectionExperiment({ split, models: [{ model: "decision-tree", fitOn: "unlabelled" }], seed: 1 })).rejects.toThrow(/fitOn applies to unsupervised models only/);
  });

  it("an unknown model fails with the registry's message; no models, no results", async () => {
    await expect(runDetectionExperiment({ split, models: [{ model: "nope" }], seed: 1 })).rejects.toThrow(/Unknown model "nope"/);
    expect(await runDetectionExperiment({ split, models: [], seed: 1 })).toEqual([]);
  });
});
