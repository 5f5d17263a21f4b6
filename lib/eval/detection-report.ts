import { binaryMetrics, confusion, decide, type BinaryMetrics } from "./confusion.js";
import { prAuc, rocAuc } from "./roc.js";

/** Metrics of one detector on labelled sessions, over all sessions and over distinct ones. */
export interface DetectionReport {
  threshold: number;
  /** Every session counted as often as it occurs. */
  all: BinaryMetrics & { rocAuc: number; prAuc: number; sessions: number; normal: number; abnormal: number };
  /**
   * Each distinct (sequence, label) counted once (HDFS repeats identical sessions hundreds of
   * times, which can hide or inflate errors).
   */
  distinct: BinaryMetrics & { sessions: number; normal: number; abnormal: number };
}

/**
 * Evaluates scores at a threshold (anomalous where score > threshold) over all sessions and over
 * distinct sessions. A distinct session's score is its first occurrence's (classic detectors are
 * deterministic per sequence).
 *
 * @example
 * const r = detectionReport(test.sequences, test.labels, scores, card.threshold);
 * r.all.f1; r.distinct.f1;
 */
export function detectionReport(sequences: readonly (readonly number[])[], labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): DetectionReport {
  if (sequences.length !== labels.length || labels.length !== scores.length) {
    throw new Error(`detectionReport: ${sequences.length} sessions, ${labels.length} labels, ${scores.length} scores`);
  }
  const preds = decide(scores, threshold);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i]!;
  const seen = new Set<string>();
  const dl: number[] = [];
  const dp: number[] = [];
  for (let i = 0; i < sequences.length; i++) {
    const key = `${labels[i]}|${sequences[i]!.join(" ")}`;
    if (seen.has(key)) continue;
    seen.add(key);
    dl.push(labels[i]!);
    dp.push(preds[i]!);
  }
  const dpos = dl.reduce((a, b) => a + b, 0);
  return {
    threshold,
    all: { ...binaryMetrics(confusion(labels, preds)), rocAuc: rocAuc(labels, scores), prAuc: prAuc(labels, scores), sessions: labels.length, normal: labels.length - pos, abnormal: pos },
    distinct: { ...binaryMetrics(confusion(dl, dp)), sessions: dl.length, normal: dl.length - dpos, abnormal: dpos },
  };
}
