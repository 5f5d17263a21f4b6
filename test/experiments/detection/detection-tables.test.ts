import { describe, expect, it } from "vitest";
import { runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { bestBy, detectionRows, scoredSeriesOf, timingRows, trainingCurvesOf } from "../../../lib/experiments/detection/detection-tables.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

const split = { train: syntheticSessions(150, 0.3, 1), validation: syntheticSessions(60, 0.3, 2), test: syntheticSessions(60, 0.3, 3) };

describe("detection tables", () => {
  it("one typed row per model with all, distinct and unseen test metrics", async () => {
    const results = await runDetectionExperiment({ split, models: [{ model: "pca" }, { model: "decision-tree" }], seed: 1 });
    const rows = detectionRows(results);
    expect(rows.map((r) => r.model)).toEqual(["pca", "decision-tree"]);
    const [pca, dt] = results;
    expect(rows[0]).toMatchObject({
      family: "classic",
      supervision: "unsupervised",
      "fit set": "normals",
      threshold: pca!.threshold,
      "threshold from": "max F1 on 60 validation sessions",
      F1: pca!.test.all.f1,
      "F1 distinct": pca!.test.distinct.f1,
      "unseen sessions": pca!.test.unseen!.sessions,
      "F1 unseen": pca!.test.unseen!.f1,
      "F1 @ own threshold": pca!.testAtIntrinsic ? pca!.testAtIntrinsic.all.f1 : null,
    });
    expect(rows[1]!["F1 @ own threshold"]).toBeNull();
    expect(timingRows(results)[0]).toMatchObject({ model: "pca", "test sessions": 60, epochs: 0 });
    expect(timingRows(results)[0]!["trained on"]).toMatch(/ rows$/);
    expect(trainingCurvesOf(results)).toEqual([]); // classic models have no epochs
    expect(scoredSeriesOf(results, split.test.labels).map((s) => s.name)).toEqual(["pca", "decision-tree"]);
    expect(bestBy(results, (r) => r.test.all.f1)).toBe(dt!.test.all.f1 >= pca!.test.all.f1 ? (dt!.test.all.f1 > pca!.test.all.f1 ? dt : pca) : pca);
    expect(() => bestBy([], () => 0)).toThrow(/no results/);
  });
});
