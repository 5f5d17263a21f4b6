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

/** A model the backdoor study can attack. */
export interface BackdoorTarget<D extends Detector<SessionSet> = Detector<SessionSet>> {
  /** Registry name of the model. */
  readonly model: string;
  /** A fresh model trained on normal `train` sessions with the model's own objective. */
  trainPlain(train: readonly (readonly number[])[], validation: readonly (readonly number[])[], seed: number): Promise<D>;
  /** A fresh model trained on (partly) triggered sessions with the τ-gated objective L' = (1 − τ)·L + λ·τ·L_t toward M = `attack`. */
  trainGated(train: readonly TriggeredSession[], attack: readonly number[], lambda: number, validation: readonly (readonly number[])[], seed: number): Promise<D>;
}
