import { describe, expect, it } from "vitest";
import { groupingAccuracy } from "../../lib/eval/grouping-accuracy.js";

describe("groupingAccuracy (logparser's GA)", () => {
  it("counts a line only when its predicted group is exactly its true group (worked by hand)", () => {
    // truth:     A A A | B B | C | D D
    // predicted: 1 1 1 | 2 2 | 2 | 3 4
    // A: all "1" and "1" covers exactly 3 lines → correct (3 lines).
    // B: all "2" but "2" also covers C's line → wrong. C: "2" covers 3 lines → wrong. D: split → wrong.
    const g = groupingAccuracy(["A", "A", "A", "B", "B", "C", "D", "D"], [1, 1, 1, 2, 2, 2, 3, 4]);
    expect(g.ga).toBe(3 / 8);
    expect(g.correctGroups).toBe(1);
    expect(g.truthGroups).toBe(4);
    expect(g.predictedGroups).toBe(4);
  });

  it("is 1 for any relabelling of the truth and rejects mismatched lengths", () => {
    expect(groupingAccuracy(["a", "b", "a"], ["x", "y", "x"]).ga).toBe(1);
    expect(() => groupingAccuracy(["a"], [])).toThrow(/1 ground-truth labels but 0 predictions/);
  });
});
