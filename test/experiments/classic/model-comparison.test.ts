import { describe, expect, it } from "vitest";
import { detectionReport } from "../../../lib/eval/detection-report.js";
import { bestBy, binaryConfusionMatrix, comparisonRows, LOGLIZER_HDFS_F1 } from "../../../lib/experiments/classic/model-comparison.js";

describe("comparisonRows", () => {
  // Moved from test/eval/detection-report.test.ts.
  it("makes comparison rows with the published F1 by model name", () => {
    const test = detectionReport([[1], [2]], [0, 1], [0, 1], 0.5);
    const rows = comparisonRows([{ label: "PCA", model: "pca", fitSeconds: 1, scoreSeconds: 0.5, test }], LOGLIZER_HDFS_F1);
    expect(rows[0]).toMatchObject({ model: "PCA", F1: 1, "loglizer F1 (other split)": 0.769 });
  });

  it("fills every column from the test report: all-session P/R/F1/FP/FN, distinct F1/FP/FN, AUCs, own-threshold F1, times", () => {
    // Sessions [1] ×3 normal (one false positive repeated), [2] anomalous (caught), [3] anomalous (missed).
    const seqs = [[1], [1], [1], [2], [3]];
    const labels = [0, 0, 0, 1, 1];
    const scores = [0.9, 0.9, 0.9, 0.8, 0.1];
    const test = detectionReport(seqs, labels, scores, 0.5);
    const own = detectionReport(seqs, labels, scores, 0.05);
    const [row] = comparisonRows([{ label: "my PCA", model: "pca", supervision: "unsupervised", fitSeconds: 2, scoreSeconds: 0.25, test, testAtIntrinsic: own }]);
    expect(row).toEqual({
      model: "my PCA",
      supervision: "unsupervised",
      precision: 0.25,
      recall: 0.5,
      F1: (2 * 0.25 * 0.5) / 0.75,
      FP: 3,
      FN: 1,
      "F1 distinct": 0.5,
      "FP distinct": 1,
      "FN distinct": 1,
      "ROC-AUC": test.all.rocAuc,
      "PR-AUC": test.all.prAuc,
      "F1 @ own threshold": own.all.f1,
      "fit s": 2,
      "score s": 0.25,
    });
    // Without published numbers there is no published column.
    expect(Object.keys(row!)).not.toContain("loglizer F1 (other split)");
  });

  it("leaves the own-threshold and published cells empty when there is nothing to show; looks up by label without a model name", () => {
    const test = detectionReport([[1], [2]], [0, 1], [0, 1], 0.5);
    const rows = comparisonRows(
      [
        { label: "decision-tree", fitSeconds: 0, scoreSeconds: 0, test, testAtIntrinsic: null },
        { label: "DeepLog", model: "deeplog", fitSeconds: 0, scoreSeconds: 0, test },
      ],
      LOGLIZER_HDFS_F1,
    );
    expect(rows[0]!["F1 @ own threshold"]).toBe("");
    expect(rows[0]!["loglizer F1 (other split)"]).toBe(0.998);
    expect(rows[0]!.supervision).toBe("");
    expect(rows[1]!["loglizer F1 (other split)"]).toBe("");
  });
});

describe("binaryConfusionMatrix", () => {
  it("rows true normal / anomalous, columns predicted normal / anomalous", () => {
    expect(binaryConfusionMatrix({ tp: 4, fp: 3, tn: 2, fn: 1 })).toEqual([
      [2, 3],
      [1, 4],
    ]);
  });
});

describe("bestBy", () => {
  it("returns the result with the highest score, the first one on ties", () => {
    const rs = [
      { n: "a", f1: 0.5 },
      { n: "b", f1: 0.9 },
      { n: "c", f1: 0.9 },
      { n: "d", f1: 0.1 },
    ];
    expect(bestBy(rs, (r) => r.f1).n).toBe("b");
    expect(bestBy(rs, (r) => -r.f1).n).toBe("d");
  });
  it("refuses an empty list", () => {
    expect(() => bestBy([], () => 0)).toThrow("bestBy: no results");
  });
});
