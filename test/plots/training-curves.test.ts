import { describe, expect, it } from "vitest";
import { trainingCurvesFigure } from "../../lib/plots/training-curves.js";

const deeplog = {
  name: "deeplog",
  loss: "cross-entropy",
  history: [
    { epoch: 1, loss: 2, valLoss: 1.5, seconds: 1 },
    { epoch: 2, loss: 1, valLoss: 1.2, seconds: 1 },
    { epoch: 3, loss: 0.5, valLoss: 1.3, seconds: 1 },
  ],
};
const ae = { name: "ae", loss: "MSE", history: [{ epoch: 1, loss: 0.001, seconds: 1 }, { epoch: 2, loss: 0.0004, seconds: 1 }] };
const cnn = { name: "cnn", loss: "BCE", history: [{ epoch: 1, loss: 0.7, valLoss: 0.6, seconds: 1 }, { epoch: 2, loss: 0.3, valLoss: 0.35, seconds: 1 }] };

describe("trainingCurvesFigure", () => {
  it("one panel per model: training loss, validation loss (dashed) and a star at the best validation epoch", () => {
    const f = trainingCurvesFigure([deeplog, ae]);
    expect(f.data.map((d) => d.name)).toEqual(["training loss", "validation loss", "best validation epoch (kept)", "training loss"]);
    expect(f.data[0]).toMatchObject({ x: [1, 2, 3], y: [2, 1, 0.5], xaxis: "x", yaxis: "y" });
    expect(f.data[1]).toMatchObject({ x: [1, 2, 3], y: [1.5, 1.2, 1.3], line: { dash: "dash" } });
    expect(f.data[2]).toMatchObject({ x: [2], y: [1.2], mode: "markers" });
    // The second model is in its own panel, on its own axes; the legend names each role once.
    expect(f.data[3]).toMatchObject({ x: [1, 2], y: [0.001, 0.0004], xaxis: "x2", yaxis: "y2", showlegend: false });
    expect(f.data.filter((d) => d.showlegend).map((d) => d.name)).toEqual(["training loss", "validation loss", "best validation epoch (kept)"]);
    const ann = (f.layout!.annotations as { text: string }[]).map((a) => a.text);
    expect(ann).toEqual(["<b>deeplog · cross-entropy</b>", "<b>ae · MSE</b>"]);
    // Panels side by side, not overlapping.
    const d1 = (f.layout!.xaxis as { domain: number[] }).domain;
    const d2 = (f.layout!.xaxis2 as { domain: number[] }).domain;
    expect(d1[1]).toBeLessThan(d2[0]!);
    // Each y title is the panel's loss, short enough to fit.
    expect(f.layout!.yaxis).toMatchObject({ title: { text: "cross-entropy" } });
    expect(f.layout!.yaxis2).toMatchObject({ title: { text: "MSE" } });
  });

  it("a panel goes on a log axis with written-out ticks only when its losses span more than a factor of ten", () => {
    const f = trainingCurvesFigure([deeplog, cnn, { name: "big", history: [{ epoch: 1, loss: 100, seconds: 0 }, { epoch: 2, loss: 0.5, seconds: 0 }] }]);
    expect(f.layout!.yaxis).toMatchObject({ rangemode: "tozero" });
    expect(f.layout!.yaxis).not.toHaveProperty("type");
    expect(f.layout!.yaxis3).toMatchObject({ type: "log", tickmode: "array" });
    expect((f.layout!.yaxis3 as { ticktext: string[] }).ticktext).toEqual(["0.5", "1", "2", "5", "10", "20", "50", "100"]);
  });

  it("panels: 'loss' puts the models sharing a loss into one panel, coloured per model", () => {
    const f = trainingCurvesFigure([deeplog, cnn, { ...deeplog, name: "lstm" }, ae], "T", { panels: "loss" });
    const ann = (f.layout!.annotations as { text: string }[]).map((a) => a.text);
    expect(ann).toEqual(["<b>cross-entropy</b>", "<b>BCE</b>", "<b>MSE</b>"]);
    const trainOf = (name: string): Record<string, unknown> => f.data.find((d) => d.name === name)!;
    expect(trainOf("deeplog").yaxis).toBe("y");
    expect(trainOf("lstm").yaxis).toBe("y");
    expect(trainOf("cnn").yaxis).toBe("y2");
    expect(trainOf("ae").yaxis).toBe("y3");
    expect((trainOf("deeplog").line as { color: string }).color).not.toBe((trainOf("lstm").line as { color: string }).color);
  });

  it("rows of panels make the figure taller; three columns past four panels", () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ name: `m${i}`, history: [{ epoch: 1, loss: 1, seconds: 0 }] }));
    const f = trainingCurvesFigure(many);
    expect(f.layout!.height).toBe(150 + 250 * 3);
    expect(trainingCurvesFigure(many.slice(0, 1)).layout!.height).toBe(150 + 250);
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

describe("trainingCurvesFigure: panels", () => {
  it("each panel spans its own epochs; an empty history says so instead of drawing an empty frame", () => {
    const long = { name: "long", history: Array.from({ length: 30 }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1), seconds: 0 })) };
    const short = { name: "short", history: [{ epoch: 1, loss: 1, seconds: 0 }, { epoch: 2, loss: 0.8, seconds: 0 }] };
    const f = trainingCurvesFigure([long, short, { name: "rare", history: [] }]);
    expect(f.layout!.xaxis).toMatchObject({ range: [0.5, 30.5], dtick: 5 });
    expect(f.layout!.xaxis2).toMatchObject({ range: [0.5, 2.5], dtick: 1 });
    expect((f.layout!.annotations as { text: string; xref: string }[]).filter((a) => a.text === "no training history recorded").map((a) => a.xref)).toEqual(["x3 domain"]);
  });
});
