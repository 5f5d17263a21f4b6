import { describe, expect, it } from "vitest";
import { prAuc, prCurve, rocAuc, rocCurve } from "../../lib/eval/roc.js";

describe("ROC and PR (hand-computed, sklearn's example)", () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  it("ROC-AUC = 0.75", () => {
    expect(rocAuc(y, s)).toBeCloseTo(0.75, 12);
    const c = rocCurve(y, s);
    expect(c.x[0]).toBe(0);
    expect(c.y[0]).toBe(0);
    expect(c.x[c.x.length - 1]).toBe(1);
  });
  it("average precision = 0.5·1 + 0.5·2/3", () => {
    expect(prAuc(y, s)).toBeCloseTo(0.5 + 1 / 3, 12);
    const c = prCurve(y, s);
    expect(c.x).toEqual([0.5, 0.5, 1, 1]);
    expect(c.y[0]).toBe(1);
  });
  it("ties count one half; one class gives NaN", () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNaN();
    expect(prAuc([0, 0], [0.1, 0.2])).toBeNaN();
  });
  it("a perfect ranking has AUC 1 and AP 1", () => {
    expect(rocAuc([0, 0, 1], [1, 2, 3])).toBe(1);
    expect(prAuc([0, 0, 1], [1, 2, 3])).toBe(1);
  });
});
