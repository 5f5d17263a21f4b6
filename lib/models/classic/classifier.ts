import type { FeatureRows } from "./feature-rows.js";

/** Options of {@link Classifier.fit}. */
export interface ClassifierFitOptions {
  /** Number of classes (default: largest label + 1, at least 2). */
  nClasses?: number;
  /** A weight per training row (class balancing, bootstrap counts); default all 1. */
  sampleWeights?: ArrayLike<number>;
  /** Held-out rows for early stopping only (gradient boosting); never test data. */
  validation?: { x: FeatureRows; y: ArrayLike<number> };
}

/**
 * A multi-class classifier on dense feature rows (classes 0..K-1). Binary detectors use class 1
 * (anomalous) as the score; the 7-class task uses all K.
 */
export interface Classifier {
  /** Which algorithm (the `kind` of its JSON). */
  readonly kind: string;
  readonly nClasses: number;
  fit(x: FeatureRows, y: ArrayLike<number>, options?: ClassifierFitOptions): void;
  /** One score per class per row, higher = more likely (probabilities for probabilistic models). */
  decisionScores(x: FeatureRows): Float64Array[];
  /** The most likely class of each row. */
  predict(x: FeatureRows): Int32Array;
  /** Everything needed to predict again, as plain JSON. */
  toJSON(): { kind: string } & Record<string, unknown>;
}

/** The class with the highest score in each row of {@link Classifier.decisionScores}. */
export function predictFromScores(scores: readonly Float64Array[]): Int32Array {
  const out = new Int32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    let best = 0;
    for (let c = 1; c < s.length; c++) if (s[c]! > s[best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Effective sample weights: the given ones (checked) or all ones. */
export function sampleWeightsOf(n: number, given: ArrayLike<number> | undefined, fn: string): Float64Array {
  const w = new Float64Array(n);
  if (!given) return w.fill(1);
  if (given.length !== n) throw new Error(`${fn}: ${n} rows but ${given.length} sample weights`);
  for (let i = 0; i < n; i++) {
    const v = given[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`${fn}: sample weight ${i} is ${v}`);
    w[i] = v;
  }
  return w;
}

/**
 * Merges identical (row, label) pairs into one row whose weight is the sum of theirs. For losses
 * that are sums over rows (logistic, squared hinge) this is the same objective with fewer terms;
 * HDFS's training sessions are 83% duplicates.
 */
export function mergeDuplicateRows(x: readonly ArrayLike<number>[], y: ArrayLike<number>, w: ArrayLike<number>): { x: ArrayLike<number>[]; y: Int32Array; w: Float64Array } {
  const index = new Map<string, number>();
  const rows: ArrayLike<number>[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (w[i] === 0) continue;
    const key = `${y[i]}|${Array.prototype.join.call(x[i]!, ",")}`;
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, rows.length);
      rows.push(x[i]!);
      labels.push(y[i]!);
      weights.push(w[i]!);
    } else weights[at]! += w[i]!;
  }
  return { x: rows, y: Int32Array.from(labels), w: Float64Array.from(weights) };
}
