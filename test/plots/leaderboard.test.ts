import { describe, expect, it } from "vitest";
import { textWidthPx } from "../../lib/plots/figure.js";
import { leaderboardFigure, leaderboardRows, type LeaderboardEntry } from "../../lib/plots/leaderboard.js";

const entries: LeaderboardEntry[] = [
  { model: "pca", dataset: "HDFS", f1: 0.6, source: "05 classic" },
  { model: "pca", dataset: "BGL", f1: 0.2, source: "05 classic" },
  { model: "deeplog", dataset: "HDFS", f1: 0.95, source: "06 sequence" },
  { model: "deeplog", dataset: "BGL", f1: 0.5, source: "06 sequence" },
  { model: "lr", dataset: "HDFS", f1: 0.99, source: "05 classic" },
  { model: "lr", dataset: "BGL", f1: null, source: "05 classic" },
];

describe("leaderboardRows", () => {
  it("sorts by the mean over the datasets a model has, best first", () => {
    const { rows, datasets } = leaderboardRows(entries);
    expect(datasets).toEqual(["HDFS", "BGL"]);
    expect(rows.map((r) => r.label)).toEqual(["lr · 05 classic", "deeplog · 06 sequence", "pca · 05 classic"]);
    expect(rows[0]).toMatchObject({ scores: [0.99, null], mean: 0.99 });
    expect(rows[1]!.mean).toBeCloseTo(0.725);
  });

  it("sorts by one dataset (missing last), by name, or keeps the given order; columns can be ordered", () => {
    expect(leaderboardRows(entries, { sort: { dataset: "BGL" } }).rows.map((r) => r.model)).toEqual(["deeplog", "pca", "lr"]);
    expect(leaderboardRows(entries, { sort: "name" }).rows.map((r) => r.model)).toEqual(["deeplog", "lr", "pca"]);
    expect(leaderboardRows(entries, { sort: "given" }).rows.map((r) => r.model)).toEqual(["pca", "deeplog", "lr"]);
    expect(leaderboardRows(entries, { datasets: ["BGL", "HDFS"] }).rows[0]!.scores).toEqual([null, 0.99]);
  });

  it("the same model from two notebooks is two rows; two scores for one cell is an error", () => {
    const both = [...entries, { model: "pca", dataset: "HDFS", f1: 0.7, source: "06 sequence" }];
    expect(leaderboardRows(both).rows.filter((r) => r.model === "pca")).toHaveLength(2);
    expect(() => leaderboardRows([...entries, { model: "pca", dataset: "HDFS", f1: 0.7, source: "05 classic" }])).toThrow("two scores for pca (05 classic) on HDFS");
    expect(() => leaderboardRows(entries, { sort: { dataset: "Spark" } })).toThrow(/cannot sort by dataset "Spark"/);
  });
});

describe("leaderboardFigure", () => {
  it("a heatmap of scores: best row on top, every cell printed, column bests in bold, missing as –", () => {
    const f = leaderboardFigure(entries, "Leaderboard");
    const h = f.data[0]!;
    expect(h.type).toBe("heatmap");
    // Sorted by the mean, so a last column shows it (with the count where a model lacks a dataset).
    expect(h.x).toEqual(["HDFS", "BGL", "mean"]);
    // Plotly draws the first y category at the bottom, so the best row is the last one.
    expect(h.y).toEqual(["pca · 05 classic", "deeplog · 06 sequence", "lr · 05 classic"]);
    expect(h.z).toEqual([
      [0.6, 0.2, 0.4],
      [0.95, 0.5, 0.725],
      [0.99, null, 0.99],
    ]);
    expect(h.text).toEqual([
      ["0.600", "0.200", "0.400"],
      ["0.950", "<b>0.500</b>", "0.725"],
      ["<b>0.990</b>", "–", "<b>0.990</b> <i>(1)</i>"],
    ]);
    const byHdfs = leaderboardFigure(entries, "t", { sort: { dataset: "HDFS" } }).data[0]!;
    expect(byHdfs.x).toEqual(["HDFS", "BGL"]);
    expect(byHdfs.y).toEqual(["pca · 05 classic", "deeplog · 06 sequence", "lr · 05 classic"]);
    expect(h).toMatchObject({ zmin: 0, zmax: 1 });
    expect(f.layout!.yaxis).toMatchObject({ type: "category" });
  });

  it("40 rows stay readable: 22 px a row and a left margin that fits the longest label", () => {
    const many: LeaderboardEntry[] = Array.from({ length: 40 }, (_, i) => ({ model: `model-with-a-long-name-${i}`, dataset: "HDFS", f1: i / 40, source: i % 2 ? "05 classic" : "07 bert" }));
    const f = leaderboardFigure(many);
    expect((f.data[0]!.y as string[]).length).toBe(40);
    expect(f.layout!.height).toBe(150 + 22 * 40);
    expect((f.layout!.margin as { l: number }).l).toBeGreaterThanOrEqual(textWidthPx("model-with-a-long-name-39 · 05 classic", 12));
    expect((f.data[0]!.y as string[])[39]).toBe("model-with-a-long-name-39 · 05 classic");
  });
});
