import { describe, expect, it } from "vitest";
import { disposeResults, runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { defaultExperimentWorkers } from "../../../lib/experiments/detection/parallel-fit.js";
import { tiny, toySplit } from "../sequence/sequence-fixtures.js";

const split = toySplit();

describe("runDetectionExperiment with workers (child processes)", () => {
  it("gives the serial run's thresholds, scores and reports, in model order, with live detectors", { timeout: 180_000 }, async () => {
    const models = [{ model: "pca" }, { model: "deeplog", params: { ...tiny, window: 3 } }, { model: "decision-tree", params: { maxDepth: 3 } }] as const;
    const serial = await runDetectionExperiment({ split, models, seed: 5, workers: 1 });
    const finished: string[] = [];
    const parallel = await runDetectionExperiment({ split, models, seed: 5, workers: 2, onModel: (r) => finished.push(r.label) });
    expect(parallel.map((r) => r.label)).toEqual(["pca", "deeplog", "decision-tree"]);
    expect([...finished].sort()).toEqual(["decision-tree", "deeplog", "pca"]);
    for (let i = 0; i < models.length; i++) {
      const s = serial[i]!;
      const p = parallel[i]!;
      expect(p.threshold).toBe(s.threshold);
      expect(Array.from(p.testScores)).toEqual(Array.from(s.testScores));
      expect(Array.from(p.validationScores)).toEqual(Array.from(s.validationScores));
      expect(p.test).toEqual(s.test);
      expect(p.fitSessions).toBe(s.fitSessions);
      expect(p.params).toEqual(s.params);
      // the detector loaded back from the worker's folder scores as the worker did
      expect(Array.from(await p.detector.score(split.test))).toEqual(Array.from(p.testScores));
    }
    disposeResults(serial);
    disposeResults(parallel);
  });

  it("rejects with the failing model's own error", { timeout: 120_000 }, async () => {
    await expect(runDetectionExperiment({ split, models: [{ model: "pca" }, { model: "deeplog", params: { ...tiny, window: 0 } }], seed: 1, workers: 2 })).rejects.toThrow(/deeplog|window/i);
  });

  it("reads LOGLAB_WORKERS, defaults to the cores, refuses nonsense", async () => {
    expect(defaultExperimentWorkers({ LOGLAB_WORKERS: "3" })).toBe(3);
    expect(defaultExperimentWorkers({})).toBeGreaterThanOrEqual(1);
    expect(() => defaultExperimentWorkers({ LOGLAB_WORKERS: "0" })).toThrow(/LOGLAB_WORKERS must be a whole number/);
    await expect(runDetectionExperiment({ split, models: [], seed: 1, workers: 1.5 })).rejects.toThrow(/workers must be a whole number/);
  });
});
