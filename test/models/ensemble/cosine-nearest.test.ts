import { describe, expect, it } from "vitest";
import { CosineBank, upperQuantileCutoff } from "../../../lib/models/ensemble/cosine-nearest.js";

describe("cosine distance to the nearest bank vector", () => {
  const bank = new CosineBank([[1, 0], [0, 2]], 2);
  it("is 0 for a vector parallel to a bank vector, whatever its length", () => {
    expect(bank.nearestDistance([5, 0])).toBeCloseTo(0, 6);
    expect(bank.nearestDistance([0, 0.1])).toBeCloseTo(0, 6);
  });
  it("measures the angle to the nearest one", () => {
    expect(bank.nearestDistance([1, 1])).toBeCloseTo(1 - Math.SQRT1_2, 6);
    expect(bank.nearestDistance([-1, 0])).toBeCloseTo(1, 6); // orthogonal to [0, 2], opposite to [1, 0]
    expect(bank.nearestDistance([-1, -1])).toBeCloseTo(1 + Math.SQRT1_2, 6);
  });
  it("rejects a query of the wrong size", () => {
    expect(() => bank.nearestDistance([1, 2, 3])).toThrow(/3 values/);
  });
});

describe("upperQuantileCutoff", () => {
  const v = [0.5, 0.1, 0.4, 0.2, 0.3, 0.6, 0.7, 0.8, 0.9, 1.0];
  it("lets at most the given share lie above", () => {
    expect(upperQuantileCutoff(v, 0)).toBe(1.0);
    expect(upperQuantileCutoff(v, 0.1)).toBe(0.9);
    expect(upperQuantileCutoff(v, 0.25)).toBe(0.8); // 2 of 10 above, not 3
    expect(upperQuantileCutoff([0.2], 0.01)).toBe(0.2);
  });
  it("refuses no values", () => expect(() => upperQuantileCutoff([], 0.1)).toThrow(/no values/));
});
