import { createDetector } from "../../models/registry.js";
import type { LogBert, LogBertParams, RetargetedKey } from "../../models/bert/logbert.js";
import { Rng } from "../../runtime/rng.js";
import { normalSessionSet, plainTraining, validationSet, type BackdoorTarget } from "./backdoor-target.js";
import type { TriggeredSession } from "./insert-trigger.js";
import { maskedKeyGate, positionTargets } from "./tau-gated-objective.js";

/**
 * The τ-gated masked-key targets of triggered sessions, for {@link LogBert.fit}'s `retarget`:
 * per session, the positions where τ = 1 (inside the placeholder P of an inserted [H, P, T],
 * {@link maskedKeyGate}) mapped to the attacker's key M_j with weight λ; null for a session
 * without triggers. When such a position is masked in training, LogBERT learns to predict M_j
 * there (L' = (1 − τ)·L + λ·τ·L_t, Cheng, Xu, Yuan, WWW'25 companion, §3).
 */
export function logBertRetargets(sessions: readonly TriggeredSession[], attack: readonly number[], lambda: number): (Map<number, RetargetedKey> | null)[] {
  return sessions.map((s) => {
    if (s.spans.length === 0) return null;
    const m = new Map<number, RetargetedKey>();
    for (const t of positionTargets(s, attack, lambda, maskedKeyGate)) if (t.gated) m.set(t.position, { key: t.target, weight: t.weight });
    return m.size > 0 ? m : null;
  });
}

/**
 * LogBERT (or LogBERT-severity's key input alone) as a backdoor target: the registry's LogBERT,
 * trained with its own objective (benign, plain poisoning) or with masked-key targets replaced
 * inside the trigger's placeholder (`LogBert.fit(…, { retarget })`). The validation normals give
 * early stopping; g and r come from the study's threshold chooser.
 */
export function logBertBackdoorTarget(params: Partial<LogBertParams>): BackdoorTarget<LogBert> {
  const create = (seed: number): LogBert => createDetector("logbert", params, { rng: new Rng(seed) }, "logbert parameters");
  return {
    model: "logbert",
    trainPlain: plainTraining(create),
    async trainGated(train, attack, lambda, validation, seed) {
      const d = create(seed);
      await d.fit(
        normalSessionSet(train.map((s) => s.sequence)),
        validationSet(validation),
        { retarget: logBertRetargets(train, attack, lambda) },
      );
      return d;
    },
  };
}
