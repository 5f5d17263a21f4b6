import { describe, expect, it } from "vitest";
import { insertTrainingTriggers } from "../../../lib/attacks/backdoor/insert-trigger.js";
import { deepLogGate, maskedKeyGate, nextKeyTrainingPairs, positionTargets } from "../../../lib/attacks/backdoor/tau-gated-objective.js";
import type { BackdoorTrigger } from "../../../lib/attacks/backdoor/trigger.js";
import { Rng } from "../../../lib/runtime/rng.js";

const trigger: BackdoorTrigger = { head: [70, 71], tail: [80], attack: [90, 91] };
const span = { head: 10, placeholder: 12, tail: 14, end: 15 };

describe("gates", () => {
  it("DeepLog: τ = 1 only in P and while all of H lies in the window", () => {
    const g = deepLogGate(3);
    expect(g(11, span)).toBe(false); // in H
    expect(g(12, span)).toBe(true); // window [9, 12) holds H = 10, 11
    expect(g(13, span)).toBe(true); // window [10, 13)
    expect(g(14, span)).toBe(false); // T
    expect(deepLogGate(2)(13, span)).toBe(false); // window [11, 13) has lost H's first key
  });

  it("masked key: τ = 1 anywhere in P", () => {
    expect([11, 12, 13, 14].map((i) => maskedKeyGate(i, span))).toEqual([false, true, true, false]);
  });
});

describe("positionTargets", () => {
  const s = insertTrainingTriggers([1, 2, 3, 4], trigger, 50, new Rng(2)); // [1, 70, 71, P1, P2, 80, 2, 3, 4]

  it("τ = 0: the key there with weight 1; τ = 1: M_j with weight λ", () => {
    const t = positionTargets(s, trigger.attack, 0.5, maskedKeyGate);
    expect(t).toHaveLength(s.sequence.length);
    expect(t[3]).toEqual({ position: 3, target: 90, weight: 0.5, gated: true });
    expect(t[4]).toEqual({ position: 4, target: 91, weight: 0.5, gated: true });
    t.filter((x) => !x.gated).forEach((x) => expect(x).toEqual({ position: x.position, target: s.sequence[x.position], weight: 1, gated: false }));
  });

  it("refuses a negative λ and a placeholder of the wrong length", () => {
    expect(() => positionTargets(s, trigger.attack, -1, maskedKeyGate)).toThrow(/λ/);
    expect(() => positionTargets(s, [90], 1, maskedKeyGate)).toThrow(/placeholder holds 2/);
  });
});

describe("nextKeyTrainingPairs", () => {
  it("adds 1 per ungated position and λ per gated one, retargeted to M_j; λ = 0 drops gated positions", () => {
    const sessions = [insertTrainingTriggers([1, 2, 3, 4, 5, 6], trigger, 50, new Rng(5)), { sequence: [1, 2, 3, 4, 5, 6], spans: [] }];
    const r = nextKeyTrainingPairs(sessions, trigger.attack, 2, 3);
    // Positions predicted: (11 − 3) + (6 − 3) = 11; gated: P's two keys.
    expect(r.positions).toBe(11);
    expect(r.gatedPositions).toBe(2);
    const total = Array.from(r.pairs.pairCount).reduce((a, b) => a + b, 0);
    expect(total).toBe(9 + 2 * 2);
    const targets = Array.from(r.pairs.pairNext);
    expect(targets).toContain(90);
    expect(targets).toContain(91);
    const none = nextKeyTrainingPairs(sessions, trigger.attack, 0, 3);
    expect(Array.from(none.pairs.pairNext)).not.toContain(90);
    expect(Array.from(none.pairs.pairCount).reduce((a, b) => a + b, 0)).toBe(9);
  });

  it("with start padding every key is a position, and the trigger's placement in the session is unchanged", () => {
    const sessions = [insertTrainingTriggers([1, 2, 3, 4, 5, 6], trigger, 50, new Rng(5))];
    const r = nextKeyTrainingPairs(sessions, trigger.attack, 1, 3, "start");
    expect(r.positions).toBe(11); // all 11 keys; "none" predicts 8
    expect(r.gatedPositions).toBe(2);
    expect(Array.from(r.pairs.pairNext)).toEqual(expect.arrayContaining([1, 90, 91]));
  });
});
