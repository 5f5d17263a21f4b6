import { describeThresholdSource } from "../../eval/threshold-source.js";
import type { FitSet, ModelFamily } from "../../models/define-entry.js";
import type { EpochRecord, Supervision, TrainedOn } from "../../models/detector.js";
import type { AnyDetectionResult } from "./detection-experiment.js";

/** One row of a detection results table (notebooks 05 and 06 share it, so their tables compare). */
export type DetectionRow = {
  model: string;
  family: ModelFamily;
  supervision: Supervision;
  "fit set": FitSet;
  "fit sessions": number;
  threshold: number;
  "threshold from": string;
  /** Test, every session counted as often as it occurs. */
  P: number;
  R: number;
  F1: number;
  FP: number;
  FN: number;
  /** Test, each distinct (sequence, label) once. */
  "F1 distinct": number;
  "FP distinct": number;
  "FN distinct": number;
  /** Test sessions whose sequence never occurs in the training part, and the metrics on them. */
  "unseen sessions": number;
  "unseen abnormal": number;
  "P unseen": number;
  "R unseen": number;
  "F1 unseen": number;
  "FP unseen": number;
  "ROC-AUC": number;
  "PR-AUC": number;
  /** F1 at the model's own threshold (PCA's Q-statistic, …); null when it has none. */
  "F1 @ own threshold": number | null;
  "fit s": number;
  "score s": number;
};

/**
 * The results table: one row per model, test metrics at the validation-chosen threshold over
 * all sessions, distinct sessions and sessions unseen in training, AUCs, own-threshold F1 and
 * times.
 *
 * @example
 * run.table("hdfs-results", detectionRows(results));
 */
export function detectionRows(results: readonly AnyDetectionResult[]): DetectionRow[] {
  return results.map((r) => {
    const a = r.test.all;
    const d = r.test.distinct;
    const u = r.test.unseen;
    return {
      model: r.label,
      family: r.family,
      supervision: r.supervision,
      "fit set": r.fitSet,
      "fit sessions": r.fitSessions,
      threshold: r.threshold,
      "threshold from": describeThresholdSource(r.thresholdSource),
      P: a.precision,
      R: a.recall,
      F1: a.f1,
      FP: a.fp,
      FN: a.fn,
      "F1 distinct": d.f1,
      "FP distinct": d.fp,
      "FN distinct": d.fn,
      "unseen sessions": u?.sessions ?? 0,
      "unseen abnormal": u?.abnormal ?? 0,
      "P unseen": u?.precision ?? 0,
      "R unseen": u?.recall ?? 0,
      "F1 unseen": u?.f1 ?? 0,
      "FP unseen": u?.fp ?? 0,
      "ROC-AUC": a.rocAuc,
      "PR-AUC": a.prAuc,
      "F1 @ own threshold": r.testAtIntrinsic ? r.testAtIntrinsic.all.f1 : null,
      "fit s": r.fitSeconds,
      "score s": r.scoreSeconds,
    };
  });
}

/** One row of the training-and-scoring table. */
export type TimingRow = {
  model: string;
  "fit sessions": number;
  /** What the model trained on after deduplication ("4092 (window, next key) pairs"), or "". */
  "trained on": string;
  epochs: number;
  stopped: string;
  "fit s": number;
  "test sessions": number;
  "score s": number;
  "sessions/s scored": number;
};

function trainedOnText(t: TrainedOn | undefined): string {
  return t ? `${t.count} ${t.unit}` : "";
}

/** Training and scoring facts per model: sessions, distinct items, epochs, why training stopped, throughput. */
export function timingRows(results: readonly AnyDetectionResult[]): TimingRow[] {
  return results.map((r) => ({
    model: r.label,
    "fit sessions": r.fitSessions,
    "trained on": trainedOnText(r.fit.trainedOn),
    epochs: r.fit.history?.length ?? 0,
    stopped: r.fit.stoppedBecause ?? "",
    "fit s": r.fitSeconds,
    "test sessions": r.testScores.length,
    "score s": r.scoreSeconds,
    "sessions/s scored": Math.round(r.testScores.length / Math.max(1e-9, r.scoreSeconds)),
  }));
}

/** One model's training history, named for a figure legend. */
export type NamedTrainingCurve = { name: string; history: EpochRecord[] };

/**
 * Training curves of every model, or of one family's (the family is the registry's): every named
 * part's history when the model has several (the dual LSTM's "frequent" and "rare"), else its one
 * history; models without a history (classic ones) give none.
 */
export function trainingCurvesOf(results: readonly AnyDetectionResult[], family?: ModelFamily): NamedTrainingCurve[] {
  return results
    .filter((r) => family === undefined || r.family === family)
    .flatMap((r) => (r.fit.curves ? r.fit.curves.map((c) => ({ name: `${r.label} (${c.name})`, history: c.history })) : r.fit.history && r.fit.history.length > 0 ? [{ name: r.label, history: r.fit.history }] : []));
}

/** Labels and test scores per model, as ROC / PR figure series. */
export function scoredSeriesOf(results: readonly AnyDetectionResult[], labels: ArrayLike<number>): { name: string; labels: ArrayLike<number>; scores: ArrayLike<number> }[] {
  return results.map((r) => ({ name: r.label, labels, scores: r.testScores }));
}

/** The result with the highest value of `score` (first on ties). */
export function bestBy<T>(results: readonly T[], score: (r: T) => number): T {
  if (results.length === 0) throw new Error("bestBy: no results");
  return results.reduce((a, b) => (score(b) > score(a) ? b : a));
}
