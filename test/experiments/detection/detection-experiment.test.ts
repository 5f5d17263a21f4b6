import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { detectionReport, seenSessions } from "../../../lib/eval/detection-report.js";
import { disposeResults, reportAtThreshold, runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { loadTrainedDetector } from "../../../lib/models/trained-model.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

const labelled = (n: number, seed: number) => syntheticSessions(n, 0.3, seed);
const split = { train: labelled(200, 1), validation: labelled(80, 2), test: labelled(80, 3) };
const tmp = mkdtempSync(join(tmpdir(), "loglab-detexp-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("runDetectionExperiment", () => {
  it("fits each model on its registry fit set, tests at the validation threshold over all, distinct and unseen sessions", async () => {
    const seen: string[] = [];
    const results = await runDetectionExperiment({
      split,
      models: [{ model: "log-clustering", label: "LogClustering" }, { model: "decision-tree", params: { maxDepth: 3 } }, { model: "keyword" }],
      seed: 7,
      onModel: (r) => seen.push(r.label),
    });
    expect(seen).toEqual(["LogClustering", "decision-tree", "keyword"]);
    const [lc, dt, kw] = results;
    const normals = Array.from(split.train.labels).filter((l) => l === 0).length;
    expect([lc!.supervision, lc!.fitSet, lc!.fitSessions]).toEqual(["unsupervised", "normals", normals]);
    expect([dt!.supervision, dt!.fitSet, dt!.fitSessions]).toEqual(["supervised", "labelled", 200]);
    expect(dt!.params).toMatchObject({ maxDepth: 3 });
    for (const r of results) {
      expect(r.testScores).toHaveLength(80);
      expect(r.threshold).toBe(r.choice.threshold);
      expect(r.choice.policy).toEqual({ kind: "max-f1" });
      expect(r.test).toEqual(detectionReport(split.test.sequences, split.test.labels, r.testScores, r.threshold, seenSessions(split.train.sequences)));
      expect(r.test.unseen!.sessions).toBeLessThanOrEqual(80);
      expect(r.savedTo).toBeNull();
    }
    expect(lc!.intrinsicThreshold).toBe(0.3);
    expect(lc!.testAtIntrinsic!.threshold).toBe(0.3);
    expect(kw!.intrinsicThreshold).toBe(0);
    expect(dt!.testAtIntrinsic).toBeNull();
    expect(dt!.test.all.f1).toBeGreaterThan(0.9);
    // The fitted detectors come back alive: re-score and re-threshold without retraining.
    expect(Array.from(await dt!.detector.score(split.test))).toEqual(Array.from(dt!.testScores));
    const strict = reportAtThreshold(dt!, split.test, 0.99, split.train);
    expect(strict.all.tp).toBeLessThanOrEqual(dt!.test.all.tp);
    expect(strict.unseen).not.toBeNull();
    disposeResults(results);
  });

  it("a given threshold policy is used for every model; the same seed gives the same scores", async () => {
    const run = () => runDetectionExperiment({ split, models: [{ model: "iforest", params: { nEstimators: 10 } }], seed: 3, threshold: { kind: "fixed", threshold: 0.55 } });
    const [a] = await run();
    const [b] = await run();
    expect(a!.threshold).toBe(0.55);
    expect(a!.thresholdSource).toEqual({ kind: "fixed", threshold: 0.55 });
    expect(Array.from(a!.testScores)).toEqual(Array.from(b!.testScores));
  });

  it("fitSet \"unlabelled\" fits a non-supervised model on every training session without labels", async () => {
    const [semi, unlabelled] = await runDetectionExperiment({
      split,
      models: [{ model: "iforest", params: { nEstimators: 10 } }, { model: "iforest", label: "iforest (unlabelled)", params: { nEstimators: 10 }, fitSet: "unlabelled" }],
      seed: 3,
    });
    const normals = Array.from(split.train.labels).filter((l) => l === 0).length;
    expect(semi!.fitSessions).toBe(normals);
    expect(unlabelled!.fitSessions).toBe(200);
    expect(Array.from(unlabelled!.testScores)).not.toEqual(Array.from(semi!.testScores));
    await expect(runDetectionExperiment({ split, models: [{ model: "decision-tree", fitSet: "unlabelled" }], seed: 1 })).rejects.toThrow(/is supervised and fits on the labelled training part/);
  });

  it("saves each model with its card when asked; the saved model scores the same", async () => {
    const [r] = await runDetectionExperiment({ split, models: [{ model: "pca", label: "PCA / raw" }], seed: 1, modelsDir: tmp, files: ["x.keys"] });
    expect(r!.savedTo).toBe(join(tmp, "PCA_raw"));
    expect(existsSync(join(r!.savedTo!, "loglab-model.json"))).toBe(true);
    const { detector, card } = await loadTrainedDetector(r!.savedTo!);
    expect(card).toMatchObject({ name: "pca", threshold: r!.threshold, thresholdSource: { kind: "max-f1", validationSessions: 80 }, training: { files: ["x.keys"] } });
    expect(Array.from(await detector.score(split.test))).toEqual(Array.from(r!.testScores));
  });

  it("an unknown model fails with the registry's message; no models, no results", async () => {
    await expect(runDetectionExperiment({ split, models: [{ model: "nope" } as never], seed: 1 })).rejects.toThrow(/Unknown model "nope"/);
    expect(await runDetectionExperiment({ split, models: [], seed: 1 })).toEqual([]);
  });
});
