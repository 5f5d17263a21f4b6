import { binaryMetrics, type BinaryMetrics } from "./confusion.js";

/** One point of a threshold sweep: the metrics when items with score > threshold are flagged. */
export interface ThresholdPoint extends BinaryMetrics {
  threshold: number;
}

function checkInputs(labels: ArrayLike<number>, scores: ArrayLike<number>, fn: string): void {
  if (labels.length !== scores.length) throw new Error(`${fn}: ${labels.length} labels but ${scores.length} scores`);
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]!)) throw new Error(`${fn}: score ${i} is NaN`);
    const y = labels[i]!;
    if (y !== 0 && y !== 1) throw new Error(`${fn}: label ${i} is ${y}, expected 0 or 1`);
  }
}

/**
 * The whole threshold sweep: one point per candidate threshold, from -Infinity (flag all) up to
 * the largest score (flag none), in increasing threshold order. O(n log n).
 */
export function thresholdCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): ThresholdPoint[] {
  checkInputs(labels, scores, "thresholdCurve");
  const n = scores.length;
  // A comparison, not a subtraction: Infinity − Infinity is NaN and would break the sort.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a]! < scores[b]! ? -1 : scores[a]! > scores[b]! ? 1 : 0));
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i]!;
  const negatives = n - positives;
  // Start with threshold -Infinity: everything flagged.
  let tp = positives;
  let fp = negatives;
  const points: ThresholdPoint[] = [{ threshold: -Infinity, ...binaryMetrics({ tp, fp, tn: 0, fn: 0 }) }];
  let i = 0;
  while (i < n) {
    const t = scores[order[i]!]!;
    // Raising the threshold to t un-flags every item whose score equals t.
    while (i < n && scores[order[i]!]! === t) {
      if (labels[order[i]!] === 1) tp--;
      else fp--;
      i++;
    }
    points.push({ threshold: t, ...binaryMetrics({ tp, fp, tn: negatives - fp, fn: positives - tp }) });
  }
  return points;
}
