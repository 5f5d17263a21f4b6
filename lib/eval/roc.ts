import { thresholdCurve } from "./threshold-curve.js";

/** A curve as parallel arrays (ready for plotting). */
export interface Curve {
  x: number[];
  y: number[];
  thresholds: number[];
}

/** ROC curve: false-positive rate (x) against true-positive rate (y), from (0,0) to (1,1). */
export function rocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): Curve {
  const pts = thresholdCurve(labels, scores).reverse(); // from flag-none to flag-all
  return { x: pts.map((p) => p.fpr), y: pts.map((p) => p.recall), thresholds: pts.map((p) => p.threshold) };
}

/**
 * Area under the ROC curve (trapezoids over distinct thresholds, so ties count one half, as in
 * sklearn's roc_auc_score). NaN when only one class is present.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i]!;
  if (pos === 0 || pos === labels.length) return NaN;
  const c = rocCurve(labels, scores);
  let auc = 0;
  for (let i = 1; i < c.x.length; i++) auc += ((c.x[i]! - c.x[i - 1]!) * (c.y[i]! + c.y[i - 1]!)) / 2;
  return auc;
}

/** Precision–recall curve: recall (x) against precision (y), thresholds from high to low. */
export function prCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): Curve {
  const pts = thresholdCurve(labels, scores)
    .reverse()
    .filter((p) => p.tp + p.fp > 0); // precision is undefined when nothing is flagged
  return { x: pts.map((p) => p.recall), y: pts.map((p) => p.precision), thresholds: pts.map((p) => p.threshold) };
}

/**
 * Area under the PR curve as average precision: Σ (R_k − R_{k−1}) · P_k over thresholds from
 * high to low (sklearn's average_precision_score; no interpolation). NaN without positives.
 */
export function prAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i]!;
  if (pos === 0) return NaN;
  const c = prCurve(labels, scores);
  let ap = 0;
  let prevRecall = 0;
  for (let i = 0; i < c.x.length; i++) {
    ap += (c.x[i]! - prevRecall) * c.y[i]!;
    prevRecall = c.x[i]!;
  }
  return ap;
}
