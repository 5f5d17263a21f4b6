import { describe, expect, it } from "vitest";
import { scoreHistogramBins, scoreHistogramFigure } from "../../lib/plots/score-histogram.js";

// Six normals around 0.1–0.3, three anomalies around 0.7–0.9.
const pca = { name: "PCA", labels: [0, 0, 0, 0, 0, 0, 1, 1, 1], scores: [0.1, 0.12, 0.2, 0.25, 0.3, 0.3, 0.7, 0.85, 0.9], threshold: 0.5 };

describe("scoreHistogramBins", () => {
  it("equal-width bins over the score range; every finite score lands in exactly one bin of its class", () => {
    const b = scoreHistogramBins(pca, { bins: 8 });
    expect(b.log).toBe(false);
    expect(b.edges).toHaveLength(9);
    expect(b.edges[0]).toBeCloseTo(0.1);
    expect(b.edges[8]).toBeCloseTo(0.9);
    expect(b.normal.reduce((x, y) => x + y)).toBe(6);
    expect(b.anomalous.reduce((x, y) => x + y)).toBe(3);
    expect(b.normal[0]).toBe(2); // 0.1 and 0.12 in [0.1, 0.2)
    expect(b.anomalous[7]).toBe(2); // 0.85 and the top edge 0.9 in the last, closed bin
  });

  it("ranks are binned by whole rank ([k − 0.5, k + 0.5)); non-finite scores are counted, not binned", () => {
    const b = scoreHistogramBins({ name: "DeepLog", kind: "rank", labels: [0, 0, 0, 1, 1, 1], scores: [1, 1, 2, 5, 5, Infinity] });
    expect(b.edges).toEqual([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);
    expect(b.normal).toEqual([2, 1, 0, 0, 0]);
    expect(b.anomalous).toEqual([0, 0, 0, 0, 2]);
    expect(b.nonFinite).toEqual({ normal: 0, anomalous: 1 });
  });

  it("heavy-tailed positive scores and large ranks get log-spaced bins", () => {
    const heavy = scoreHistogramBins({ name: "AE", labels: [0, 0, 1], scores: [1e-4, 1e-3, 10] });
    expect(heavy.log).toBe(true);
    expect(heavy.edges[0]).toBeCloseTo(-4);
    expect(heavy.edges[heavy.edges.length - 1]).toBeCloseTo(1);
    const ranks = scoreHistogramBins({ name: "DeepLog", kind: "rank", labels: [0, 0, 1], scores: [1, 3, 301] });
    expect(ranks.log).toBe(true);
    expect(ranks.edges[0]).toBeCloseTo(Math.log10(0.5));
    expect(ranks.normal.reduce((x, y) => x + y) + ranks.anomalous.reduce((x, y) => x + y)).toBe(3);
    expect(scoreHistogramBins({ name: "x", labels: [0, 1], scores: [1e-4, 10] }, { logScore: false }).log).toBe(false);
  });

  it("refuses mismatched lengths and a log axis for scores ≤ 0", () => {
    expect(() => scoreHistogramBins({ name: "x", labels: [0], scores: [1, 2] })).toThrow("x has 2 scores but 1 labels");
    expect(() => scoreHistogramBins({ name: "x", labels: [0, 1], scores: [0, 2] }, { logScore: true })).toThrow(/scores ≤ 0/);
  });
});

describe("scoreHistogramFigure", () => {
  it("overlay: normal and anomalous bars on one axis, the threshold as a dashed line labelled with its value", () => {
    const f = scoreHistogramFigure([pca], "HDFS", { bins: 8 });
    expect(f.data.map((d) => d.name)).toEqual(["normal", "anomalous"]);
    expect(f.data.every((d) => d.type === "bar" && d.xaxis === "x" && d.yaxis === "y")).toBe(true);
    const bins = scoreHistogramBins(pca, { bins: 8 });
    expect(f.data[0]!.y).toEqual(bins.normal);
    expect(f.data[1]!.y).toEqual(bins.anomalous);
    expect(f.layout!.barmode).toBe("overlay");
    expect(f.layout!.shapes).toEqual([{ type: "line", xref: "x", yref: "y domain", x0: 0.5, x1: 0.5, y0: 0, y1: 1, line: { color: "#222", dash: "dash", width: 1.5 } }]);
    const texts = (f.layout!.annotations as { text: string }[]).map((a) => a.text);
    expect(texts).toContain("threshold 0.5");
    expect(texts.some((t) => t.includes("<b>PCA</b>") && t.includes("6 normal · 3 anomalous"))).toBe(true);
    expect(f.layout!.yaxis).toMatchObject({ type: "linear" });
  });

  it("a threshold outside the scores widens the x range so the line is drawn", () => {
    const f = scoreHistogramFigure([{ ...pca, threshold: 2 }]);
    expect((f.layout!.xaxis as { range: number[] }).range[1]).toBeGreaterThan(2);
  });

  it("log counts: a log count axis and no zero-height bars (gaps instead)", () => {
    const f = scoreHistogramFigure([pca], "t", { logCount: true, bins: 8 });
    // The log range starts below 1, so a bin holding one item is drawn.
    expect(f.layout!.yaxis).toMatchObject({ type: "log" });
    expect((f.layout!.yaxis as { range: number[] }).range[0]).toBeLessThan(0);
    expect((f.data[1]!.y as (number | null)[]).filter((v) => v === 0)).toEqual([]);
    expect((f.data[1]!.y as (number | null)[]).filter((v) => v === null).length).toBeGreaterThan(0);
  });

  it("mirror: normals on an upper axis, anomalies on a reversed axis below, both cut by the threshold", () => {
    const f = scoreHistogramFigure([pca], "t", { mode: "mirror" });
    expect(f.data[0]).toMatchObject({ name: "normal", yaxis: "y" });
    expect(f.data[1]).toMatchObject({ name: "anomalous", yaxis: "y2", xaxis: "x2" });
    // The lower axis runs downwards over the same range as the upper one, so bar lengths compare.
    const r1 = (f.layout!.yaxis as { range: number[] }).range;
    const r2 = (f.layout!.yaxis2 as { range: number[] }).range;
    expect(r2).toEqual([r1[1], r1[0]]);
    expect(r1[0]).toBe(0);
    expect(r1[1]).toBeCloseTo(2 * 1.08); // the fullest bin holds the two normals at 0.3
    const d1 = (f.layout!.yaxis as { domain: number[] }).domain;
    const d2 = (f.layout!.yaxis2 as { domain: number[] }).domain;
    expect(d2[1]).toBeLessThanOrEqual(d1[0]!);
    expect(f.layout!.xaxis).toMatchObject({ matches: "x2", showticklabels: false });
    expect((f.layout!.shapes as unknown[]).length).toBe(2);
  });

  it("DeepLog ranks: the line sits between g and g + 1 and reads 'g = …'; share mode gives class shares", () => {
    const deeplog = { name: "DeepLog", kind: "rank" as const, labels: [0, 0, 0, 1], scores: [1, 2, 9, 30], threshold: 9 };
    const f = scoreHistogramFigure([deeplog], "t", { share: true });
    expect((f.layout!.shapes as { x0: number }[])[0]!.x0).toBe(9.5);
    expect((f.layout!.annotations as { text: string }[]).map((a) => a.text)).toContain("g = 9");
    const normalShares = (f.data[0]!.y as number[]).reduce((a, b) => a + b, 0);
    expect(normalShares).toBeCloseTo(1);
    expect((f.layout!.xaxis as { title: { text: string } }).title.text).toMatch(/rank/);
  });

  it("one panel per model, a legend entry per class once, taller with more rows", () => {
    const f = scoreHistogramFigure([pca, { ...pca, name: "LR" }, { ...pca, name: "IF", threshold: null }]);
    expect(f.data.filter((d) => d.showlegend).map((d) => d.name)).toEqual(["normal", "anomalous"]);
    expect(f.data.map((d) => d.xaxis)).toEqual(["x", "x", "x2", "x2", "x3", "x3"]);
    expect((f.layout!.shapes as unknown[]).length).toBe(2);
    expect(f.layout!.height).toBe(130 + 2 * 260);
  });
});

describe("scoreHistogramBins: log-spaced ranks", () => {
  it("every rank bin is at least 1/bins of the log range wide, the top rank included", () => {
    const scores = [1, 2, 3, 7, 50, 401, 401];
    const b = scoreHistogramBins({ name: "d", kind: "rank", labels: [0, 0, 0, 0, 1, 1, 1], scores }, { bins: 20 });
    const w = Math.log10(401.5 / 0.5) / 20;
    for (let i = 1; i < b.edges.length; i++) expect(b.edges[i]! - b.edges[i - 1]!).toBeGreaterThanOrEqual(w - 1e-12);
    // Edges sit between whole ranks.
    for (const e of b.edges) expect(Math.abs(10 ** e + 0.5 - Math.round(10 ** e + 0.5))).toBeLessThan(1e-6);
    expect(b.anomalous[b.anomalous.length - 1]).toBe(2);
    expect(b.normal.reduce((x, y) => x + y)).toBe(4);
  });
});
