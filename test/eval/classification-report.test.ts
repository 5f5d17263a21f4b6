import { describe, expect, it } from "vitest";
import { classificationReport } from "../../lib/eval/classification-report.js";

describe("classificationReport (hand-computed)", () => {
  it("per-class P/R/F1, macro and weighted averages, accuracy", () => {
    const r = classificationReport([0, 0, 1, 2], [0, 1, 1, 2], ["a", "b", "c"]);
    expect(r.perClass.map((c) => [c.precision, c.recall, c.support])).toEqual([
      [1, 0.5, 2],
      [0.5, 1, 1],
      [1, 1, 1],
    ]);
    expect(r.perClass[0]!.f1).toBeCloseTo(2 / 3, 12);
    expect(r.macro.f1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
    expect(r.weighted.f1).toBeCloseTo((2 * (2 / 3) + 2 / 3 + 1) / 4, 12);
    expect(r.macro.precision).toBeCloseTo(2.5 / 3, 12);
    expect(r.accuracy).toBe(0.75);
  });
  it("macro averages skip classes absent from truth and predictions, but count a missed class as 0", () => {
    const r = classificationReport([0, 1], [0, 1], ["a", "b", "never"]);
    expect(r.macro.f1).toBe(1);
    const missed = classificationReport([0, 1], [0, 0], ["a", "b"]);
    expect(missed.macro.f1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });
});
