import { describe, expect, it } from "vitest";
import { chooseThreshold } from "../../lib/eval/choose-threshold.js";

describe("chooseThreshold (validation only)", () => {
  const y = [0, 0, 0, 1, 1];
  const s = [0.1, 0.2, 0.6, 0.5, 0.9];
  it("max-f1 picks the best F1, ties to the higher threshold", () => {
    // t=0.2 flags {0.5, 0.6, 0.9}: P 2/3 R 1 F1 0.8; t=0.6 flags {0.9}: F1 2/3; t=0.5 flags {0.6,0.9}: F1 0.5.
    const c = chooseThreshold(y, s, { kind: "max-f1" });
    expect(c.threshold).toBe(0.2);
    expect(c.validation!.f1).toBeCloseTo(0.8, 12);
    expect(c.curve.length).toBe(6);
    const tie = chooseThreshold([1, 1], [0.3, 0.3], { kind: "max-f1" });
    // "flag all" comes back as a finite threshold below every score (model cards store it as JSON)
    expect(Number.isFinite(tie.threshold)).toBe(true);
    expect(tie.threshold).toBeLessThan(0.3);
    expect(tie.threshold).toBeGreaterThan(0.29);
    expect(tie.validation).toMatchObject({ tp: 2, fn: 0 });
  });
  it("max-fpr picks the lowest threshold within the FPR budget (normal-only validation works)", () => {
    expect(chooseThreshold(y, s, { kind: "max-fpr", fpr: 0 }).threshold).toBe(0.6);
    expect(chooseThreshold(y, s, { kind: "max-fpr", fpr: 1 / 3 }).threshold).toBe(0.2);
    expect(chooseThreshold([0, 0, 0, 0], [1, 2, 3, 4], { kind: "max-fpr", fpr: 0.25 }).threshold).toBe(3);
  });
  it("fixed keeps the value and reports the metrics there", () => {
    const c = chooseThreshold(y, s, { kind: "fixed", threshold: 0.55 });
    expect(c.threshold).toBe(0.55);
    expect(c.validation).toMatchObject({ threshold: 0.5, tp: 1, fp: 1 });
  });
  it("errors: max-f1 without anomalies, empty validation, bad fpr", () => {
    expect(() => chooseThreshold([0, 0], [1, 2], { kind: "max-f1" })).toThrow(/no anomalies/);
    expect(() => chooseThreshold([], [], { kind: "max-f1" })).toThrow(/no validation/);
    expect(() => chooseThreshold(y, s, { kind: "max-fpr", fpr: 2 })).toThrow(/fpr/);
  });
});
