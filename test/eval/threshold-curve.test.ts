import { describe, expect, it } from "vitest";
import { thresholdCurve } from "../../lib/eval/threshold-curve.js";

describe("thresholdCurve (hand-computed)", () => {
  it("has one point per distinct score plus -Infinity, in increasing threshold order", () => {
    const c = thresholdCurve([0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8]);
    expect(c.map((p) => p.threshold)).toEqual([-Infinity, 0.1, 0.35, 0.4, 0.8]);
    expect(c.map((p) => [p.tp, p.fp])).toEqual([
      [2, 2],
      [2, 1],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
    expect(c[1]!.f1).toBeCloseTo((2 * (2 / 3) * 1) / (2 / 3 + 1), 12);
  });
  it("un-flags tied scores together", () => {
    const c = thresholdCurve([1, 0, 1], [0.5, 0.5, 0.9]);
    expect(c.map((p) => [p.threshold, p.tp, p.fp])).toEqual([
      [-Infinity, 2, 1],
      [0.5, 1, 0],
      [0.9, 0, 0],
    ]);
  });
  it("sorts infinite scores correctly (Infinity − Infinity is NaN)", () => {
    const c = thresholdCurve([1, 0, 1, 0, 1], [Infinity, 1, Infinity, 2, 3]);
    expect(c.map((p) => p.threshold)).toEqual([-Infinity, 1, 2, 3, Infinity]);
    expect(c[3]).toMatchObject({ tp: 2, fp: 0 });
  });
  it("rejects NaN scores and non-binary labels", () => {
    expect(() => thresholdCurve([0, 1], [0.1, NaN])).toThrow(/NaN/);
    expect(() => thresholdCurve([0, 2], [0.1, 0.2])).toThrow(/expected 0 or 1/);
  });
});
