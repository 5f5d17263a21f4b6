import { describe, expect, it } from "vitest";
import { duplicateSessionsFigure } from "../../lib/plots/duplicate-sessions.js";
import { textWidthPx } from "../../lib/plots/figure.js";

describe("duplicateSessionsFigure", () => {
  // Moved from test/plots/eda-figures.test.ts.
  it("labels the distinct share", () => {
    const dup = duplicateSessionsFigure([{ name: "hdfs_train", sessions: 4855, distinct: 839 }]);
    expect(dup.data[1]!.text).toEqual(["17%"]);
  });

  it("two grouped horizontal bars per row, in the given order top to bottom; the log axis reaches above the largest count; an empty set gives 0%", () => {
    const f = duplicateSessionsFigure([
      { name: "a", sessions: 1000, distinct: 250 },
      { name: "b", sessions: 0, distinct: 0 },
    ]);
    expect(f.data.map((d) => d.name)).toEqual(["sessions", "distinct sessions"]);
    expect(f.data[0]).toMatchObject({ orientation: "h", y: ["a", "b"], x: [1000, 0] });
    expect(f.data[1]).toMatchObject({ x: [250, 0], text: ["25%", "0%"] });
    expect(f.layout!.yaxis).toMatchObject({ autorange: "reversed", type: "category" });
    expect((f.layout!.xaxis as { range: number[] }).range).toEqual([0, 3 + 0.3]);
    expect(duplicateSessionsFigure([{ name: "c", sessions: 2, distinct: 1 }]).layout!.xaxis).toMatchObject({ range: [0, 1 + 0.3] });
  });

  it("names read horizontally in a left margin that fits the longest; log ticks are written out", () => {
    const long = "hdfs-deeplog/hdfs_test_abnormal_dev";
    const f = duplicateSessionsFigure([{ name: long, sessions: 16838, distinct: 4123 }, { name: "x", sessions: 30, distinct: 30 }]);
    expect((f.layout!.margin as { l: number }).l).toBeGreaterThanOrEqual(textWidthPx(long, 12));
    expect(f.layout!.xaxis).toMatchObject({ type: "log", tickvals: [1, 10, 100, 1000, 10_000, 100_000], ticktext: ["1", "10", "100", "1,000", "10,000", "100,000"] });
  });
});
