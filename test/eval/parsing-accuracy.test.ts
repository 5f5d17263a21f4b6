import { describe, expect, it } from "vitest";
import { parsingAccuracy } from "../../lib/eval/parsing-accuracy.js";

describe("parsingAccuracy (PA)", () => {
  it("counts exact template matches per line (worked by hand)", () => {
    const truth = ["a <*>", "a <*>", "b", "c <*> d"];
    const pred = ["a <*>", "a x", "b", "c <*>  d"];
    // Lines 1 and 3 match exactly; line 4 matches once whitespace runs are collapsed.
    expect(parsingAccuracy(truth, pred)).toBe(0.75);
    expect(parsingAccuracy(truth, pred, { whitespace: false })).toBe(0.5);
  });
});
