import { describe, expect, it } from "vitest";
import { supportedClassReport, supportedClassRows } from "../../lib/eval/supported-class-report.js";

describe("supportedClassReport", () => {
  it("marks classes without test support instead of scoring them 0 (hand example)", () => {
    // truth a a b b, predicted a c b b: a P=1 R=.5 F1=2/3; b P=1 R=1 F1=1; c has no support (1 predicted).
    const r = supportedClassReport([0, 0, 1, 1], [0, 2, 1, 1], ["a", "b", "c"], [0, 1, 2, 2]);
    expect(r.perClass[2]).toMatchObject({ status: "no test support", f1: null, predicted: 1, trainSupport: 2 });
    expect(r.perClass[0]!.f1).toBeCloseTo(2 / 3);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 1) / 2);
    expect(r.weightedF1).toBeCloseTo((2 / 3) * 0.5 + 0.5);
    expect(r.accuracy).toBe(0.75);
    expect(r.confusion[0]).toEqual([1, 0, 1]);
    expect(supportedClassRows(r)[2]!.F1).toBe("no test support");
  });
  it("macroF1Shared averages only classes present in training too", () => {
    const r = supportedClassReport([0, 1], [0, 0], ["a", "b"], [0, 0]);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0) / 2);
    expect(r.macroF1Shared).toBeCloseTo(2 / 3);
    expect(supportedClassReport([0], [0], ["a"]).macroF1Shared).toBeNull();
  });
});
