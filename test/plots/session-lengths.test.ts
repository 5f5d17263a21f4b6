import { describe, expect, it } from "vitest";
import { sessionLengthFigure } from "../../lib/plots/session-lengths.js";

describe("sessionLengthFigure", () => {
  // Moved from test/plots/eda-figures.test.ts.
  it("is a box plot", () => {
    expect(sessionLengthFigure([{ name: "x", lengths: [1, 2, 3] }]).data[0]!.type).toBe("box");
  });

  it("one box per group, named with its size, on a log axis", () => {
    const f = sessionLengthFigure([
      { name: "train", lengths: [2, 9, 4] },
      { name: "test", lengths: [] },
    ]);
    expect(f.data.map((d) => d.name)).toEqual(["train (3)", "test (0)"]);
    expect(f.data[0]).toMatchObject({ y: [2, 9, 4], boxpoints: "outliers" });
    expect(f.layout!.yaxis).toMatchObject({ type: "log", tickvals: [2, 3, 4, 5, 6, 7, 8, 9], ticktext: ["2", "3", "4", "5", "6", "7", "8", "9"] });
  });
});
