import { describe, expect, it } from "vitest";
import { modelComparisonFigure } from "../../lib/plots/model-comparison.js";

describe("modelComparisonFigure", () => {
  it("one measured bar per model with three-decimal labels; no published trace when none is given", () => {
    const f = modelComparisonFigure([{ model: "pca", value: 0.5 }, { model: "lr", value: 0.98765 }], "F1");
    expect(f.data).toHaveLength(1);
    expect(f.data[0]).toMatchObject({ name: "measured here", x: ["pca", "lr"], y: [0.5, 0.98765], text: ["0.500", "0.988"] });
    expect(f.layout!.title).toEqual({ text: "F1 by model" });
    expect(f.layout!.yaxis).toMatchObject({ title: { text: "F1" }, range: [0, 1.1] });
    expect(modelComparisonFigure([{ model: "x", value: 1, published: null }], "F1").data).toHaveLength(1);
  });

  it("published numbers, where any is given, are a second trace with gaps for the others", () => {
    const f = modelComparisonFigure([{ model: "pca", value: 0.5, published: 0.769 }, { model: "deeplog", value: 0.9 }], "F1", "HDFS", "loglizer");
    expect(f.data[1]).toMatchObject({ name: "loglizer", x: ["pca", "deeplog"], y: [0.769, null], text: ["0.769", ""] });
    expect(f.layout!.title).toEqual({ text: "HDFS" });
  });
});
