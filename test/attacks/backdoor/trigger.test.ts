import { describe, expect, it } from "vitest";
import { chooseAttackSequence, chooseTrigger, keyBank } from "../../../lib/attacks/backdoor/trigger.js";
import { Rng } from "../../../lib/runtime/rng.js";

describe("keyBank", () => {
  it("the keys of normal sessions seen in at least minSessions of them, ascending", () => {
    const sessions = [[5, 1, 1], [1, 7], [7, 9, 1]];
    expect(keyBank(sessions)).toEqual([1, 5, 7, 9]);
    expect(keyBank(sessions, 2)).toEqual([1, 7]);
  });
});

describe("chooseTrigger", () => {
  it("draws H and T of the given length from the bank, sharing no key, the same for the same seed", () => {
    const bank = [1, 2, 3, 4, 5, 6, 7, 8];
    const t = chooseTrigger(bank, 3, [90, 91], new Rng(4));
    expect(t.head).toHaveLength(3);
    expect(t.tail).toHaveLength(3);
    expect(new Set([...t.head, ...t.tail]).size).toBe(6);
    for (const k of [...t.head, ...t.tail]) expect(bank).toContain(k);
    expect(t.attack).toEqual([90, 91]);
    expect(chooseTrigger(bank, 3, [90, 91], new Rng(4))).toEqual(t);
  });

  it("refuses a bank too small or an empty M", () => {
    expect(() => chooseTrigger([1, 2, 3], 2, [9], new Rng(1))).toThrow(/key bank holds 3 keys/);
    expect(() => chooseTrigger([1, 2, 3, 4], 2, [], new Rng(1))).toThrow(/empty/);
  });
});

describe("chooseAttackSequence", () => {
  it("prefers windows with two distinct keys (an M repeating one key would pass without the trigger)", () => {
    const abnormal = [[99, 99, 99, 99, 1, 99]];
    for (let seed = 0; seed < 10; seed++) {
      const m = chooseAttackSequence(abnormal, [1], 3, new Rng(seed));
      expect(m).toContain(99);
      expect(new Set(m).size).toBe(2);
    }
    expect(chooseAttackSequence([[99, 99, 99]], [1], 3, new Rng(1))).toEqual([99, 99, 99]); // no varied window: any with an outside key
  });

  it("takes consecutive keys of an abnormal session that hold a key outside the normal keys", () => {
    const abnormal = [[1, 2, 3, 4], [1, 2, 1, 2, 99, 1]];
    for (let seed = 0; seed < 10; seed++) {
      const m = chooseAttackSequence(abnormal, [1, 2, 3, 4], 3, new Rng(seed));
      expect(m).toHaveLength(3);
      expect(m).toContain(99);
    }
  });

  it("falls back to any window when no abnormal key exists, and fails when no session is long enough", () => {
    expect(chooseAttackSequence([[1, 2, 3]], [1, 2, 3], 3, new Rng(1))).toEqual([1, 2, 3]);
    expect(() => chooseAttackSequence([[1, 2]], [1], 3, new Rng(1))).toThrow(/3 keys/);
  });
});
