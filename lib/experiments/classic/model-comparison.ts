import type { DetectionReport } from "../../eval/detection-report.js";

/**
 * loglizer's published HDFS F1 (He et al., ISSRE'16, and the loglizer README benchmark table,
 * HDFS, supervised methods on a 50/50 labelled split of the 575k HDFS sessions, unsupervised ones
 * on all of them). A different split, data size and parser from loglab's: for orientation only.
 */
export const LOGLIZER_HDFS_F1: Readonly<Record<string, number>> = {
  "logistic-regression": 0.933,
  "decision-tree": 0.998,
  "linear-svm": 0.965,
  iforest: 0.802,
  pca: 0.769,
  "invariants-mining": 0.915,
  "log-clustering": 0.837,
};

/** What a comparison row needs from a model's run. */
export interface ComparisonInput {
  label: string;
  model?: string;
  supervision?: string;
  fitSeconds: number;
  scoreSeconds: number;
  thresholdSource?: string;
  test: DetectionReport;
  testAtIntrinsic?: DetectionReport | null;
}

/**
 * One row per model: test precision, recall, F1, FP, FN over all sessions and F1 over distinct
 * sessions, ROC-AUC, PR-AUC, F1 at the model's own threshold, fit and score seconds, and a
 * published F1 when given (keyed by registry model name).
 *
 * @example
 * run.table("hdfs-results", comparisonRows(results, LOGLIZER_HDFS_F1));
 */
export function comparisonRows(results: readonly ComparisonInput[], published?: Readonly<Record<string, number>>): Record<string, string | number>[] {
  return results.map((r) => {
    const a = r.test.all;
    const d = r.test.distinct;
    const row: Record<string, string | number> = {
      model: r.label,
      supervision: r.supervision ?? "",
      precision: a.precision,
      recall: a.recall,
      F1: a.f1,
      FP: a.fp,
      FN: a.fn,
      "F1 distinct": d.f1,
      "FP distinct": d.fp,
      "FN distinct": d.fn,
      "ROC-AUC": a.rocAuc,
      "PR-AUC": a.prAuc,
      "F1 @ own threshold": r.testAtIntrinsic ? r.testAtIntrinsic.all.f1 : "",
      "fit s": r.fitSeconds,
      "score s": r.scoreSeconds,
    };
    if (published) row["loglizer F1 (other split)"] = published[r.model ?? r.label] ?? "";
    return row;
  });
}

/** A binary confusion as a 2 × 2 matrix for heatmaps: rows true normal / anomalous, columns predicted. */
export function binaryConfusionMatrix(c: { tp: number; fp: number; tn: number; fn: number }): number[][] {
  return [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
}

/** The result with the highest value of `score` (first on ties). */
export function bestBy<T>(results: readonly T[], score: (r: T) => number): T {
  if (results.length === 0) throw new Error("bestBy: no results");
  return results.reduce((a, b) => (score(b) > score(a) ? b : a));
}
