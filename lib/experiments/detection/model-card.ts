import type { ThresholdPolicy } from "../../eval/choose-threshold.js";
import type { FitReport } from "../../models/detector.js";
import type { ModelCard } from "../../models/trained-model.js";
import type { FittedDetector } from "./fit-detector.js";
import type { LabelledSessions } from "./experiment-model.js";

/** What a model card records beyond the fitted detector. */
export interface ModelCardContext {
  seed: number;
  /** The labelled training part the fit set was taken from. */
  train: LabelledSessions;
  validation: LabelledSessions;
  /** Input paths. */
  files?: readonly string[];
  /** How the validation part was taken (files split by `loglab train`). */
  validationSplit?: ModelCard["validationSplit"];
}

/**
 * The one model-card builder (notebooks and `loglab train`): name, complete parameters, the
 * validation-chosen threshold with its source, validation metrics, seed, training counts, fit
 * report and vocabulary.
 */
export function buildModelCard(f: FittedDetector, c: ModelCardContext): ModelCard {
  const { train, validation } = c;
  let abnormal = 0;
  for (let i = 0; i < train.labels.length; i++) abnormal += train.labels[i]!;
  const counts = f.fitSet === "normals" ? { normal: f.fitSessions, abnormal: 0 } : { normal: train.labels.length - abnormal, abnormal };
  const policy: ThresholdPolicy = f.thresholdSource.kind === "model" ? { kind: "fixed", threshold: f.threshold } : f.choice.policy;
  return {
    format: "loglab.model",
    version: 1,
    name: f.model,
    params: f.params,
    threshold: f.threshold,
    thresholdPolicy: policy,
    validation: f.choice.validation,
    seed: c.seed,
    trainedAt: new Date().toISOString(),
    training: { files: [...(c.files ?? [])], sessions: f.fitSessions, ...counts, validationSessions: validation.sequences.length },
    fit: f.fit as FitReport,
    thresholdSource: f.thresholdSource,
    vocabulary: f.vocabulary,
    ...(c.validationSplit ? { validationSplit: c.validationSplit } : {}),
  };
}
