import { describe, expect, it } from "vitest";
import { disposeResults, modelGroupList, runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
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

  it("sends key vectors (token-level inputs) to the workers: the serial run's scores", { timeout: 180_000 }, async () => {
    // a vector for every key but 3, so both the given and the random start are exercised
    const keyVectors = { dim: 4, freeze: false, source: "test vectors", vector: (k: number) => (k === 3 ? null : [k / 10, -k / 20, 0.5, (k % 3) / 7]) };
    const models = [{ model: "lstm", params: tiny }, { model: "gru", params: tiny }] as const;
    const serial = await runDetectionExperiment({ split, models, seed: 9, workers: 1, keyVectors });
    const parallel = await runDetectionExperiment({ split, models, seed: 9, workers: 2, keyVectors });
    const random = await runDetectionExperiment({ split, models: [models[0]], seed: 9, workers: 1 });
    for (let i = 0; i < models.length; i++) expect(Array.from(parallel[i]!.testScores)).toEqual(Array.from(serial[i]!.testScores));
    // the vectors changed the model (else the comparison above proves nothing about sending them)
    expect(Array.from(random[0]!.testScores)).not.toEqual(Array.from(serial[0]!.testScores));
    disposeResults([...serial, ...parallel, ...random]);
  });

  it("rejects with the failing model's own error", { timeout: 120_000 }, async () => {
    await expect(runDetectionExperiment({ split, models: [{ model: "pca" }, { model: "deeplog", params: { ...tiny, window: 0 } }], seed: 1, workers: 2 })).rejects.toThrow(/deeplog|window/i);
  });

  it("pools the models of several families, in family order, with a progress bar over them", { timeout: 120_000 }, async () => {
    const groups = { classic: [{ model: "pca" }], trees: [{ model: "decision-tree", params: { maxDepth: 2 } }, { model: "decision-tree", label: "deep tree", params: { maxDepth: 4 } }] } as const;
    const list = modelGroupList(groups);
    expect(list.map((m) => ("label" in m ? m.label : m.model))).toEqual(["pca", "decision-tree", "deep tree"]);
    const lines: string[] = [];
    const prev = process.env.LOGLAB_PROGRESS;
    process.env.LOGLAB_PROGRESS = "lines";
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const results = await runDetectionExperiment({ split, models: list, seed: 3, workers: 1, progress: "toy models" });
      expect(results.map((r) => r.label)).toEqual(["pca", "decision-tree", "deep tree"]);
      disposeResults(results);
    } finally {
      process.stderr.write = write;
      if (prev === undefined) delete process.env.LOGLAB_PROGRESS;
      else process.env.LOGLAB_PROGRESS = prev;
    }
    expect(lines.join("")).toMatch(/toy models: 100% 3\/3 models/);
  });

  it("reads LOGLAB_WORKERS, defaults to the cores, refuses nonsense", async () => {
    expect(defaultExperimentWorkers({ LOGLAB_WORKERS: "3" })).toBe(3);
    expect(defaultExperimentWorkers({})).toBeGreaterThanOrEqual(1);
    expect(() => defaultExperimentWorkers({ LOGLAB_WORKERS: "0" })).toThrow(/LOGLAB_WORKERS must be a whole number/);
    await expect(runDetectionExperiment({ split, models: [], seed: 1, workers: 1.5 })).rejects.toThrow(/workers must be a whole number/);
  });
});
