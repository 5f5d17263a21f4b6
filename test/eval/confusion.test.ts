import { describe, expect, it } from "vitest";
import { binaryConfusionMatrix, binaryMetrics, confusion, decide, evaluateAt } from "../../lib/eval/confusion.js";

describe("confusion / binaryMetrics (hand-computed)", () => {
  it("counts TP, FP, FN, TN and derives P/R/F1/FPR/accuracy", () => {
    const c = confusion([1, 0, 1, 1, 0], [1, 1, 0, 1, 0]);
    expect(c).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    const m = binaryMetrics(c);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.fpr).toBeCloseTo(1 / 2, 12);
    expect(m.accuracy).toBeCloseTo(3 / 5, 12);
  });
  it("zero denominators give 0, not NaN", () => {
    const m = binaryMetrics({ tp: 0, fp: 0, tn: 3, fn: 2 });
    expect([m.precision, m.recall, m.f1, m.fpr]).toEqual([0, 0, 0, 0]);
  });
  it("decides anomalous strictly above the threshold", () => {
    expect(Array.from(decide([0.5, 0.6, 0.4], 0.5))).toEqual([0, 1, 0]);
    expect(evaluateAt([1, 0, 1], [0.9, 0.5, 0.5], 0.5)).toMatchObject({ tp: 1, fn: 1, fp: 0, tn: 1 });
  });
  it("rejects mismatched lengths", () => {
    expect(() => confusion([1, 0], [1])).toThrow(/2 labels but 1/);
  });
});

describe("binaryConfusionMatrix", () => {
  it("rows true normal / anomalous, columns predicted normal / anomalous", () => {
    expect(binaryConfusionMatrix({ tp: 4, fp: 3, tn: 2, fn: 1 })).toEqual([
      [2, 3],
      [1, 4],
    ]);
  });
});
