import { describe, expect, it } from "vitest";
import { prCurve, rocCurve } from "../../lib/eval/roc.js";
import { prCurvesFigure, rocCurvesFigure } from "../../lib/plots/roc-pr-curves.js";

// AUC 0.75 (3 of 4 positive/negative pairs ordered right); average precision (1 + 2/3) / 2.
const a = { name: "A", labels: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8] };
const b = { name: "B", labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.3, 0.4] };

describe("rocCurvesFigure", () => {
  it("one line per model with its AUC in the legend, then the chance diagonal", () => {
    const f = rocCurvesFigure([a, b], "ROC");
    expect(f.data.map((d) => d.name)).toEqual(["A (AUC 0.750)", "B (AUC 1.000)", "chance"]);
    const c = rocCurve(a.labels, a.scores);
    expect(f.data[0]).toMatchObject({ x: c.x, y: c.y });
    expect((f.data[0]!.x as number[])[0]).toBe(0);
    expect(f.data[2]).toMatchObject({ x: [0, 1], y: [0, 1] });
    expect((f.data[0]!.line as { color: string }).color).not.toBe((f.data[1]!.line as { color: string }).color);
    expect(f.layout!.title).toEqual({ text: "ROC" });
  });
});

describe("prCurvesFigure", () => {
  it("one step line per model with its average precision, then the no-skill line at the anomaly share", () => {
    const f = prCurvesFigure([a, b]);
    expect(f.data.map((d) => d.name)).toEqual(["A (AP 0.833)", "B (AP 1.000)", "no skill (0.500)"]);
    const c = prCurve(a.labels, a.scores);
    expect(f.data[0]).toMatchObject({ x: c.x, y: c.y, line: { shape: "hv" } });
    expect(f.data[2]).toMatchObject({ x: [0, 1], y: [0.5, 0.5] });
    expect(f.layout!.title).toEqual({ text: "Precision–recall curves" });
  });

  it("no series: no no-skill line", () => {
    expect(prCurvesFigure([]).data).toEqual([]);
    expect(rocCurvesFigure([]).data.map((d) => d.name)).toEqual(["chance"]);
  });
});

describe("ROC / PR layout", () => {
  const thirteen = Array.from({ length: 13 }, (_, i) => ({ name: `m${i}`, labels: [0, 0, 1, 1], scores: [0.1, 0.2 + i / 100, 0.3, 0.4] }));

  it("13 series: no two share colour and dash; the legend sits outside the plot", () => {
    for (const f of [rocCurvesFigure(thirteen), prCurvesFigure(thirteen)]) {
      const lines = f.data.slice(0, 13).map((d) => d.line as { color: string; dash: string });
      expect(new Set(lines.map((l) => `${l.color}/${l.dash}`)).size).toBe(13);
      expect(new Set(lines.slice(0, 10).map((l) => l.color)).size).toBe(10);
      const legend = f.layout!.legend as { x: number; xanchor: string };
      expect(legend.x).toBeGreaterThan(1);
      expect(legend.xanchor).toBe("left");
    }
  });

  it("axes padded beyond [0, 1] without a zero line, so a perfect curve on the frame stays visible", () => {
    for (const f of [rocCurvesFigure([a]), prCurvesFigure([a])]) {
      for (const axis of [f.layout!.xaxis, f.layout!.yaxis] as { range: number[]; zeroline: boolean }[]) {
        expect(axis.range[0]).toBeLessThan(0);
        expect(axis.range[1]).toBeGreaterThan(1);
        expect(axis.zeroline).toBe(false);
      }
      expect((f.data[0]!.line as { width: number }).width).toBeGreaterThanOrEqual(2.5);
    }
  });

  it("several perfect curves get a note saying they overlap", () => {
    const roc = rocCurvesFigure([b, { ...b, name: "C" }, a]);
    expect((roc.layout!.annotations as { text: string }[]).map((x) => x.text)).toEqual(["2 curves score 1.000 and overlap on the left and top edges"]);
    expect(rocCurvesFigure([a, b]).layout!.annotations).toEqual([]);
    expect((prCurvesFigure([b, { ...b, name: "C" }]).layout!.annotations as { text: string }[])[0]!.text).toMatch(/2 curves score 1.000/);
  });
});
