import { evaluateAt } from "../../eval/confusion.js";

/** Metrics of DeepLog's rule at one g: anomalous when a next key falls outside the top g (score > g). */
export interface TopGPoint {
  g: number;
  /** Null when the data hold no anomalies. */
  recall: number | null;
  precision: number | null;
  fpr: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * The top-g sweep (USER-ASKS 11): recall and false-positive rate for g = 1 … maxG, from session
 * scores that are maximum next-key ranks (DeepLog's `score`).
 */
export function topGSweep(labels: ArrayLike<number>, scores: ArrayLike<number>, maxG: number): TopGPoint[] {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const out: TopGPoint[] = [];
  for (let g = 1; g <= maxG; g++) {
    const m = evaluateAt(labels, scores, g);
    out.push({
      g,
      recall: positives > 0 ? m.recall : null,
      precision: positives > 0 ? m.precision : null,
      fpr: m.fpr,
      tp: m.tp,
      fp: m.fp,
      tn: m.tn,
      fn: m.fn,
    });
  }
  return out;
}

/** What {@link chooseTopG} chose and why. */
export interface TopGChoice {
  g: number;
  /** The FPR bound it met. */
  maxFpr: number;
  /** Per g (index g): flagged share of validation sessions, the model's expected share, and the larger of the two. */
  observedFpr: number[];
  expectedFpr: number[];
  estimatedFpr: number[];
  rule: string;
}

/**
 * Chooses DeepLog's g on normal validation sessions only: the smallest g (smaller g catches more
 * anomalies) whose estimated false-positive rate is at most `maxFpr`, where the estimate is the
 * larger of
 * - the observed share of validation sessions flagged at g (coarse: one session of a few hundred
 *   is several tenths of a percent, so a few lucky sessions decide it), and
 * - the share the model itself expects, `DeepLog.expectedFalseAlarmRates` (smooth, from the
 *   predictive probabilities of every validation window).
 * If no g ≤ maxG meets the bound, maxG is returned.
 */
export function chooseTopG(validationScores: ArrayLike<number>, expectedFpr: readonly number[], maxFpr: number, maxG: number): TopGChoice {
  const n = validationScores.length;
  if (n === 0) throw new Error("chooseTopG: no validation sessions");
  const observedFpr = [1];
  const estimatedFpr = [1];
  let g = -1;
  for (let k = 1; k <= maxG; k++) {
    let flagged = 0;
    for (let i = 0; i < n; i++) if (validationScores[i]! > k) flagged++;
    observedFpr.push(flagged / n);
    const est = Math.max(flagged / n, expectedFpr[k] ?? 0);
    estimatedFpr.push(est);
    if (g < 0 && est <= maxFpr) g = k;
  }
  return {
    g: g < 0 ? maxG : g,
    maxFpr,
    observedFpr,
    expectedFpr: [...expectedFpr.slice(0, maxG + 1)],
    estimatedFpr,
    rule: `smallest g whose validation FPR estimate (max of observed and model-expected) is <= ${maxFpr} on ${n} normal validation sessions`,
  };
}
