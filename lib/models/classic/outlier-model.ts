import type { FeatureRows } from "./feature-rows.js";

/**
 * An unsupervised (or normal-only) outlier model on dense feature rows: fit on training rows,
 * then one score per row, higher = more anomalous.
 */
export interface OutlierModel {
  readonly kind: string;
  fit(x: FeatureRows): void;
  score(x: FeatureRows): Float64Array;
  /**
   * The model's own decision threshold from its paper (PCA's Q-statistic, LogClustering's
   * distance, Invariants Mining's "any violation"), or null. Anomalous where score > threshold.
   */
  readonly intrinsicThreshold: number | null;
  toJSON(): { kind: string } & Record<string, unknown>;
}
