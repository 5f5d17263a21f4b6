import type { FitSet } from "../../models/define-entry.js";
import type { SessionSet } from "../../models/detector.js";
import { modelEntry, type ModelName, type ModelSpec } from "../../models/registry.js";
import { normalSubset } from "../../models/sequence/session-subsets.js";

/** Sessions with labels (1 = anomalous). */
export type LabelledSessions = SessionSet & { labels: Uint8Array };

/** A labelled train / validation / test split (a key-dataset split is one). */
export interface DetectionSplit {
  train: LabelledSessions;
  validation: LabelledSessions;
  test: LabelledSessions;
}

/**
 * One model of an experiment: a registry name with some of its parameters (typed by the registry:
 * a misspelt name or parameter fails to compile), a display label, and, for a non-supervised
 * model, a fit set other than its entry's (e.g. Isolation Forest on the unlabelled train part).
 *
 * @example
 * const models: ExperimentModel[] = [{ model: "pca" }, { model: "iforest", label: "iforest (unlabelled)", fitSet: "unlabelled" }];
 */
export type ExperimentModel<N extends ModelName = ModelName> = N extends ModelName ? ModelSpec<N> & { label?: string; fitSet?: FitSet } : never;

/** The label a model is shown under (default: its registry name). */
export function labelOf(spec: ExperimentModel): string {
  return spec.label ?? spec.model;
}

/**
 * The one fit-set rule: the experiment's override if given, else the registry entry's `fitSet`.
 * A supervised model always fits on the labelled training part; a non-supervised one may not.
 */
export function fitSetOf(spec: ExperimentModel): FitSet {
  const entry = modelEntry(spec.model);
  const chosen = spec.fitSet ?? entry.fitSet;
  if ((entry.supervision === "supervised") !== (chosen === "labelled")) {
    throw new Error(
      entry.supervision === "supervised"
        ? `${labelOf(spec)}: "${spec.model}" is supervised and fits on the labelled training part, not "${chosen}"`
        : `${labelOf(spec)}: "${spec.model}" is ${entry.supervision}: it fits on "normals" or "unlabelled" sessions, not "labelled"`,
    );
  }
  if (entry.supervision === "semi-supervised" && chosen !== "normals") throw new Error(`${labelOf(spec)}: "${spec.model}" is semi-supervised: it fits on normal sessions only`);
  return chosen;
}

/** The sessions a fit set takes from a labelled training part. */
export function fitSessions(fitSet: FitSet, train: LabelledSessions): SessionSet {
  if (fitSet === "labelled") return train;
  if (fitSet === "unlabelled") return { sequences: train.sequences, ...(train.severities ? { severities: train.severities } : {}) };
  return normalSubset(train);
}

/** The sessions of a labelled part as a detector reads them (labels dropped; severities kept when the part has them). */
export function unlabelledSet(part: SessionSet): SessionSet {
  return part.severities ? { sequences: part.sequences, severities: part.severities } : { sequences: part.sequences };
}
