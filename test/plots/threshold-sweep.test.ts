import { describe, expect, it } from "vitest";
import type { ThresholdPoint } from "../../lib/eval/threshold-curve.js";
import { thresholdSweepFigure } from "../../lib/plots/threshold-sweep.js";

const pt = (threshold: number, precision: number, recall: number, fpr: number): ThresholdPoint => ({ threshold, precision, recall, f1: (2 * precision * recall) / (precision + recall || 1), fpr, accuracy: 0, tp: 0, fp: 0, tn: 0, fn: 0 });

describe("thresholdSweepFigure", () => {
  it("precision, recall, F1 and FPR against the threshold; infinite thresholds are left out", () => {
    const curve = [pt(Infinity, 1, 0, 0), pt(0.8, 1, 0.5, 0), pt(0.3, 0.5, 1, 0.5), pt(-Infinity, 0.4, 1, 1)];
    const f = thresholdSweepFigure(curve, 0.8, "PCA");
    expect(f.data.map((d) => d.name)).toEqual(["precision", "recall", "F1", "FPR"]);
    for (const d of f.data) expect(d.x).toEqual([0.8, 0.3]);
    expect(f.data[1]!.y).toEqual([0.5, 1]);
    expect(f.data[3]!.y).toEqual([0, 0.5]);
    expect(f.layout!.xaxis).toMatchObject({ type: "linear" });
    expect(f.layout!.shapes).toEqual([{ type: "line", x0: 0.8, x1: 0.8, y0: 0, y1: 1, yref: "paper", line: { color: "#333", dash: "dash", width: 1 } }]);
    expect((f.layout!.annotations as { x: number; text: string }[])[0]).toMatchObject({ x: 0.8, text: "chosen 0.8000" });
  });

  it("a range over three decades goes on a log axis, where the label sits at log10 of the threshold", () => {
    const f = thresholdSweepFigure([pt(0.001, 1, 0.2, 0), pt(10, 0.5, 1, 1)], 10);
    expect(f.layout!.xaxis).toMatchObject({ type: "log", tickvals: [0.001, 0.01, 0.1, 1, 10], ticktext: ["0.001", "0.01", "0.1", "1", "10"] });
    expect(f.layout!.yaxis).toMatchObject({ range: [-0.02, 1.04], zeroline: false });
    expect((f.layout!.annotations as { x: number }[])[0]!.x).toBeCloseTo(1, 12);
    expect(thresholdSweepFigure([pt(0.001, 1, 0.2, 0), pt(10, 0.5, 1, 1)], 10, "t", { logX: false }).layout!.xaxis).toMatchObject({ type: "linear" });
    // Zero or negative thresholds cannot go on a log axis.
    expect(thresholdSweepFigure([pt(0, 1, 0.2, 0), pt(10000, 0.5, 1, 1)], null).layout!.xaxis).toMatchObject({ type: "linear" });
  });

  it("no chosen threshold (or an infinite one): no marker", () => {
    for (const chosen of [null, Infinity]) {
      const f = thresholdSweepFigure([pt(1, 1, 1, 0)], chosen);
      expect(f.layout!.shapes).toEqual([]);
      expect(f.layout!.annotations).toEqual([]);
    }
  });
});
