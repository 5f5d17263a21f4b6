import { describe, expect, it } from "vitest";
import { balancedClassWeights, smote } from "../../../lib/models/classic/smote.js";
import { Rng } from "../../../lib/runtime/rng.js";

describe("smote", () => {
  // Moved from test/models/classic/cores.test.ts.
  it("SMOTE balances classes with points on segments between same-class neighbours", () => {
    const x = [[0, 0], [1, 0], [0, 1], [10, 10], [11, 10], [10, 11], [12, 12], [11, 11]];
    const y = [1, 1, 1, 0, 0, 0, 0, 0];
    const r = smote(x, y, { k: 2 }, new Rng(3));
    expect(r.added).toEqual([0, 2]);
    expect(r.y.filter((c) => c === 1).length).toBe(5);
    for (const row of r.x.slice(8)) {
      expect(row[0]! + row[1]!).toBeLessThanOrEqual(1 + 1e-12);
      expect(Math.min(row[0]!, row[1]!)).toBeGreaterThanOrEqual(0);
    }
    expect(x[0]).toEqual([0, 0]);
    expect(Array.from(balancedClassWeights([0, 0, 0, 1]))).toEqual([4 / 6, 4 / 6, 4 / 6, 2]);
  });

  it("originals come first and unchanged; with k = 1 a new point lies between a row and its nearest neighbour", () => {
    // Minority rows at 0 and 10 on a line (each the other's only neighbour), majority far away.
    const x = [[0], [10], [100], [101], [102], [103]];
    const y = [1, 1, 0, 0, 0, 0];
    const r = smote(x, y, { k: 1 }, new Rng(1));
    expect(r.x.slice(0, 6).map((v) => Array.from(v))).toEqual(x);
    expect(Array.from(r.y)).toEqual([1, 1, 0, 0, 0, 0, 1, 1]);
    for (const v of r.x.slice(6)) {
      expect(v[0]).toBeGreaterThanOrEqual(0);
      expect(v[0]).toBeLessThanOrEqual(10);
    }
  });

  it("ratio brings minorities to that share of the majority; a single-row class is duplicated", () => {
    const x = [[0], [1], [2], [3], [4], [5], [6], [7], [50]];
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 1];
    const r = smote(x, y, { ratio: 0.5 }, new Rng(2));
    expect(r.added).toEqual([0, 3]);
    for (const v of r.x.slice(9)) expect(Array.from(v)).toEqual([50]);
  });

  it("same seed, same rows", () => {
    const x = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6], [6, 6]];
    const y = [1, 1, 1, 0, 0, 0, 0];
    expect(smote(x, y, {}, new Rng(7)).x).toEqual(smote(x, y, {}, new Rng(7)).x);
    expect(smote(x, y, {}, new Rng(7)).x).not.toEqual(smote(x, y, {}, new Rng(8)).x);
  });

  it("checks k and ratio", () => {
    expect(() => smote([[0], [1]], [0, 1], { k: 0 }, new Rng(1))).toThrow("smote: k must be an integer >= 1, got 0");
    expect(() => smote([[0], [1]], [0, 1], { ratio: 1.5 }, new Rng(1))).toThrow("smote: ratio must be in (0, 1], got 1.5");
  });
});

describe("balancedClassWeights", () => {
  it("n / (K · n_c) per row; nClasses counts classes with no rows", () => {
    expect(Array.from(balancedClassWeights([0, 1, 1, 1]))).toEqual([2, 2 / 3, 2 / 3, 2 / 3]);
    expect(Array.from(balancedClassWeights([0, 1], 4))).toEqual([0.5, 0.5]);
  });
});
