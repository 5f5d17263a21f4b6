/**
 * The backdoor trigger [H, P, T] of Cheng, Xu, Yuan, "Backdoor Attack against Log Anomaly
 * Detection Models" (WWW'25 companion, §3): H and T are fixed short sequences of *normal* keys
 * drawn from a key bank; P is a placeholder of K keys, filled with normal keys of the same session
 * in training (clean-label: the poisoned data hold only normal keys) and with the attacker's
 * abnormal sequence M at attack time.
 */
import type { Rng } from "../../runtime/rng.js";

/** A trigger: head H, tail T, and the attacker's sequence M that fills the placeholder at attack time. */
export interface BackdoorTrigger {
  head: number[];
  tail: number[];
  /** M: the abnormal key sequence the backdoor should let through (K = M.length keys). */
  attack: number[];
}

/**
 * The key bank: the keys of normal training sessions occurring in at least `minSessions` of
 * them, ascending. Triggers built from it are made of normal keys only.
 */
export function keyBank(normalSessions: readonly (readonly number[])[], minSessions = 1): number[] {
  const sessionsWith = new Map<number, number>();
  for (const s of normalSessions) for (const k of new Set(s)) sessionsWith.set(k, (sessionsWith.get(k) ?? 0) + 1);
  return [...sessionsWith].filter(([, n]) => n >= minSessions).map(([k]) => k).sort((a, b) => a - b);
}

/**
 * The attacker's M: `length` consecutive keys of one abnormal session, drawn (seeded) among the
 * windows holding at least one key outside `normalKeys` (a sequence a benign model flags) and at
 * least two distinct keys, else among the windows with an outside key, else among all windows.
 * Sessions shorter than `length` are skipped. Why two distinct keys: an M that repeats one key
 * (BGL's abnormal sessions hold long runs of one key) teaches the backdoored model "this key
 * follows itself", so M passes without H and T too and the control measures nothing.
 */
export function chooseAttackSequence(abnormalSessions: readonly (readonly number[])[], normalKeys: readonly number[], length: number, rng: Rng): number[] {
  if (!Number.isInteger(length) || length < 1) throw new Error(`attack sequence length must be an integer ≥ 1, got ${length}`);
  const normal = new Set(normalKeys);
  const all: [number, number][] = [];
  const abnormal: [number, number][] = [];
  const varied: [number, number][] = [];
  abnormalSessions.forEach((s, i) => {
    for (let a = 0; a + length <= s.length; a++) {
      all.push([i, a]);
      const w = s.slice(a, a + length);
      if (!w.some((k) => !normal.has(k))) continue;
      abnormal.push([i, a]);
      if (new Set(w).size >= Math.min(2, length)) varied.push([i, a]);
    }
  });
  const pool = varied.length > 0 ? varied : abnormal.length > 0 ? abnormal : all;
  if (pool.length === 0) throw new Error(`no abnormal session holds ${length} keys for the attack sequence`);
  const [i, a] = rng.pick(pool);
  return abnormalSessions[i]!.slice(a, a + length);
}

/**
 * A trigger with H and T of `length` keys each, drawn without repetition (seeded) from `bank`
 * (so H and T share no key), around the attacker's `attack` sequence.
 */
export function chooseTrigger(bank: readonly number[], length: number, attack: readonly number[], rng: Rng): BackdoorTrigger {
  if (!Number.isInteger(length) || length < 1) throw new Error(`trigger length must be an integer ≥ 1, got ${length}`);
  if (bank.length < 2 * length) throw new Error(`the key bank holds ${bank.length} keys; a trigger of length ${length} needs ${2 * length}`);
  if (attack.length < 1) throw new Error("the attack sequence M is empty");
  const picked = rng.sampleIndices(bank.length, 2 * length);
  const keys = Array.from(picked, (i) => bank[i]!);
  return { head: keys.slice(0, length), tail: keys.slice(length), attack: [...attack] };
}
