import { describe, expect, it } from "vitest";
import { groupedScoresFigure } from "../../lib/plots/grouped-scores.js";

describe("groupedScoresFigure", () => {
  it("one bar trace per series over the categories, two-decimal labels, gaps (not zeros) for missing values", () => {
    const f = groupedScoresFigure(["a", "b"], [{ name: "random", values: [0.5, null] }, { name: "published", values: [0.903, 0.12345], color: "#bab0ac" }], "macro F1", "T", "held-out system");
    expect(f.data).toHaveLength(2);
    expect(f.data[0]).toMatchObject({ type: "bar", name: "random", x: ["a", "b"], y: [0.5, null], text: ["0.50", ""] });
    expect(f.data[1]).toMatchObject({ y: [0.903, 0.12345], text: ["0.90", "0.12"], marker: { color: "#bab0ac" } });
    expect(f.layout).toMatchObject({ barmode: "group", title: { text: "T" }, xaxis: { title: { text: "held-out system" } }, yaxis: { range: [0, 1.12] } });
  });

  it("slants long category names and grows the bottom margin to hold them", () => {
    const long = ["bert-dann-no-adaptation", "bert-features-gbdt", "logistic-regression", "decision-tree", "random-forest", "linear-svm", "bert-hybrid", "bert-lora"];
    const f = groupedScoresFigure(long, [{ name: "x", values: long.map(() => 0.5) }], "F1");
    expect((f.layout!.xaxis as { tickangle: number }).tickangle).toBe(-35);
    expect((f.layout!.margin as { b: number }).b).toBeGreaterThan(100);
  });
});
