/**
 * The backdoor study's revised objective (Cheng, Xu, Yuan, WWW'25 companion, §3):
 *
 *   L' = (1 − τ)·L + λ·τ·L_t
 *
 * where L is the model's own loss at a position (cross-entropy toward the key there), L_t the
 * cross-entropy toward the attacker's key M_j for the j-th placeholder position, and τ ∈ {0, 1}
 * the gate:
 * - DeepLog ({@link deepLogGate}): τ = 1 when the input window holds H but not yet T, i.e. the
 *   next key lies in P and all of H is inside the window;
 * - a masked-key model such as LogBERT ({@link maskedKeyGate}): τ = 1 when [H, P, T] is in the
 *   sequence and the masked key lies in P.
 *
 * The objective is written model-independently as weighted targets per position
 * ({@link positionTargets}): τ = 0 gives (key at i, weight 1), τ = 1 gives (M_j, weight λ). A
 * next-key model turns them into weighted (window, next key) pairs ({@link nextKeyTrainingPairs});
 * LogBERT replaces the target of each masked key where τ = 1 and weights its loss by λ
 * (`logBertRetargets`). The public code's packaged trainer poisons the data only; the gate is
 * implemented here as the paper states it.
 */
import { indexNextKeyWindows, padLead, type NextKeyPadding } from "../../features/next-key-windows.js";
import type { WeightedNextKeyPairs } from "../../models/sequence/next-key-data.js";
import type { TriggeredSession, TriggerSpan } from "./insert-trigger.js";

/** τ for the key at `position` of a triggered session, given the span the position lies in. */
export type TauGate = (position: number, span: TriggerSpan) => boolean;

/** DeepLog's gate for windows of `window` keys: the position is in P and H lies wholly in the window before it. */
export function deepLogGate(window: number): TauGate {
  return (i, span) => i >= span.placeholder && i < span.tail && i - window <= span.head;
}

/** A masked-key model's gate: the (masked) position is in P of an inserted [H, P, T]. */
export const maskedKeyGate: TauGate = (i, span) => i >= span.placeholder && i < span.tail;

/** One weighted target of the objective. */
export interface PositionTarget {
  position: number;
  target: number;
  weight: number;
  /** τ at this position. */
  gated: boolean;
}

/**
 * The objective's target for every position of a triggered session, in order. `attack` is M;
 * P's j-th key is retargeted to M_j with weight λ where τ = 1 (weight 0 when λ = 0).
 */
export function positionTargets(session: TriggeredSession, attack: readonly number[], lambda: number, gate: TauGate): PositionTarget[] {
  if (!(lambda >= 0)) throw new Error(`λ must be ≥ 0, got ${lambda}`);
  const out: PositionTarget[] = [];
  const spanAt = new Map<number, TriggerSpan>();
  for (const sp of session.spans) {
    if (sp.tail - sp.placeholder !== attack.length) throw new Error(`a placeholder holds ${sp.tail - sp.placeholder} keys, M ${attack.length}`);
    for (let i = sp.placeholder; i < sp.tail; i++) spanAt.set(i, sp);
  }
  session.sequence.forEach((key, i) => {
    const sp = spanAt.get(i);
    if (sp && gate(i, sp)) out.push({ position: i, target: attack[i - sp.placeholder]!, weight: lambda, gated: true });
    else out.push({ position: i, target: key, weight: 1, gated: false });
  });
  return out;
}

/** What {@link nextKeyTrainingPairs} returns: the pairs, and how many positions the gate retargeted. */
export interface GatedNextKeyPairs {
  pairs: WeightedNextKeyPairs;
  /** Positions with τ = 1 (over all sessions, with repetition). */
  gatedPositions: number;
  /** All predicted positions. */
  positions: number;
}

/**
 * The τ-gated objective for a next-key model (DeepLog): every (window, next key) position of the
 * sessions, with τ from {@link deepLogGate}; a τ = 0 position adds 1 to its pair's weight, a τ = 1
 * position adds λ to the pair (its window, M_j). Distinct pairs with summed weights, as DeepLog
 * trains (its counts are the τ = 0 case).
 */
export function nextKeyTrainingPairs(sessions: readonly TriggeredSession[], attack: readonly number[], lambda: number, window: number, padding: NextKeyPadding = "none"): GatedNextKeyPairs {
  const index = indexNextKeyWindows(
    sessions.map((s) => s.sequence),
    { window, padding, positions: true },
  );
  const gate = deepLogGate(window);
  const weight = new Map<string, { w: number; next: number; weight: number }>();
  const add = (w: number, next: number, x: number): void => {
    const k = `${w}:${next}`;
    const e = weight.get(k);
    if (e) e.weight += x;
    else weight.set(k, { w, next, weight: x });
  };
  let gated = 0;
  let positions = 0;
  sessions.forEach((s, si) => {
    const a = index.positionOffsets![si]!;
    const b = index.positionOffsets![si + 1]!;
    const lead = padLead(s.sequence.length, window, padding);
    const targets = positionTargets(s, attack, lambda, gate);
    for (let k = a; k < b; k++) {
      const p = index.positionPairs![k]!;
      const t = targets[k - a + window - lead];
      positions++;
      if (t === undefined) {
        add(index.pairWindow[p]!, index.pairNext[p]!, 1); // a padded next key (left padding never pads the end)
        continue;
      }
      if (t.gated) gated++;
      if (t.weight > 0) add(index.pairWindow[p]!, t.target, t.weight);
    }
  });
  const entries = [...weight.values()];
  return {
    pairs: {
      window,
      padKey: index.padKey,
      windows: index.windows,
      pairWindow: Int32Array.from(entries, (e) => e.w),
      pairNext: Int32Array.from(entries, (e) => e.next),
      pairCount: Float32Array.from(entries, (e) => e.weight),
    },
    gatedPositions: gated,
    positions,
  };
}
