import { describe, expect, it } from "vitest";
import { multiclassConfusion } from "../../lib/eval/multiclass-confusion.js";

describe("multiclassConfusion", () => {
  it("counts true × predicted", () => {
    expect(multiclassConfusion([0, 1, 1, 2], [0, 1, 0, 2], ["a", "b", "c"]).counts).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });
  it("rejects labels outside the class list", () => {
    expect(() => multiclassConfusion([0, 3], [0, 0], ["a", "b"])).toThrow(/label 1 is 3/);
  });
});
