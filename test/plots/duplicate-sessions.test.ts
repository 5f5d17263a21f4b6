import { describe, expect, it } from "vitest";
import { duplicateSessionsFigure } from "../../lib/plots/duplicate-sessions.js";

describe("duplicateSessionsFigure", () => {
  // Moved from test/plots/eda-figures.test.ts.
  it("labels the distinct share", () => {
    const dup = duplicateSessionsFigure([{ name: "hdfs_train", sessions: 4855, distinct: 839 }]);
    expect(dup.data[1]!.text).toEqual(["17%"]);
  });

  it("two grouped bars per row; the log axis reaches above the largest count; an empty set gives 0%", () => {
    const f = duplicateSessionsFigure([
      { name: "a", sessions: 1000, distinct: 250 },
      { name: "b", sessions: 0, distinct: 0 },
    ]);
    expect(f.data.map((d) => d.name)).toEqual(["sessions", "distinct sessions"]);
    expect(f.data[0]).toMatchObject({ x: ["a", "b"], y: [1000, 0] });
    expect(f.data[1]).toMatchObject({ y: [250, 0], text: ["25%", "0%"] });
    expect((f.layout!.yaxis as { range: number[] }).range).toEqual([0, 3 + 0.3]);
    expect(duplicateSessionsFigure([{ name: "c", sessions: 2, distinct: 1 }]).layout!.yaxis).toMatchObject({ range: [0, 1 + 0.3] });
  });
});
