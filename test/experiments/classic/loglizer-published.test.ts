import { describe, expect, it } from "vitest";
import { LOGLIZER_HDFS_F1, loglizerComparisonRows } from "../../../lib/experiments/classic/loglizer-published.js";
import { runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

describe("loglizerComparisonRows", () => {
  it("puts loglizer's published F1 of the same registry model beside each row, null when none", async () => {
    const split = { train: syntheticSessions(100, 0.3, 1), validation: syntheticSessions(40, 0.3, 2), test: syntheticSessions(40, 0.3, 3) };
    const results = await runDetectionExperiment({ split, models: [{ model: "pca", label: "PCA (my label)" }, { model: "keyword" }], seed: 1 });
    const rows = loglizerComparisonRows(results);
    expect(rows[0]).toMatchObject({ model: "PCA (my label)", "loglizer F1 (other split)": LOGLIZER_HDFS_F1.pca });
    expect(rows[1]!["loglizer F1 (other split)"]).toBeNull();
    expect(LOGLIZER_HDFS_F1["decision-tree"]).toBe(0.998);
  });
});
