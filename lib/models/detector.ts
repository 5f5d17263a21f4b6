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
  /**
   * Optional severity ordinal (0 debug … 5 critical, label/severity.ts) of every event, parallel to
   * `sequences`; read by LogBERT-severity, ignored by every other model.
   */
  severities?: readonly (readonly number[])[];
}

/** One epoch of a neural model's training history. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  valLoss?: number;
  /** The validation criterion when training selects epochs by one other than the loss (lower is better). */
  valCriterion?: number;
  learningRate?: number;
  seconds: number;
}

/** What a model trained on after deduplication, and in which unit (tables show "4,092 pairs"). */
export interface TrainedOn {
  count: number;
  unit: "rows" | "sessions" | "count vectors" | "(window, next key) pairs";
}

/** A named training history (the dual LSTM has one per part). */
export interface NamedHistory {
  name: string;
  history: EpochRecord[];
}

/**
 * What `fit` reports: time taken and, for iterative models, the history and why it stopped.
 * Each detector extends it with its own typed facts (`DeepLogFitReport`, `ClassicFitReport`, …);
 * the registry carries the type, so `FitReportOf<"deeplog">` is DeepLog's.
 */
export interface FitReport {
  seconds: number;
  history?: EpochRecord[];
  /** e.g. "early stopping: val loss did not improve for 3 epochs". */
  stoppedBecause?: string;
  /** Distinct items trained on (sessions, count vectors, (window, next key) pairs). */
  trainedOn?: TrainedOn;
  /** Every training history, named by part, when there is more than `history` (dual LSTM). */
  curves?: NamedHistory[];
}

/** How a detector learns. */
export type Supervision = "unsupervised" | "semi-supervised" | "supervised";

/**
 * The contract every model implements, classic or neural (DESIGN.md §3).
 * `score` returns one score per item, higher = more anomalous; decisions come from a threshold
 * chosen on validation data (see eval/choose-threshold.ts) and are never made inside `score`.
 */
export interface Detector<X = SessionSet, R extends FitReport = FitReport> {
  /** The registry name, e.g. "pca", "deeplog". */
  readonly name: string;
  readonly supervision: Supervision;
  /** Fits on training data; `validation` may be used for early stopping only, never test data. */
  fit(train: X, validation?: X): Promise<R>;
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
   * experiment runner uses it only under the `model` threshold policy.
   */
  intrinsicThreshold?(): number | null;
  /**
   * Optional: the model's own way to choose its threshold from normal validation sessions alone,
   * so that at most about `maxFpr` of such sessions are flagged (DeepLog: the smallest g whose
   * estimated FPR is within the bound, the estimate using its predictive probabilities). Without
   * it, the runner takes the lowest threshold whose observed validation FPR is within the bound.
   */
  thresholdOnNormals?(normals: X, maxFpr: number): Promise<{ threshold: number; rule: string }>;
}

/**
 * Vectors for the keys of token-level inputs (each key is a token id): a model with a key
 * embedding starts its rows from them (`freeze`: and keeps them fixed). Keys without a vector keep
 * the random start.
 */
export interface KeyVectors {
  dim: number;
  vector(key: number): ArrayLike<number> | null;
  freeze: boolean;
  /** Where they came from, for reports ("trained on the training lines", a file path). */
  source: string;
}

/** Context handed to detector factories. */
export interface DetectorContext {
  /** The seeded generator for every random choice the model makes. */
  rng: Rng;
  /** Optional: initial key-embedding vectors (models with a key embedding use them; others ignore them). */
  keyVectors?: KeyVectors;
}
