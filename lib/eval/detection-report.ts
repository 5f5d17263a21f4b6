import { binaryMetrics, confusion, decide, type BinaryMetrics } from "./confusion.js";
import { prAuc, rocAuc } from "./roc.js";

/** Metrics over a subset of sessions, with its size and class counts. */
export type SubsetMetrics = BinaryMetrics & { sessions: number; normal: number; abnormal: number };

/** Metrics of one detector on labelled sessions: over all sessions, distinct ones, and those never seen in training. */
export interface DetectionReport {
  threshold: number;
  /** Every session counted as often as it occurs. */
  all: BinaryMetrics & { rocAuc: number; prAuc: number; sessions: number; normal: number; abnormal: number };
  /**
   * Each distinct (sequence, label) counted once (HDFS repeats identical sessions hundreds of
   * times, which can hide or inflate errors).
   */
  distinct: SubsetMetrics;
  /**
   * Sessions whose exact key sequence never occurs in the training sessions given (each counted
   * as often as it occurs): what a detector does on behaviour it has not memorised. Null when no
   * training sessions were given. On HDFS most test sessions repeat a training session, so this
   * view can differ sharply from `all`.
   */
  unseen: SubsetMetrics | null;
}

/** The key of a session's sequence in a set of seen sessions (see {@link seenSessions}). */
function sequenceText(s: readonly number[]): string {
  return s.join(" ");
}

/** The distinct key sequences of a set of sessions (e.g. a split's training part), for {@link detectionReport}'s `unseen` view. */
export function seenSessions(sequences: readonly (readonly number[])[]): ReadonlySet<string> {
  return new Set(sequences.map(sequenceText));
}

/**
 * Evaluates scores at a threshold (anomalous where score > threshold) over all sessions, over
 * distinct sessions, and (given the training sessions) over sessions never seen in training. A
 * distinct session's score is its first occurrence's (classic detectors are deterministic per
 * sequence).
 *
 * @example
 * const r = detectionReport(test.sequences, test.labels, scores, card.threshold, seenSessions(train.sequences));
 * r.all.f1; r.distinct.f1; r.unseen?.f1;
 */
export function detectionReport(sequences: readonly (readonly number[])[], labels: ArrayLike<number>, scores: ArrayLike<number>, threshold: number, seen: ReadonlySet<string> | null = null): DetectionReport {
  if (sequences.length !== labels.length || labels.length !== scores.length) {
    throw new Error(`detectionReport: ${sequences.length} sessions, ${labels.length} labels, ${scores.length} scores`);
  }
  const preds = decide(scores, threshold);
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i]!;
  const counted = new Set<string>();
  const dl: number[] = [];
  const dp: number[] = [];
  for (let i = 0; i < sequences.length; i++) {
    const key = `${labels[i]}|${sequences[i]!.join(" ")}`;
    if (counted.has(key)) continue;
    counted.add(key);
    dl.push(labels[i]!);
    dp.push(preds[i]!);
  }
  const dpos = dl.reduce((a, b) => a + b, 0);
  let unseen: SubsetMetrics | null = null;
  if (seen) {
    const ul: number[] = [];
    const up: number[] = [];
    for (let i = 0; i < sequences.length; i++) {
      if (seen.has(sequenceText(sequences[i]!))) continue;
      ul.push(labels[i]!);
      up.push(preds[i]!);
    }
    const upos = ul.reduce((a, b) => a + b, 0);
    unseen = { ...binaryMetrics(confusion(ul, up)), sessions: ul.length, normal: ul.length - upos, abnormal: upos };
  }
  return {
    threshold,
    all: { ...binaryMetrics(confusion(labels, preds)), rocAuc: rocAuc(labels, scores), prAuc: prAuc(labels, scores), sessions: labels.length, normal: labels.length - pos, abnormal: pos },
    distinct: { ...binaryMetrics(confusion(dl, dp)), sessions: dl.length, normal: dl.length - dpos, abnormal: dpos },
    unseen,
  };
}
