/**
 * What the attack needs from a model: train it with its own objective (the benign model, and
 * plain data poisoning), and train it with the τ-gated objective on triggered sessions. The
 * models come from the registry; a target wraps their training, it does not fork them.
 * DeepLog's target is {@link deepLogBackdoorTarget}; LogBERT's ({@link logBertBackdoorTarget})
 * replaces the target of each masked key inside the placeholder ({@link positionTargets} with
 * {@link maskedKeyGate}).
 */
import type { Detector, SessionSet } from "../../models/detector.js";
import type { TriggeredSession } from "./insert-trigger.js";

/**
 * Clean validation sessions (the defender's): the normals drive early stopping; with anomalies too,
 * a model may choose its g there (DeepLog's and LogBERT's `topGChoice: "validation"`).
 */
export interface BackdoorValidation {
  normal: readonly (readonly number[])[];
  abnormal: readonly (readonly number[])[];
}

/** The validation as a labelled session set (undefined when empty). */
export function validationSet(v: BackdoorValidation): SessionSet | undefined {
  if (v.normal.length + v.abnormal.length === 0) return undefined;
  return { sequences: [...v.normal, ...v.abnormal], labels: Uint8Array.from([...v.normal.map(() => 0), ...v.abnormal.map(() => 1)]) };
}

/** Sessions as a set labelled all normal (what the study trains on: the attack is clean-label). */
export function normalSessionSet(sequences: readonly (readonly number[])[]): SessionSet {
  return { sequences, labels: new Uint8Array(sequences.length) };
}

/** `trainPlain` for a registry model: a fresh model (seeded) fitted on the sessions with its own objective. */
export function plainTraining<D extends Detector<SessionSet>>(create: (seed: number) => D): BackdoorTarget<D>["trainPlain"] {
  return async (train, validation, seed) => {
    const d = create(seed);
    await d.fit(normalSessionSet(train), validationSet(validation));
    return d;
  };
}

/** A model the backdoor study can attack. */
export interface BackdoorTarget<D extends Detector<SessionSet> = Detector<SessionSet>> {
  /** Registry name of the model. */
  readonly model: string;
  /** A fresh model trained on normal `train` sessions with the model's own objective. */
  trainPlain(train: readonly (readonly number[])[], validation: BackdoorValidation, seed: number): Promise<D>;
  /** A fresh model trained on (partly) triggered sessions with the τ-gated objective L' = (1 − τ)·L + λ·τ·L_t toward M = `attack`. */
  trainGated(train: readonly TriggeredSession[], attack: readonly number[], lambda: number, validation: BackdoorValidation, seed: number): Promise<D>;
}
