import { describe, expect, it } from "vitest";
import { anomalyRatioFigure } from "../../lib/plots/anomaly-ratio.js";

describe("anomalyRatioFigure", () => {
  // Moved from test/plots/eda-figures.test.ts.
  it("two panels side by side", () => {
    const rows = [{ value: "KERNEL", lines: 10, anomalies: 2, ratio: 0.2 }];
    const ar = anomalyRatioFigure({ field: "Component", rows }, { field: "Level", rows }, "t");
    expect(ar.data.map((d) => d.xaxis)).toEqual(["x", "x2"]);
  });

  it("bars are the anomalous share, their text the counts; axes are titled with the fields", () => {
    const f = anomalyRatioFigure(
      { field: "Component", rows: [{ value: "KERNEL", lines: 10, anomalies: 2, ratio: 0.2 }, { value: "APP", lines: 4, anomalies: 0, ratio: 0 }] },
      { field: "Level", rows: [{ value: "FATAL", lines: 5, anomalies: 5, ratio: 1 }] },
      "BGL anomaly ratio",
    );
    expect(f.data[0]).toMatchObject({ type: "bar", name: "Component", x: ["KERNEL", "APP"], y: [0.2, 0], text: ["2/10", "0/4"], yaxis: "y" });
    expect(f.data[1]).toMatchObject({ name: "Level", x: ["FATAL"], y: [1], text: ["5/5"], xaxis: "x2", yaxis: "y2" });
    expect(f.layout).toMatchObject({ xaxis: { title: { text: "Component" } }, xaxis2: { title: { text: "Level" } }, title: { text: "BGL anomaly ratio" }, grid: { rows: 1, columns: 2 } });
  });
});
