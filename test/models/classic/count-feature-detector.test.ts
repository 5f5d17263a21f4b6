import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rocAuc } from "../../../lib/eval/roc.js";
import type { ClassicCore } from "../../../lib/models/classic/classic-core.js";
import { CLASSIC_MODEL_FILE, CountFeatureDetector, type CountFeatureParams } from "../../../lib/models/classic/count-feature-detector.js";
import { DecisionTree } from "../../../lib/models/classic/decision-tree.js";
import { LogClustering } from "../../../lib/models/classic/log-clustering.js";
import { PcaSpe } from "../../../lib/models/classic/pca-spe.js";
import { RandomForest } from "../../../lib/models/classic/random-forest.js";
import { SessionFeatures } from "../../../lib/models/classic/session-features.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { syntheticSessions } from "./synthetic-sessions.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-count-detector-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const raw: CountFeatureParams = { termWeighting: "none", normalization: "none", minCount: 1 };
const pca = (): ClassicCore => ({ type: "outlier", model: new PcaSpe({ nComponents: 1 }) });
const tree = (): ClassicCore => ({ type: "classifier", model: new DecisionTree({ maxDepth: 4 }) });
const train = syntheticSessions(200, 0.3, 1);
const test = syntheticSessions(100, 0.3, 2);

describe("CountFeatureDetector", () => {
  it("unsupervised: given labelled data it fits on the normal sessions only and reports what it ignored", async () => {
    const d = new CountFeatureDetector("pca", "unsupervised", { ...raw }, pca, new Rng(1));
    const rep = await d.fit(train);
    const normals = Array.from(train.labels).filter((l) => l === 0).length;
    expect(rep).toMatchObject({ ignoredAnomalies: train.labels.length - normals, fitRows: normals, model: "pca-spe", components: 1 });
    expect(rep.vocabulary).toBe(4); // keys 1–4 in normal sessions; 9 only in anomalies
    expect(d.intrinsicThreshold()).toBe((d.fitted.model as PcaSpe).intrinsicThreshold);
    expect(rocAuc(test.labels, await d.score(test))).toBeGreaterThan(0.9);
  });

  it("supervised: scores P(anomalous); class-weight and SMOTE balancing; no intrinsic threshold", async () => {
    for (const balance of ["none", "class-weight", "smote"] as const) {
      const d = new CountFeatureDetector("decision-tree", "supervised", { ...raw, balance, smoteK: 3 }, tree, new Rng(2));
      const rep = await d.fit(train);
      const s = await d.score(test);
      // The score is the core's class-1 probability on the count rows (raw counts, training vocabulary).
      const rows = SessionFeatures.fit(train.sequences, { termWeighting: "none", normalization: "none", minCount: 1 }).transform(test.sequences).rows;
      expect(Array.from(s)).toEqual((d.fitted.model as DecisionTree).decisionScores(rows).map((p) => p[1]));
      expect(rocAuc(test.labels, s), balance).toBeGreaterThan(0.95);
      if (balance === "smote") expect(Number(rep.smoteAdded)).toBeGreaterThan(0);
      else expect(rep).not.toHaveProperty("smoteAdded");
      expect(d.intrinsicThreshold()).toBeNull();
    }
  });

  it("the fit report names the facts of the core (clusters, trees)", async () => {
    const lc = new CountFeatureDetector("log-clustering", "unsupervised", { ...raw }, () => ({ type: "outlier", model: new LogClustering() }), new Rng(3));
    const info = await lc.fit({ sequences: train.sequences.slice(0, 50) });
    expect(info.model).toBe("log-clustering");
    expect(info.clusters).toBe((lc.fitted.model as LogClustering).clusters);
    const rf = new CountFeatureDetector("random-forest", "supervised", { ...raw }, (rng) => ({ type: "classifier", model: new RandomForest({ nEstimators: 4 }, rng) }), new Rng(4));
    expect(await rf.fit(train)).toMatchObject({ model: "random-forest", trees: 4 });
  });

  it("refuses bad training data with clear messages", async () => {
    const sup = new CountFeatureDetector("decision-tree", "supervised", { ...raw }, tree, new Rng(1));
    await expect(sup.fit({ sequences: [] })).rejects.toThrow("decision-tree: no training sessions");
    await expect(sup.fit({ sequences: [[1]] })).rejects.toThrow(/decision-tree is supervised: training sessions need labels/);
    await expect(sup.fit({ sequences: [[1], [2]], labels: Uint8Array.of(0, 0) })).rejects.toThrow("decision-tree is supervised: training data need both normal and anomalous sessions (got 0 anomalous of 2)");
    await expect(sup.fit({ sequences: [[1], [2]], labels: Uint8Array.of(0) })).rejects.toThrow("decision-tree: 2 training sessions but 1 labels");
    const uns = new CountFeatureDetector("pca", "unsupervised", { ...raw }, pca, new Rng(1));
    await expect(uns.fit({ sequences: [[1], [2]], labels: Uint8Array.of(1, 1) })).rejects.toThrow("pca: no normal training sessions");
  });

  it("checks its parameters by name and refuses use before fit; an empty set scores empty", async () => {
    expect(() => new CountFeatureDetector("pca", "unsupervised", { ...raw, termWeighting: "bm25" as never }, pca, new Rng(1))).toThrow('termWeighting must be one of "none", "tf-idf", got "bm25"');
    expect(() => new CountFeatureDetector("pca", "unsupervised", { ...raw, normalization: "l2" as never }, pca, new Rng(1))).toThrow(/normalization must be one of/);
    expect(() => new CountFeatureDetector("dt", "supervised", { ...raw, balance: "oversample" as never }, tree, new Rng(1))).toThrow(/balance must be one of "none", "class-weight", "smote"/);
    const d = new CountFeatureDetector("pca", "unsupervised", { ...raw }, pca, new Rng(1));
    await expect(d.score({ sequences: [[1]] })).rejects.toThrow("pca: score before fit");
    await expect(d.save(tmp)).rejects.toThrow("pca: save before fit");
    expect(() => d.intrinsicThreshold()).toThrow("pca: not fitted");
    await d.fit({ sequences: [[1, 2], [2, 1], [1, 1]] });
    expect(await d.score({ sequences: [] })).toEqual(new Float64Array(0));
  });

  it("saves and loads to identical scores; loading checks the file, its format and the model name", async () => {
    const d = new CountFeatureDetector("decision-tree", "supervised", { termWeighting: "tf-idf", normalization: "zero-mean", minCount: 1 }, tree, new Rng(5));
    await d.fit(train);
    const dir = join(tmp, "dt");
    await d.save(dir);
    const back = await CountFeatureDetector.load(dir, "decision-tree", tree);
    expect(back.supervision).toBe("supervised");
    expect(back.params).toEqual(d.params);
    expect(Array.from(await back.score(test))).toEqual(Array.from(await d.score(test)));
    await expect(CountFeatureDetector.load(dir, "random-forest", tree)).rejects.toThrow(`${join(dir, CLASSIC_MODEL_FILE)}: holds model "decision-tree", not "random-forest"`);
    await expect(CountFeatureDetector.load(join(tmp, "missing"), "pca", pca)).rejects.toThrow(`${join(tmp, "missing")}: no ${CLASSIC_MODEL_FILE} (not a saved classic detector)`);
    writeFileSync(join(dir, CLASSIC_MODEL_FILE), JSON.stringify({ format: "loglab.classic-detector", version: 2 }));
    await expect(CountFeatureDetector.load(dir, "decision-tree", tree)).rejects.toThrow(/not a loglab classic detector v1/);
  });
});
