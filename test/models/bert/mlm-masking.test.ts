import { describe, expect, it } from "vitest";
import { coveringMaskPasses, randomMaskPositions } from "../../../lib/models/bert/mlm-masking.js";
import { Rng } from "../../../lib/runtime/rng.js";

describe("MLM masking", () => {
  it("randomMaskPositions: about the ratio, at least one, ascending, seeded", () => {
    let masked = 0;
    const rng = new Rng(1);
    for (let i = 0; i < 500; i++) {
      const p = randomMaskPositions(20, 0.5, rng);
      expect(p.length).toBeGreaterThanOrEqual(1);
      expect([...p].sort((a, b) => a - b)).toEqual(p);
      masked += p.length;
    }
    expect(masked / (500 * 20)).toBeGreaterThan(0.45);
    expect(masked / (500 * 20)).toBeLessThan(0.55);
    expect(randomMaskPositions(3, 0, new Rng(2))).toHaveLength(1);
    expect(randomMaskPositions(0, 0.5, new Rng(2))).toEqual([]);
    expect(randomMaskPositions(30, 0.5, new Rng(9))).toEqual(randomMaskPositions(30, 0.5, new Rng(9)));
  });

  it("coveringMaskPasses: each pass masks ⌈ratio·n⌉ positions, together they cover all; seeded", () => {
    for (const [n, ratio] of [[1, 0.65], [2, 0.65], [3, 0.5], [10, 0.65], [21, 0.5], [7, 0.15]] as const) {
      const passes = coveringMaskPasses(n, ratio, new Rng(n));
      const m = Math.ceil(ratio * n);
      expect(passes.length).toBe(Math.ceil(n / m));
      expect(passes.length).toBeLessThanOrEqual(Math.ceil(1 / ratio));
      for (const p of passes) expect(p.length).toBe(m);
      expect(new Set(passes.flat()).size).toBe(n);
    }
    expect(coveringMaskPasses(12, 0.65, new Rng(4))).toEqual(coveringMaskPasses(12, 0.65, new Rng(4)));
    expect(coveringMaskPasses(0, 0.5, new Rng(4))).toEqual([]);
    expect(() => coveringMaskPasses(3, 0, new Rng(4))).toThrow("ratio must be in (0, 1]");
  });
});
