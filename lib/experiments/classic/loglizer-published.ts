import type { AnyDetectionResult } from "../detection/detection-experiment.js";
import { detectionRows, type DetectionRow } from "../detection/detection-tables.js";

/**
 * loglizer's published HDFS F1 (He et al., ISSRE'16, and the loglizer README benchmark table,
 * HDFS, supervised methods on a 50/50 labelled split of the 575k HDFS sessions, unsupervised ones
 * on all of them). A different split, data size and parser from loglab's: for orientation only.
 */
export const LOGLIZER_HDFS_F1 = {
  "logistic-regression": 0.933,
  "decision-tree": 0.998,
  "linear-svm": 0.965,
  iforest: 0.802,
  pca: 0.769,
  "invariants-mining": 0.915,
  "log-clustering": 0.837,
} as const;

/** A results row with loglizer's published HDFS F1 of the same model (null when it has none). */
export type PublishedComparisonRow = DetectionRow & { "loglizer F1 (other split)": number | null };

/**
 * The results table with loglizer's published F1 of the same registry model beside each row
 * (a row labelled "iforest (unlabelled train)" is still model "iforest").
 *
 * @example
 * run.table("hdfs-results", loglizerComparisonRows(hdfsResults));
 */
export function loglizerComparisonRows(results: readonly AnyDetectionResult[]): PublishedComparisonRow[] {
  const published: Readonly<Record<string, number>> = LOGLIZER_HDFS_F1;
  return detectionRows(results).map((row, i) => ({ ...row, "loglizer F1 (other split)": published[results[i]!.model] ?? null }));
}
