import type { ThresholdChoice } from "../../eval/choose-threshold.js";
import type { ThresholdSource } from "../../eval/threshold-source.js";
import type { FitSet, ModelFamily } from "../../models/define-entry.js";
import type { Detector, KeyVectors, SessionSet, Supervision } from "../../models/detector.js";
import { createDetector, modelEntry, type DetectorOf, type FitReportOf, type ModelName, type ParamsOf } from "../../models/registry.js";
import { Rng } from "../../runtime/rng.js";
import { chooseDetectorThreshold, type DetectionThresholdPolicy } from "./choose-detector-threshold.js";
import { fitSessions, fitSetOf, labelOf, type ExperimentModel, type LabelledSessions } from "./experiment-model.js";

/** A detector fitted by {@link fitDetector}, with its validation-chosen threshold. The caller disposes it. */
export interface FittedDetector<N extends ModelName = ModelName> {
  /** Display label (the spec's, else the model name). */
  label: string;
  model: N;
  family: ModelFamily;
  supervision: Supervision;
  /** What it was fitted on (registry entry's rule, or the experiment's override). */
  fitSet: FitSet;
  /** Complete parameters (defaults merged with the spec's). */
  params: ParamsOf<N>;
  /** The fitted detector, typed by the registry (`DeepLog` for "deeplog"): re-score, re-threshold, inspect. */
  detector: DetectorOf<N>;
  fit: FitReportOf<N>;
  fitSeconds: number;
  /** Sessions it was fitted on. */
  fitSessions: number;
  /** Distinct keys of those sessions (recorded in the model card: `detect` counts unseen keys). */
  vocabulary: number[];
  threshold: number;
  thresholdSource: ThresholdSource;
  /** The validation sweep and the metrics at the chosen threshold. */
  choice: ThresholdChoice;
  validationScores: Float64Array;
  /** The model's own threshold from its paper, or null. */
  intrinsicThreshold: number | null;
}

/** A fitted detector of any registered model; `r.model === "deeplog"` narrows `r.detector` to `DeepLog`. */
export type AnyFittedDetector = { [N in ModelName]: FittedDetector<N> }[ModelName];

/** Options of {@link fitDetector}. */
export interface FitDetectorOptions {
  /** Seed of every random choice of the model. */
  seed: number;
  /** Default `auto` (max F1 when validation holds anomalies; see {@link DetectionThresholdPolicy}). */
  threshold?: DetectionThresholdPolicy;
  /** Initial key-embedding vectors for token-level inputs (models without a key embedding ignore them). */
  keyVectors?: KeyVectors;
}

/**
 * Creates a registered model, fits it on its fit set of the training part (the one rule,
 * {@link fitSetOf}), scores the validation part and chooses the threshold there. Never sees test
 * data. Returns the fitted detector: the caller disposes it (`result.detector.dispose()`).
 *
 * @example
 * const f = await fitDetector({ model: "pca" }, { train, validation }, { seed: 42 });
 * const scores = await f.detector.score(test);
 */
export async function fitDetector<N extends ModelName>(spec: ExperimentModel<N>, data: { train: LabelledSessions; validation: LabelledSessions }, o: FitDetectorOptions): Promise<FittedDetector<N>> {
  const entry = modelEntry(spec.model);
  const fitSet = fitSetOf(spec);
  const fitData = fitSessions(fitSet, data.train);
  if (fitData.sequences.length === 0) throw new Error(`${labelOf(spec)}: no training sessions in its fit set ("${fitSet}")`);
  const params = { ...entry.defaults, ...(spec.params ?? {}) } as ParamsOf<N>;
  const detector = createDetector(spec.model as N, (spec.params ?? {}) as Partial<ParamsOf<N>>, { rng: new Rng(o.seed), keyVectors: o.keyVectors });
  const generic = detector as Detector<SessionSet>;
  try {
    const t0 = performance.now();
    const fit = (await generic.fit(fitData, data.validation)) as FitReportOf<N>;
    const fitSeconds = (performance.now() - t0) / 1000;
    const validationScores = await generic.score(data.validation);
    const t = await chooseDetectorThreshold(generic, data.validation, validationScores, o.threshold ?? { kind: "auto" });
    return {
      label: labelOf(spec),
      model: spec.model as N,
      family: entry.family,
      supervision: entry.supervision,
      fitSet,
      params,
      detector,
      fit,
      fitSeconds,
      fitSessions: fitData.sequences.length,
      vocabulary: [...new Set(fitData.sequences.flatMap((s) => [...s]))].sort((a, b) => a - b),
      threshold: t.threshold,
      thresholdSource: t.source,
      choice: t.choice,
      validationScores,
      intrinsicThreshold: generic.intrinsicThreshold?.() ?? null,
    };
  } catch (err) {
    generic.dispose();
    throw err;
  }
}
