import { describe, expect, it } from "vitest";
import { classAgreement } from "../../lib/label/class-agreement.js";

describe("classAgreement", () => {
  it("cross-tabulates and measures agreement", () => {
    const a = classAgreement(["n", "s", "s", "x"], ["n", "s", "n", "s"], { order: ["n", "s"] });
    expect(a.accuracy).toBe(0.5);
    expect(a.predictedValues).toEqual(["n", "s"]);
    expect(a.rows).toEqual([
      { expected: "n", items: 1, n: 1, s: 0 },
      { expected: "s", items: 2, n: 1, s: 1 },
      { expected: "x", items: 1, n: 0, s: 1 },
    ]);
    expect(() => classAgreement(["a"], [])).toThrow(/1 expected but 0 predicted/);
  });
});
