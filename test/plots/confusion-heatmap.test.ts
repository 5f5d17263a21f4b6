import { describe, expect, it } from "vitest";
import { confusionHeatmapFigure } from "../../lib/plots/confusion-heatmap.js";

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
    expect(h.zmax).toBeUndefined();
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
