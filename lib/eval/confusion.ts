/** Binary confusion counts (positive = anomalous). */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Precision, recall, F1, false-positive rate and accuracy from confusion counts. */
export interface BinaryMetrics extends Confusion {
  precision: number;
  recall: number;
  f1: number;
  /** fp / (fp + tn): the share of normal items flagged. */
  fpr: number;
  accuracy: number;
}

/** Confusion counts of 0/1 labels against 0/1 predictions. */
export function confusion(labels: ArrayLike<number>, predictions: ArrayLike<number>): Confusion {
  if (labels.length !== predictions.length) {
    throw new Error(`confusion: ${labels.length} labels but ${predictions.length} predictions`);
  }
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    const p = predictions[i]!;
    if (p === 1) {
      if (y === 1) c.tp++;
      else c.fp++;
    } else if (y === 1) c.fn++;
    else c.tn++;
  }
  return c;
}

/**
 * Metrics from counts. A ratio whose denominator is zero is 0 (sklearn's `zero_division=0`),
 * so a detector that flags nothing has precision 0, not NaN.
 */
export function binaryMetrics(c: Confusion): BinaryMetrics {
  const div = (a: number, b: number): number => (b === 0 ? 0 : a / b);
  const precision = div(c.tp, c.tp + c.fp);
  const recall = div(c.tp, c.tp + c.fn);
  return {
    ...c,
    precision,
    recall,
    f1: div(2 * precision * recall, precision + recall),
    fpr: div(c.fp, c.fp + c.tn),
    accuracy: div(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn),
  };
}

/** Anomalous (1) where score > threshold, else 0. loglab's decision rule everywhere. */
export function decide(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i]! > threshold ? 1 : 0;
  return out;
}

/** Metrics of scores thresholded at `threshold` (anomalous where score > threshold). */
export function evaluateAt(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): BinaryMetrics {
  return binaryMetrics(confusion(labels, decide(scores, threshold)));
}

/** A binary confusion as a 2 × 2 matrix for heatmaps: rows true normal / anomalous, columns predicted normal / anomalous. */
export function binaryConfusionMatrix(c: Confusion): number[][] {
  return [
    [c.tn, c.fp],
    [c.fn, c.tp],
  ];
}
