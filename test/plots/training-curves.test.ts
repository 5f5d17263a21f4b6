import { describe, expect, it } from "vitest";
import { trainingCurvesFigure } from "../../lib/plots/training-curves.js";

describe("trainingCurvesFigure", () => {
  it("per model: training loss, validation loss (dashed) and a star at the best validation epoch", () => {
    const f = trainingCurvesFigure([
      {
        name: "deeplog",
        history: [
          { epoch: 1, loss: 2, valLoss: 1.5, seconds: 1 },
          { epoch: 2, loss: 1, valLoss: 1.2, seconds: 1 },
          { epoch: 3, loss: 0.5, valLoss: 1.3, seconds: 1 },
        ],
      },
      { name: "ae", history: [{ epoch: 1, loss: 0.1, seconds: 1 }] },
    ]);
    expect(f.data.map((d) => d.name)).toEqual(["deeplog", "deeplog validation", "deeplog best", "ae"]);
    expect(f.data[0]).toMatchObject({ x: [1, 2, 3], y: [2, 1, 0.5] });
    expect(f.data[1]).toMatchObject({ x: [1, 2, 3], y: [1.5, 1.2, 1.3], line: { dash: "dash" }, showlegend: false });
    expect(f.data[2]).toMatchObject({ x: [2], y: [1.2], mode: "markers" });
    expect(f.data.slice(0, 3).every((d) => d.legendgroup === "deeplog")).toBe(true);
    expect((f.data[3]!.line as { color: string }).color).not.toBe((f.data[0]!.line as { color: string }).color);
    expect(f.layout!.yaxis).toMatchObject({ type: "log" });
  });

  it("non-finite validation losses are skipped; the first of equal best losses gets the star", () => {
    const f = trainingCurvesFigure(
      [
        {
          name: "m",
          history: [
            { epoch: 1, loss: 1, valLoss: NaN, seconds: 0 },
            { epoch: 2, loss: 1, valLoss: 0.5, seconds: 0 },
            { epoch: 3, loss: 1, valLoss: 0.5, seconds: 0 },
          ],
        },
      ],
      "T",
    );
    expect(f.data[1]).toMatchObject({ x: [2, 3] });
    expect(f.data[2]).toMatchObject({ x: [2] });
    expect(f.layout!.title).toEqual({ text: "T" });
  });
});
