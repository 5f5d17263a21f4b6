import type { Rng } from "../runtime/rng.js";

/**
 * Sessions of integer log keys, the common input of every detector reachable from the CLI:
 * DeepLog-style key files, HDFS block sessions, BGL windows. Labels (1 = anomalous) are present
 * for supervised training and for evaluation.
 */
export interface SessionSet {
  sequences: readonly (readonly number[])[];
  /** 1 = anomalous, 0 = normal; required by supervised detectors. */
  labels?: Uint8Array;
}

/** One epoch of a neural model's training history. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  valLoss?: number;
  learningRate?: number;
  seconds: number;
}

/** What `fit` reports: time taken and, for iterative models, the history and why it stopped. */
export interface FitReport {
  seconds: number;
  history?: EpochRecord[];
  /** e.g. "early stopping: val loss did not improve for 3 epochs". */
  stoppedBecause?: string;
  /** Free-form facts worth showing (distinct windows, vocabulary size, …). */
  info?: Record<string, number | string>;
}

/** How a detector learns. */
export type Supervision = "unsupervised" | "semi-supervised" | "supervised";

/**
 * The contract every model implements, classic or neural (DESIGN.md §3).
 * `score` returns one score per item, higher = more anomalous; decisions come from a threshold
 * chosen on validation data (see eval/choose-threshold.ts) and are never made inside `score`.
 */
export interface Detector<X = SessionSet> {
  /** The registry name, e.g. "pca", "deeplog". */
  readonly name: string;
  readonly supervision: Supervision;
  /** Fits on training data; `validation` may be used for early stopping only, never test data. */
  fit(train: X, validation?: X): Promise<FitReport>;
  /** One anomaly score per item (higher = more anomalous). */
  score(x: X): Promise<Float64Array>;
  /** Saves everything needed to score again into `dir` (atomically). */
  save(dir: string): Promise<void>;
  /** Frees tensors or other resources (neural models); a no-op for classic ones. */
  dispose(): void;
  /**
   * Optional: the model's own decision threshold from its paper, when it has one (PCA's
   * Q-statistic, LogClustering's distance, Invariants Mining's "any violation", the keyword
   * rule's "any match"), else null; read after `fit`. Anomalous where score > threshold. The
   * train pipeline uses it only under the `model` threshold policy.
   */
  intrinsicThreshold?(): number | null;
}

/** Context handed to detector factories. */
export interface DetectorContext {
  /** The seeded generator for every random choice the model makes. */
  rng: Rng;
}
