import { thresholdCurve, type ThresholdPoint } from "./threshold-curve.js";

/**
 * How a threshold is chosen on validation data (never on test data):
 * - `max-f1`: the threshold with the best F1 (needs both classes in validation);
 * - `max-fpr`: the lowest threshold whose false-positive rate on the validation normals is at
 *   most `fpr` (works with normal-only validation, the usual unsupervised setting);
 * - `fixed`: a given value (e.g. DeepLog's top-g when no validation is available).
 */
export type ThresholdPolicy = { kind: "max-f1" } | { kind: "max-fpr"; fpr: number } | { kind: "fixed"; threshold: number };

/** A chosen threshold with what it achieved on the validation data and the whole sweep. */
export interface ThresholdChoice {
  threshold: number;
  policy: ThresholdPolicy;
  /** Metrics on validation at the chosen threshold (null for `fixed` without data). */
  validation: ThresholdPoint | null;
  /** The full validation sweep, for plotting. */
  curve: ThresholdPoint[];
}

/**
 * Chooses the decision threshold (anomalous where score > threshold) on validation labels and
 * scores.
 *
 * @example
 * const choice = chooseThreshold(valLabels, valScores, { kind: "max-fpr", fpr: 0.01 });
 */
export function chooseThreshold(labels: ArrayLike<number>, scores: ArrayLike<number>, policy: ThresholdPolicy): ThresholdChoice {
  const curve = labels.length > 0 ? thresholdCurve(labels, scores) : [];
  if (policy.kind === "fixed") {
    const at = curve.filter((p) => p.threshold <= policy.threshold).pop() ?? null;
    return { threshold: policy.threshold, policy, validation: at, curve };
  }
  if (curve.length === 0) throw new Error(`chooseThreshold(${policy.kind}): no validation data`);
  let best: ThresholdPoint;
  if (policy.kind === "max-f1") {
    let pos = 0;
    for (let i = 0; i < labels.length; i++) pos += labels[i]!;
    if (pos === 0) throw new Error("chooseThreshold(max-f1): validation has no anomalies; use max-fpr for normal-only validation");
    // Ties: prefer the higher threshold (fewer alarms for the same F1).
    best = curve.reduce((a, b) => (b.f1 >= a.f1 ? b : a));
  } else {
    if (!(policy.fpr >= 0 && policy.fpr <= 1)) throw new Error(`chooseThreshold(max-fpr): fpr must be in [0, 1], got ${policy.fpr}`);
    const ok = curve.find((p) => p.fpr <= policy.fpr);
    best = ok ?? curve[curve.length - 1]!;
  }
  // "Flag everything" is the sweep's -Infinity point; a threshold is stored in JSON model cards,
  // where -Infinity cannot go, so it is written as a finite number just below every score seen.
  const threshold = best.threshold === -Infinity ? belowEveryScore(scores) : best.threshold;
  return { threshold, policy, validation: best, curve };
}

/** A finite threshold below every score (score > threshold flags them all). */
function belowEveryScore(scores: ArrayLike<number>): number {
  let min = Infinity;
  for (let i = 0; i < scores.length; i++) min = Math.min(min, scores[i]!);
  if (!Number.isFinite(min)) return -Number.MAX_VALUE;
  return min - Math.max(Math.abs(min), 1) * 2 ** -30;
}
