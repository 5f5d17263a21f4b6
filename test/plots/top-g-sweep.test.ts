import { describe, expect, it } from "vitest";
import { topGSweepFigure } from "../../lib/plots/top-g-sweep.js";

describe("topGSweepFigure", () => {
  it("recall (solid) and FPR (dotted) per series; a series without anomalies has no recall line", () => {
    const f = topGSweepFigure(
      [
        { label: "validation (normal only)", points: [{ g: 1, recall: null, fpr: 0.2 }, { g: 2, recall: null, fpr: 0.05 }] },
        { label: "test", points: [{ g: 1, recall: 1, fpr: 0.3 }, { g: 2, recall: 0.9, fpr: 0.1 }] },
      ],
      2,
    );
    expect(f.data.map((d) => d.name)).toEqual(["FPR · validation (normal only)", "recall · test", "FPR · test"]);
    expect(f.data[1]).toMatchObject({ x: [1, 2], y: [1, 0.9] });
    expect(f.data[2]).toMatchObject({ x: [1, 2], y: [0.3, 0.1], line: { dash: "dot" } });
    expect((f.data[1]!.line as { color: string }).color).toBe((f.data[2]!.line as { color: string }).color);
    expect(f.layout!.shapes).toEqual([{ type: "line", x0: 2, x1: 2, y0: 0, y1: 1, yref: "paper", line: { color: "#333", dash: "dash", width: 1 } }]);
    expect((f.layout!.annotations as { text: string }[])[0]!.text).toBe("chosen g = 2");
    expect(f.layout!.title).toEqual({ text: "DeepLog top-g sweep" });
  });

  it("points with recall only where known; no chosen g, no marker", () => {
    const f = topGSweepFigure([{ label: "x", points: [{ g: 1, recall: null, fpr: 1 }, { g: 2, recall: 0.5, fpr: 0 }] }], null, "T");
    expect(f.data[0]).toMatchObject({ name: "recall · x", x: [2], y: [0.5] });
    expect(f.layout!.shapes).toEqual([]);
    expect(f.layout!.annotations).toEqual([]);
  });
});

describe("topGSweepFigure axis", () => {
  it("g is numeric: a linear axis with about ten ticks, whatever the number of g values", () => {
    const points = Array.from({ length: 100 }, (_, i) => ({ g: i + 1, recall: 1 - i / 100, fpr: 1 / (i + 1) }));
    const f = topGSweepFigure([{ label: "test", points }], 9);
    const x = f.layout!.xaxis as { type: string; dtick: number };
    expect(x.type).toBe("linear");
    expect(x.dtick).toBe(10);
    expect(100 / x.dtick).toBeLessThanOrEqual(12);
    expect(f.data[0]!.mode).toBe("lines");
    const small = topGSweepFigure([{ label: "t", points: points.slice(0, 8) }], 2).layout!.xaxis as { dtick: number };
    expect(small.dtick).toBe(1);
    expect((f.layout!.legend as { x: number }).x).toBeGreaterThan(1);
  });
});
