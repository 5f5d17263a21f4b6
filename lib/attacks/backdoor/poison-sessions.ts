/**
 * Clean-label poisoning of a normal training set (Cheng, Xu, Yuan, WWW'25 companion): a share
 * `ratio` of the sessions longer than `minLength` (drawn seeded) get [H, P, T] triggers every
 * `every` keys ({@link insertTrainingTriggers}); the others are kept as they are.
 */
import type { Rng } from "../../runtime/rng.js";
import { insertTrainingTriggers, type TriggeredSession } from "./insert-trigger.js";
import type { BackdoorTrigger } from "./trigger.js";

/** How the training set is poisoned. */
export interface PoisonOptions {
  /** Share of the eligible sessions (longer than `minLength`) that get triggers, in [0, 1]. */
  ratio: number;
  /** Only sessions with more than this many keys are poisoned. */
  minLength: number;
  /** One trigger after every position i with i % every == 0 (the public code: 50). */
  every: number;
}

export const POISON_DEFAULTS: PoisonOptions = { ratio: 0.1, minLength: 10, every: 50 };

/** The poisoned training set: every session (triggered or not) in the input order. */
export interface PoisonedSet {
  sessions: TriggeredSession[];
  /** Indices (into the input) of the sessions that got triggers. */
  poisoned: number[];
  /** Sessions that could have been poisoned (longer than minLength). */
  eligible: number;
}

export function poisonSessions(sessions: readonly (readonly number[])[], trigger: BackdoorTrigger, options: PoisonOptions, rng: Rng): PoisonedSet {
  const { ratio, minLength, every } = options;
  if (!(ratio >= 0 && ratio <= 1)) throw new Error(`poisoning ratio must be in [0, 1], got ${ratio}`);
  const eligible = sessions.flatMap((s, i) => (s.length > minLength ? [i] : []));
  const count = Math.round(ratio * eligible.length);
  const chosen = new Set(Array.from(rng.fork("poison-choice").sampleIndices(eligible.length, count), (j) => eligible[j]!));
  const fill = rng.fork("poison-placeholders");
  const out = sessions.map((s, i) => (chosen.has(i) ? insertTrainingTriggers(s, trigger, every, fill) : { sequence: [...s], spans: [] }));
  return { sessions: out, poisoned: [...chosen].sort((a, b) => a - b), eligible: eligible.length };
}
