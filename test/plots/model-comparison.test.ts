import { describe, expect, it } from "vitest";
import { textWidthPx } from "../../lib/plots/figure.js";
import { categoryLabelMargins, modelComparisonFigure } from "../../lib/plots/model-comparison.js";

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

describe("modelComparisonFigure margins", () => {
  it("short names stay horizontal; long ones are slanted with bottom and left margins that hold them", () => {
    const short = modelComparisonFigure([{ model: "pca", value: 0.5 }, { model: "lr", value: 0.9 }], "F1");
    expect((short.layout!.xaxis as { tickangle: number }).tickangle).toBe(0);
    const names = ["random-forest+SMOTE", "logistic-regression+SMOTE", "gbdt", "linear-svm+SMOTE", "decision-tree", "naive-bayes+SMOTE", "knn", "bert-classifier+SMOTE"];
    const f = modelComparisonFigure(names.map((model) => ({ model, value: 0.5 })), "macro F1");
    expect((f.layout!.xaxis as { tickangle: number }).tickangle).toBe(-35);
    const m = f.layout!.margin as { b: number; l: number };
    const widest = textWidthPx("logistic-regression+SMOTE");
    expect(m.b).toBeGreaterThanOrEqual(widest * Math.sin((35 * Math.PI) / 180));
    // The first label reaches left of its bar by its width × cos 35° minus half a slot.
    expect(m.l).toBeGreaterThanOrEqual(textWidthPx(names[0]!) * Math.cos((35 * Math.PI) / 180) - 800 / names.length / 2);
  });

  it("categoryLabelMargins: the wider the labels, the larger the bottom margin", () => {
    expect(categoryLabelMargins(["a", "b"])).toEqual({ tickangle: 0, bottom: 30, left: 70 });
    const narrow = categoryLabelMargins(Array.from({ length: 12 }, (_, i) => `model-${i}`));
    const wide = categoryLabelMargins(Array.from({ length: 12 }, (_, i) => `a-much-longer-model-name-${i}`));
    expect(wide.bottom).toBeGreaterThan(narrow.bottom);
  });
});
