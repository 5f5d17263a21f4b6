import { describe, expect, it } from "vitest";
import { groupingF1 } from "../../lib/eval/fga.js";

describe("groupingF1 (Loghub-2.0's FGA)", () => {
  it("is the F1 of exactly-reproduced groups (worked by hand)", () => {
    // Same example as GA: 1 correct group of 4 predicted and 4 true → P = R = 1/4 → F1 = 1/4.
    const f = groupingF1(["A", "A", "A", "B", "B", "C", "D", "D"], [1, 1, 1, 2, 2, 2, 3, 4]);
    expect(f.precision).toBe(0.25);
    expect(f.recall).toBe(0.25);
    expect(f.fga).toBeCloseTo(0.25, 12);
    // truth A A B C, predicted x x y y: A exact; P = 1/2, R = 1/3 → F1 = 2·(1/6)/(5/6) = 0.4.
    expect(groupingF1(["A", "A", "B", "C"], ["x", "x", "y", "y"]).fga).toBeCloseTo(0.4, 12);
  });
});
