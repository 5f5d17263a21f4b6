import { createDetector } from "../../models/registry.js";
import type { DeepLog, DeepLogParams } from "../../models/sequence/deeplog.js";
import { Rng } from "../../runtime/rng.js";
import { normalSessionSet, plainTraining, validationSet, type BackdoorTarget } from "./backdoor-target.js";
import { nextKeyTrainingPairs } from "./tau-gated-objective.js";

/**
 * DeepLog as a backdoor target: the registry's DeepLog, trained on the τ-gated objective through
 * its weighted-pairs hook (`DeepLog.fit(…, { trainingPairs })`): every (window, next key) position
 * of the triggered sessions, with positions in P (H in the window, T not yet) retargeted to M's
 * keys with weight λ.
 */
export function deepLogBackdoorTarget(params: Partial<DeepLogParams>): BackdoorTarget<DeepLog> {
  const create = (seed: number): DeepLog => createDetector("deeplog", params, { rng: new Rng(seed) }, "deeplog parameters");
  return {
    model: "deeplog",
    trainPlain: plainTraining(create),
    async trainGated(train, attack, lambda, validation, seed) {
      const d = create(seed);
      const { pairs } = nextKeyTrainingPairs(train, attack, lambda, d.params.window, d.windowPadding(true));
      await d.fit(
        normalSessionSet(train.map((s) => s.sequence)),
        validationSet(validation),
        { trainingPairs: pairs },
      );
      return d;
    },
  };
}
