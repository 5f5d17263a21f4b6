/**
 * Trigger insertion as the backdoor study's public code does it (Cheng, Xu, Yuan, WWW'25
 * companion): after every position i of a session with i % `every` == 0 (50 there), one trigger.
 * Training inserts [H, P, T] with P = K keys sampled from the same session (normal keys only);
 * the attack inserts [H, M, T]; the control inserts M alone (without H and T), to show that the
 * trigger, not M, is what passes.
 */
import type { Rng } from "../../runtime/rng.js";
import type { BackdoorTrigger } from "./trigger.js";

/** Where one inserted trigger lies in the new sequence (0-based, end exclusive). */
export interface TriggerSpan {
  /** First key of H. */
  head: number;
  /** First key of the placeholder (P in training, M at attack time). */
  placeholder: number;
  /** First key of T. */
  tail: number;
  /** One past the last key of T. */
  end: number;
}

/** A session with triggers inserted, and where they lie. */
export interface TriggeredSession {
  sequence: number[];
  spans: TriggerSpan[];
}

/** Insertion points: after every position i with i % every == 0, i < length. */
export function insertionPoints(length: number, every: number): number[] {
  if (!Number.isInteger(every) || every < 1) throw new Error(`trigger spacing must be an integer ≥ 1, got ${every}`);
  const out: number[] = [];
  for (let i = 0; i < length; i += every) out.push(i);
  return out;
}

function insertAfter(session: readonly number[], every: number, parts: (at: number) => { head: number[]; middle: number[]; tail: number[] }): TriggeredSession {
  const points = new Set(insertionPoints(session.length, every));
  const sequence: number[] = [];
  const spans: TriggerSpan[] = [];
  for (let i = 0; i < session.length; i++) {
    sequence.push(session[i]!);
    if (!points.has(i)) continue;
    const { head, middle, tail } = parts(i);
    const start = sequence.length;
    sequence.push(...head, ...middle, ...tail);
    spans.push({ head: start, placeholder: start + head.length, tail: start + head.length + middle.length, end: sequence.length });
  }
  return { sequence, spans };
}

/** Training insertion: [H, P, T] with P = K = |M| keys sampled (seeded, with replacement, in session order) from the session itself. */
export function insertTrainingTriggers(session: readonly number[], trigger: BackdoorTrigger, every: number, rng: Rng): TriggeredSession {
  if (session.length === 0) return { sequence: [], spans: [] };
  const K = trigger.attack.length;
  return insertAfter(session, every, () => {
    const picks = Array.from({ length: K }, () => rng.int(session.length)).sort((a, b) => a - b);
    return { head: trigger.head, middle: picks.map((p) => session[p]!), tail: trigger.tail };
  });
}

/** Attack insertion: [H, M, T] at the same points. */
export function insertAttack(session: readonly number[], trigger: BackdoorTrigger, every: number): TriggeredSession {
  return insertAfter(session, every, () => ({ head: trigger.head, middle: trigger.attack, tail: trigger.tail }));
}

/** Control insertion: M alone (no H, no T) at the same points; its spans have empty head and tail. */
export function insertControl(session: readonly number[], trigger: BackdoorTrigger, every: number): TriggeredSession {
  return insertAfter(session, every, () => ({ head: [], middle: trigger.attack, tail: [] }));
}
