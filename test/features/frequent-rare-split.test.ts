import { describe, expect, it } from "vitest";
import { tallyTemplates, frequentRareSplit } from "../../lib/features/frequent-rare-split.js";
import { readLoghubStructured } from "../../lib/data/loghub-2k.js";

describe("frequent/rare template split", () => {
  it("counts and splits by an occurrence threshold", () => {
    const counts = tallyTemplates(["a", "b", "a", "c", "a", "b"]);
    expect(counts).toEqual([{ template: "a", count: 3 }, { template: "b", count: 2 }, { template: "c", count: 1 }]);
    const s = frequentRareSplit(counts, 2);
    expect(s.frequent.map((c) => c.template)).toEqual(["a", "b"]);
    expect(s.rare.map((c) => c.template)).toEqual(["c"]);
    expect([s.frequentLines, s.rareLines]).toEqual([5, 1]);
    expect(() => frequentRareSplit(counts, 0)).toThrow(/threshold/);
  });
  it("finds the long tail of a real system", () => {
    const counts = tallyTemplates(readLoghubStructured("Mac").map((r) => r.eventTemplate));
    const s = frequentRareSplit(counts, 5);
    expect(s.frequent.length + s.rare.length).toBe(341);
    expect(s.rare.length).toBeGreaterThan(s.frequent.length);
    expect(s.frequentLines + s.rareLines).toBe(2000);
  });
});
