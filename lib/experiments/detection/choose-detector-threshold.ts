import { chooseThreshold, type ThresholdChoice, type ThresholdPolicy } from "../../eval/choose-threshold.js";
import type { ThresholdSource } from "../../eval/threshold-source.js";
import type { Detector, SessionSet } from "../../models/detector.js";
import { normalSubset } from "../../models/sequence/session-subsets.js";
import type { LabelledSessions } from "./experiment-model.js";

/**
 * How an experiment chooses a detector's threshold on validation data (never on test data):
 * `chooseThreshold`'s policies (`max-f1`, `max-fpr`, `fixed`), `model` (the detector's own
 * threshold from its paper), or `auto`: max F1 when validation holds anomalies, else the model's
 * own threshold when it has one, else at most 1% of validation normals flagged.
 */
export type DetectionThresholdPolicy = ThresholdPolicy | { kind: "model" } | { kind: "auto" };

/** A chosen threshold: the value, where it came from, and the validation sweep. */
export interface DetectorThreshold {
  threshold: number;
  source: ThresholdSource;
  choice: ThresholdChoice;
}

/**
 * The one threshold chooser of every experiment runner. `max-fpr` uses the detector's own
 * estimator on the validation normals when it has one (`Detector.thresholdOnNormals`, DeepLog's g
 * choice), else the lowest threshold whose observed validation FPR is within the bound.
 *
 * @example
 * const t = await chooseDetectorThreshold(detector, validation, await detector.score(validation), { kind: "max-f1" });
 */
export async function chooseDetectorThreshold(detector: Detector<SessionSet>, validation: LabelledSessions, validationScores: ArrayLike<number>, policy: DetectionThresholdPolicy): Promise<DetectorThreshold> {
  const labels = validation.labels;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  const normals = labels.length - positives;
  const intrinsic = detector.intrinsicThreshold?.() ?? null;
  const p: Exclude<DetectionThresholdPolicy, { kind: "auto" }> =
    policy.kind !== "auto" ? policy : positives > 0 ? { kind: "max-f1" } : intrinsic !== null ? { kind: "model" } : { kind: "max-fpr", fpr: 0.01 };
  switch (p.kind) {
    case "model": {
      if (intrinsic === null) throw new Error(`${detector.name} has no threshold of its own; choose max-f1, max-fpr or fixed`);
      return { threshold: intrinsic, source: { kind: "model", threshold: intrinsic }, choice: chooseThreshold(labels, validationScores, { kind: "fixed", threshold: intrinsic }) };
    }
    case "max-f1": {
      const choice = chooseThreshold(labels, validationScores, p);
      return { threshold: choice.threshold, source: { kind: "max-f1", validationSessions: labels.length }, choice };
    }
    case "fixed":
      return { threshold: p.threshold, source: { kind: "fixed", threshold: p.threshold }, choice: chooseThreshold(labels, validationScores, p) };
    case "max-fpr": {
      if (detector.thresholdOnNormals && normals > 0) {
        const own = await detector.thresholdOnNormals(normalSubset(validation), p.fpr);
        const choice = { ...chooseThreshold(labels, validationScores, { kind: "fixed", threshold: own.threshold }), policy: p };
        return { threshold: own.threshold, source: { kind: "max-fpr", fpr: p.fpr, validationNormals: normals, rule: own.rule }, choice };
      }
      const choice = chooseThreshold(labels, validationScores, p);
      return { threshold: choice.threshold, source: { kind: "max-fpr", fpr: p.fpr, validationNormals: normals, rule: null }, choice };
    }
  }
}
