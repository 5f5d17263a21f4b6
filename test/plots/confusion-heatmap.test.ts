import { describe, expect, it } from "vitest";
import { confusionHeatmapFigure, SEQUENTIAL_BLUES } from "../../lib/plots/confusion-heatmap.js";
import { textWidthPx } from "../../lib/plots/figure.js";

describe("confusionHeatmapFigure", () => {
  const counts = [
    [8, 2],
    [1, 3],
  ];

  it("rows are true classes (first class on top), colour by row share, text count and share", () => {
    const f = confusionHeatmapFigure(counts, ["normal", "anomalous"], "LR");
    const h = f.data[0]!;
    expect(h.type).toBe("heatmap");
    expect(h.x).toEqual(["normal", "anomalous"]);
    expect(h.y).toEqual(["anomalous", "normal"]);
    expect(h.z).toEqual([
      [0.25, 0.75],
      [0.8, 0.2],
    ]);
    expect(h.text).toEqual([
      ["1<br>25.0%", "3<br>75.0%"],
      ["8<br>80.0%", "2<br>20.0%"],
    ]);
    expect(h.zmax).toBe(1);
    expect(f.layout!.title).toEqual({ text: "LR" });
  });

  it("normalize: false colours by counts; an empty row has shares 0; thousands get separators", () => {
    const f = confusionHeatmapFigure(
      [
        [1500, 0],
        [0, 0],
      ],
      ["a", "b"],
      undefined,
      { normalize: false },
    );
    const h = f.data[0]!;
    expect(h.z).toEqual([
      [0, 0],
      [1500, 0],
    ]);
    expect((h.text as string[][])[1]![0]).toBe("1,500<br>100.0%");
    expect((h.text as string[][])[0]).toEqual(["0<br>0.0%", "0<br>0.0%"]);
    expect(h.zmax).toBe(1500);
    expect(f.layout!.title).toEqual({ text: "Confusion matrix" });
  });

  it("does not change its input and refuses a matrix that is not K × K", () => {
    const c = counts.map((r) => [...r]);
    confusionHeatmapFigure(c, ["a", "b"], "t", { normalize: false });
    expect(c).toEqual(counts);
    expect(() => confusionHeatmapFigure([[1, 2]], ["a", "b"])).toThrow("confusionHeatmapFigure: counts must be 2 × 2");
    expect(() => confusionHeatmapFigure([[1], [2]], ["a", "b"])).toThrow(/2 × 2/);
  });
});

describe("confusionHeatmapFigure: colours and margins", () => {
  const seven = ["normal", "security", "system_failure", "performance", "network", "config", "hardware"];
  const counts = seven.map((_, i) => seven.map((_, j) => (i === j ? 50 : j === 0 ? 3 : 0)));

  it("a sequential scale from near-white at 0 to dark at the top, with zmin 0 (zeros are the lightest cells)", () => {
    const h = confusionHeatmapFigure(counts, seven).data[0]!;
    const scale = h.colorscale as [number, string][];
    expect(scale[0]).toEqual([0, SEQUENTIAL_BLUES[0]![1]]);
    expect(scale[scale.length - 1]![0]).toBe(1);
    const lightness = (hex: string): number => [1, 3, 5].reduce((a, i) => a + parseInt(hex.slice(i, i + 2), 16), 0);
    for (let i = 1; i < scale.length; i++) expect(lightness(scale[i]![1])).toBeLessThan(lightness(scale[i - 1]![1]));
    expect(h.zmin).toBe(0);
    expect(h.reversescale).toBeUndefined();
  });

  it("the left margin fits the longest class name; long column labels are slanted with a bottom margin to match", () => {
    const f = confusionHeatmapFigure(counts, seven, "7-class");
    const m = f.layout!.margin as { l: number; b: number };
    expect(m.l).toBeGreaterThanOrEqual(textWidthPx("system_failure") + 40);
    expect((f.layout!.xaxis as { tickangle: number }).tickangle).toBe(-45);
    expect(m.b).toBeGreaterThan(textWidthPx("system_failure") * Math.SQRT1_2);
    const two = confusionHeatmapFigure([[1, 2], [3, 4]], ["normal", "anomalous"]);
    expect((two.layout!.margin as { l: number }).l).toBeGreaterThanOrEqual(textWidthPx("anomalous") + 40);
    expect((two.layout!.xaxis as { tickangle: number }).tickangle).toBe(0);
  });
});
