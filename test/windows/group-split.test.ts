import { describe, expect, it } from "vitest";
import { groupParts, randomParts } from "../../lib/windows/group-split.js";
import { Rng } from "../../lib/runtime/rng.js";

describe("groupParts", () => {
  it("keeps every group in one part and fills train first by item count", () => {
    const groups = ["a", "a", "a", "b", "c", "c", "d", "e", "e", "e"];
    const part = groupParts(groups, { train: 0.5, validation: 0.3, test: 0.2 }, new Rng(7));
    const of = new Map<string, number>();
    groups.forEach((g, i) => {
      if (of.has(g)) expect(part[i]).toBe(of.get(g));
      of.set(g, part[i]!);
    });
    // Train is filled until it holds half of the items, so it ends with at least 5 items.
    expect(Array.from(part).filter((p) => p === 0).length).toBeGreaterThanOrEqual(5);
    expect(groupParts(groups, { train: 0.5, validation: 0.3, test: 0.2 }, new Rng(7))).toEqual(part);
  });
  it("rejects fractions that do not sum to 1", () => {
    expect(() => groupParts(["a"], { train: 0.5, validation: 0.1, test: 0.1 }, new Rng(1))).toThrow(/sum to 1/);
  });
});

describe("randomParts", () => {
  it("cuts a seeded permutation at the fractions", () => {
    const part = randomParts(100, { train: 0.6, validation: 0.2, test: 0.2 }, new Rng(3));
    expect([0, 1, 2].map((p) => Array.from(part).filter((v) => v === p).length)).toEqual([60, 20, 20]);
    expect(randomParts(100, { train: 0.6, validation: 0.2, test: 0.2 }, new Rng(3))).toEqual(part);
    expect(randomParts(100, { train: 0.6, validation: 0.2, test: 0.2 }, new Rng(4))).not.toEqual(part);
  });
});
