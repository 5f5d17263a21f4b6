import { distinctSessions } from "../../io/key-files.js";
import type { KeyVectors } from "../../models/detector.js";
import { modelSpecFromJson } from "../../models/registry.js";
import { saveTrainedDetector, type ModelCard } from "../../models/trained-model.js";
import type { DetectionThresholdPolicy } from "./choose-detector-threshold.js";
import { fitDetector, type AnyFittedDetector } from "./fit-detector.js";
import { fitSessions, fitSetOf, type ExperimentModel, type LabelledSessions } from "./experiment-model.js";
import { buildModelCard } from "./model-card.js";

/** Options of {@link trainDetector}: a model, and normal (and abnormal) sessions in file order. */
export interface TrainDetectorOptions {
  /** The model: a typed spec, or (from the CLI) a name and JSON parameters checked by `modelSpecFromJson`. */
  spec: ExperimentModel;
  seed: number;
  /** Normal sessions in file order. */
  normal: readonly (readonly number[])[];
  /** Abnormal sessions in file order (required by supervised models). */
  abnormal?: readonly (readonly number[])[];
  /** Share of each file, its last part in file order, held out for validation (default 0.2). */
  validationFraction?: number;
  /** Default `auto`: max F1 when validation holds anomalies, else the model's own threshold, else 1% FPR. */
  threshold?: DetectionThresholdPolicy;
  /** Input paths, recorded in the model card. */
  files?: string[];
  /** Initial key-embedding vectors (token-level inputs). */
  keyVectors?: KeyVectors;
}

/** What {@link trainDetector} returns: the fitted detector (the caller disposes it) and its card. */
export type TrainedDetectorResult = AnyFittedDetector & {
  card: ModelCard;
  /** The sessions the model was fitted on (its registry fit set of the training part). */
  fitSequences: readonly (readonly number[])[];
};

/**
 * `loglab train`'s path: splits the files into a labelled training part and a validation part,
 * then fits with the experiment runner's own rules ({@link fitDetector}) and builds the card:
 * - normal sessions: the first (1 − validationFraction) in file order train, the rest validate;
 * - abnormal sessions: split the same way when the model's fit set uses anomalies (`labelled`
 *   or `unlabelled`); otherwise (`normals`) every abnormal session validates.
 *
 * @example
 * const r = await trainDetector({ spec: modelSpecFromJson("pca", undefined), seed: 42, normal, abnormal });
 * await saveTrained("models/pca", r);
 */
export async function trainDetector(o: TrainDetectorOptions): Promise<TrainedDetectorResult> {
  const vf = o.validationFraction ?? 0.2;
  if (!(vf > 0 && vf < 1)) throw new Error(`validationFraction must be in (0, 1), got ${vf}`);
  const fitSet = fitSetOf(o.spec);
  const abnormal = o.abnormal ?? [];
  if (fitSet === "labelled" && abnormal.length < 2) throw new Error(`${o.spec.model} is supervised: give at least 2 abnormal sessions (--abnormal FILE; got ${abnormal.length})`);
  if (o.normal.length < 2) throw new Error(`need at least 2 normal sessions (got ${o.normal.length})`);
  const cut = (n: number): number => Math.max(1, Math.min(n - 1, Math.round(n * (1 - vf))));
  const nCut = cut(o.normal.length);
  const usesAnomalies = fitSet !== "normals" && abnormal.length >= 2;
  const aCut = usesAnomalies ? cut(abnormal.length) : 0;
  const part = (normal: readonly (readonly number[])[], abn: readonly (readonly number[])[]): LabelledSessions => ({
    sequences: [...normal, ...abn],
    labels: Uint8Array.from([...normal.map(() => 0), ...abn.map(() => 1)]),
  });
  const train = part(o.normal.slice(0, nCut), abnormal.slice(0, aCut));
  const validation = part(o.normal.slice(nCut), abnormal.slice(aCut));
  const fitted = (await fitDetector(o.spec, { train, validation }, { seed: o.seed, threshold: o.threshold ?? { kind: "auto" }, keyVectors: o.keyVectors })) as AnyFittedDetector;
  const fitSequences = fitSessions(fitSet, train).sequences;
  const fitKeys = new Set(distinctSessions(fitSequences).map((d) => d.sequence.join(" ")));
  const card = buildModelCard(fitted, {
    seed: o.seed,
    train,
    validation,
    files: o.files,
    validationSplit: {
      fraction: vf,
      normal: o.normal.length - nCut,
      abnormal: abnormal.length - aCut,
      repeatsOfFitSessions: validation.sequences.filter((s) => fitKeys.has(s.join(" "))).length,
      rule: usesAnomalies
        ? "last share of each file (file order) validates; the rest trains"
        : "last share of the normal file validates, the rest trains; every abnormal session validates (the model fits on normal sessions only)",
    },
  });
  return { ...fitted, card, fitSequences } as TrainedDetectorResult;
}

/** {@link trainDetector} for a model name and parameters from outside the program (CLI, JSON). */
export async function trainDetectorFromJson(model: string, params: unknown, o: Omit<TrainDetectorOptions, "spec">, source = "--params"): Promise<TrainedDetectorResult> {
  return trainDetector({ ...o, spec: modelSpecFromJson(model, params, source) as ExperimentModel });
}

/** Saves a trained detector and its card into `dir` (one atomic folder). */
export async function saveTrained(dir: string, r: TrainedDetectorResult, extraJson: Readonly<Record<string, unknown>> = {}): Promise<void> {
  await saveTrainedDetector(dir, r.detector, r.card, extraJson);
}
