import { describe, expect, it } from "vitest";
import { anomalyRatioBy } from "../../lib/label/anomaly-ratio.js";

describe("anomalyRatioBy", () => {
  it("gives the anomalous share per value and pools the tail", () => {
    const rows = anomalyRatioBy(["K", "K", "A", "A", "A", "M", ""], [1, 0, 0, 0, 1, 1, 0], { top: 2 });
    expect(rows).toEqual([
      { value: "A", lines: 3, anomalies: 1, ratio: 1 / 3 },
      { value: "K", lines: 2, anomalies: 1, ratio: 0.5 },
      { value: "(other 2)", lines: 2, anomalies: 1, ratio: 0.5 },
    ]);
    expect(() => anomalyRatioBy(["a"], [])).toThrow(/1 values but 0 labels/);
  });
});
