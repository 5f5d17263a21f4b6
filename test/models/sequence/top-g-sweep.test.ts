import { describe, expect, it } from "vitest";
import { chooseTopG, topGSweep } from "../../../lib/models/sequence/top-g-sweep.js";

describe("topGSweep", () => {
  it("at each g a session is flagged when its worst next-key rank is above g", () => {
    // Normal sessions rank 1, 2, 3; anomalies 2 and 5.
    const pts = topGSweep([0, 0, 0, 1, 1], [1, 2, 3, 2, 5], 4);
    expect(pts.map((p) => [p.g, p.tp, p.fp, p.tn, p.fn])).toEqual([
      [1, 2, 2, 1, 0],
      [2, 1, 1, 2, 1],
      [3, 1, 0, 3, 1],
      [4, 1, 0, 3, 1],
    ]);
    expect(pts[0]!.recall).toBe(1);
    expect(pts[1]!.precision).toBe(0.5);
    expect(pts[0]!.fpr).toBeCloseTo(2 / 3, 12);
  });

  it("recall and precision are null when the data hold no anomalies (normal-only validation)", () => {
    const pts = topGSweep([0, 0], [1, 3], 2);
    expect(pts.map((p) => [p.recall, p.precision, p.fpr])).toEqual([
      [null, null, 0.5],
      [null, null, 0.5],
    ]);
  });
});

describe("chooseTopG", () => {
  it("the smallest g whose estimate max(observed, expected) FPR is within the bound", () => {
    // Observed flagged shares: g=1: 3/4, g=2: 1/4, g=3: 0.
    const c = chooseTopG([1, 2, 3, 4].map((s) => s), [1, 0.5, 0.3, 0.01], 0.25, 3);
    expect(c.observedFpr).toEqual([1, 0.75, 0.5, 0.25]);
    expect(c.expectedFpr).toEqual([1, 0.5, 0.3, 0.01]);
    expect(c.estimatedFpr).toEqual([1, 0.75, 0.5, 0.25]);
    expect(c.g).toBe(3);
    expect(c.maxFpr).toBe(0.25);
    expect(c.rule).toMatch(/on 4 normal validation sessions/);
  });

  it("the model's expected rate can delay the choice; maxG when nothing meets the bound", () => {
    const scores = [1, 1, 1, 2];
    expect(chooseTopG(scores, [1, 0, 0], 0.3, 2).g).toBe(1);
    expect(chooseTopG(scores, [1, 0.5, 0], 0.3, 2).g).toBe(2);
    expect(chooseTopG(scores, [1, 0.5, 0.5], 0.3, 2).g).toBe(2);
    expect(chooseTopG([9, 9], [], 0.1, 3).g).toBe(3);
  });

  it("needs validation sessions", () => {
    expect(() => chooseTopG([], [], 0.01, 5)).toThrow("chooseTopG: no validation sessions");
  });
});
