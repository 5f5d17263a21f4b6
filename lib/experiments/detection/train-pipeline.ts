/**
 * Training a detector honestly, the same way for every registered model (classic or neural):
 * split the given sessions into a fit part and a validation part (file order, no shuffling),
 * fit on the fit part, score the validation part, choose the decision threshold on validation
 * only, and describe it all in a model card. `loglab train` and the notebooks go through here.
 */
import { distinctSessions } from "../../io/key-files.js";
import { chooseThreshold, type ThresholdChoice, type ThresholdPolicy } from "../../eval/choose-threshold.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, FitReport, SessionSet } from "../../models/detector.js";
import { createDetector, defaultParams, detectorRegistry, type ModelName } from "../../models/registry.js";
import { saveTrainedDetector, type ModelCard } from "../../models/trained-model.js";
import type { DetectorEntry } from "../../models/define-entry.js";

/** A threshold policy of `chooseThreshold`, or `model`: the detector's own threshold (PCA's Q-statistic…). */
export type TrainThresholdPolicy = ThresholdPolicy | { kind: "model" };

/** Options of {@link fitAndChooseThreshold}. */
export interface FitAndThresholdOptions {
  model: string;
  /** Model parameters (merged into the defaults; unknown keys rejected by name). */
  params?: unknown;
  /** Seed of every random choice. */
  seed: number;
  /** Sessions to fit on (labels required for supervised models). */
  train: SessionSet;
  /** Labelled validation sessions: threshold choice and early stopping only. */
  validation: SessionSet & { labels: Uint8Array };
  /**
   * Default: `max-f1` when validation holds anomalies; otherwise the model's own threshold when
   * it has one, else `max-fpr` 0.01 (1% of validation normals flagged).
   */
  threshold?: TrainThresholdPolicy;
}

/** A fitted detector with its validation-chosen threshold and timings. */
export interface FittedDetector {
  detector: Detector<SessionSet>;
  model: string;
  params: object;
  fit: FitReport;
  fitSeconds: number;
  /** The threshold (anomalous where score > threshold) and the whole validation sweep. */
  choice: ThresholdChoice;
  /** Where the threshold came from, in words. */
  thresholdSource: string;
  validationScores: Float64Array;
}

/** The supervision of a registered model. */
export function supervisionOf(model: string): DetectorEntry<object>["supervision"] {
  const entry = (detectorRegistry as Record<string, DetectorEntry<object> | undefined>)[model];
  if (!entry) throw new Error(`Unknown model "${model}". Known models: ${Object.keys(detectorRegistry).join(", ")}`);
  return entry.supervision;
}

/**
 * Creates a detector by name, fits it, scores the validation sessions and chooses the threshold
 * on them. Never sees test data: the caller passes only train and validation.
 *
 * @example
 * const f = await fitAndChooseThreshold({ model: "pca", seed: 42, train, validation });
 * const testScores = await f.detector.score(test);
 * evaluateAt(test.labels, testScores, f.choice.threshold);
 */
export async function fitAndChooseThreshold(o: FitAndThresholdOptions): Promise<FittedDetector> {
  const params = { ...defaultParams(o.model), ...((o.params as object | undefined) ?? {}) };
  const detector = createDetector(o.model as ModelName, o.params ?? {}, { rng: new Rng(o.seed) });
  const t0 = performance.now();
  const fit = await detector.fit(o.train, o.validation);
  const fitSeconds = (performance.now() - t0) / 1000;
  const validationScores = await detector.score(o.validation);
  let positives = 0;
  for (let i = 0; i < o.validation.labels.length; i++) positives += o.validation.labels[i]!;
  const intrinsic = detector.intrinsicThreshold?.() ?? null;
  let policy: TrainThresholdPolicy = o.threshold ?? (positives > 0 ? { kind: "max-f1" } : intrinsic !== null ? { kind: "model" } : { kind: "max-fpr", fpr: 0.01 });
  let thresholdSource: string;
  let choice: ThresholdChoice;
  if (policy.kind === "model") {
    if (intrinsic === null) throw new Error(`${o.model} has no threshold of its own; choose max-f1, max-fpr or fixed`);
    choice = chooseThreshold(o.validation.labels, validationScores, { kind: "fixed", threshold: intrinsic });
    thresholdSource = `the model's own threshold (${intrinsic})`;
  } else {
    choice = chooseThreshold(o.validation.labels, validationScores, policy);
    thresholdSource =
      policy.kind === "max-f1"
        ? `max F1 on ${o.validation.labels.length} validation sessions`
        : policy.kind === "max-fpr"
          ? `lowest threshold with FPR <= ${policy.fpr} on ${o.validation.labels.length - positives} validation normals`
          : `fixed at ${policy.threshold}`;
  }
  policy = policy.kind === "model" ? { kind: "fixed", threshold: choice.threshold } : policy;
  return { detector, model: o.model, params, fit, fitSeconds, choice, thresholdSource, validationScores };
}

/** Options of {@link trainDetector}. */
export interface TrainDetectorOptions {
  model: string;
  params?: unknown;
  seed: number;
  /** Normal sessions in file order. */
  normal: readonly (readonly number[])[];
  /** Abnormal sessions in file order (required by supervised models). */
  abnormal?: readonly (readonly number[])[];
  /** Share of each file, its last part in file order, held out for validation (default 0.2). */
  validationFraction?: number;
  threshold?: TrainThresholdPolicy;
  /** Input paths, recorded in the model card. */
  files?: string[];
}

/** What {@link trainDetector} returns. */
export interface TrainedDetectorResult extends FittedDetector {
  card: ModelCard;
}

/**
 * Splits normal (and abnormal) sessions into fit and validation parts, fits, chooses the
 * threshold on validation and writes a model card:
 * - normal sessions: the first (1 − validationFraction) in file order fit, the rest validate;
 * - abnormal sessions, supervised models: split the same way (fit part used as labelled training);
 * - abnormal sessions, unsupervised models: all of them validate (they are never fit on).
 *
 * @example
 * const r = await trainDetector({ model: "pca", seed: 42, normal: train.sequences, abnormal: abn.sequences });
 * await saveTrained(dir, r);
 */
export async function trainDetector(o: TrainDetectorOptions): Promise<TrainedDetectorResult> {
  const vf = o.validationFraction ?? 0.2;
  if (!(vf > 0 && vf < 1)) throw new Error(`validationFraction must be in (0, 1), got ${vf}`);
  const supervision = supervisionOf(o.model);
  const abnormal = o.abnormal ?? [];
  if (supervision === "supervised" && abnormal.length === 0) throw new Error(`${o.model} is supervised: give abnormal sessions (--abnormal FILE)`);
  const cut = (n: number): number => Math.max(1, Math.min(n - 1, Math.round(n * (1 - vf))));
  if (o.normal.length < 2) throw new Error(`need at least 2 normal sessions (got ${o.normal.length})`);
  const nCut = cut(o.normal.length);
  const fitNormal = o.normal.slice(0, nCut);
  const valNormal = o.normal.slice(nCut);
  let fitAbnormal: (readonly number[])[] = [];
  let valAbnormal: (readonly number[])[] = [...abnormal];
  if (supervision === "supervised") {
    if (abnormal.length < 2) throw new Error(`${o.model} is supervised: needs at least 2 abnormal sessions (got ${abnormal.length})`);
    const aCut = cut(abnormal.length);
    fitAbnormal = abnormal.slice(0, aCut);
    valAbnormal = abnormal.slice(aCut);
  }
  const train: SessionSet =
    supervision === "supervised"
      ? { sequences: [...fitNormal, ...fitAbnormal], labels: Uint8Array.from([...fitNormal.map(() => 0), ...fitAbnormal.map(() => 1)]) }
      : { sequences: fitNormal };
  const validation = { sequences: [...valNormal, ...valAbnormal], labels: Uint8Array.from([...valNormal.map(() => 0), ...valAbnormal.map(() => 1)]) };
  const fitted = await fitAndChooseThreshold({ model: o.model, params: o.params, seed: o.seed, train, validation, threshold: o.threshold });
  const vocabulary = [...new Set(train.sequences.flatMap((s) => [...s]))].sort((a, b) => a - b);
  const fitKeys = new Set(distinctSessions(train.sequences).map((d) => d.sequence.join(" ")));
  const valRepeats = validation.sequences.filter((s) => fitKeys.has(s.join(" "))).length;
  const card: ModelCard = {
    format: "loglab.model",
    version: 1,
    name: o.model,
    params: fitted.params,
    threshold: fitted.choice.threshold,
    thresholdPolicy: o.threshold?.kind === "model" || (!o.threshold && fitted.thresholdSource.startsWith("the model's")) ? { kind: "fixed", threshold: fitted.choice.threshold } : (fitted.choice.policy as ThresholdPolicy),
    validation: fitted.choice.validation,
    seed: o.seed,
    trainedAt: new Date().toISOString(),
    training: {
      files: o.files ?? [],
      sessions: train.sequences.length,
      normal: fitNormal.length,
      abnormal: fitAbnormal.length,
      validationSessions: validation.sequences.length,
    },
    fit: fitted.fit,
    thresholdSource: fitted.thresholdSource,
    vocabulary,
    validationSplit: {
      fraction: vf,
      normal: valNormal.length,
      abnormal: valAbnormal.length,
      repeatsOfFitSessions: valRepeats,
      rule:
        supervision === "supervised"
          ? "last share of each file (file order) validates; the rest fits"
          : "last share of the normal file validates, the rest fits; every abnormal session validates (unsupervised: never fit on)",
    },
  };
  return { ...fitted, card };
}

/** Saves a trained detector and its card into `dir` (one atomic folder). */
export async function saveTrained(dir: string, r: TrainedDetectorResult): Promise<void> {
  await saveTrainedDetector(dir, r.detector, r.card);
}
