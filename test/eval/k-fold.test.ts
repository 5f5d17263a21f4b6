import { describe, expect, it } from "vitest";
import { groupKFold, kFold } from "../../lib/eval/k-fold.js";
import { Rng } from "../../lib/runtime/rng.js";

describe("kFold / groupKFold", () => {
  it("partitions the items: each in exactly one test fold, never in its own training part", () => {
    const folds = kFold(23, 5, new Rng(1));
    const seen = new Array(23).fill(0);
    for (const f of folds) {
      for (const i of f.test) seen[i]++;
      expect(f.train.length + f.test.length).toBe(23);
      expect([...f.test].some((i) => f.train.includes(i))).toBe(false);
    }
    expect(seen.every((c) => c === 1)).toBe(true);
  });
  it("stratifies by label and is deterministic per seed", () => {
    const y = Array.from({ length: 30 }, (_, i) => (i < 10 ? 1 : 0));
    for (const f of kFold(30, 5, new Rng(2), y)) expect([...f.test].filter((i) => y[i] === 1).length).toBe(2);
    expect(kFold(30, 5, new Rng(3), y)).toEqual(kFold(30, 5, new Rng(3), y));
  });
  it("keeps every group in one fold", () => {
    const groups = ["a", "a", "b", "c", "c", "c", "d", "e"];
    const folds = groupKFold(groups, 3, new Rng(4));
    for (const f of folds) {
      const testGroups = new Set([...f.test].map((i) => groups[i]));
      for (const i of f.train) expect(testGroups.has(groups[i]!)).toBe(false);
    }
    expect(() => groupKFold(["a", "a"], 2, new Rng(1))).toThrow(/groups/);
  });
});
