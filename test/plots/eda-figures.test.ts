import { describe, expect, it } from "vitest";
import { labelLoghubSystems } from "../../lib/label/loghub-labels.js";
import { anomalyRatioFigure } from "../../lib/plots/anomaly-ratio.js";
import { classDistributionFigure } from "../../lib/plots/class-distribution.js";
import { duplicateSessionsFigure } from "../../lib/plots/duplicate-sessions.js";
import { eventsOverTimeFigure } from "../../lib/plots/events-over-time.js";
import { sessionLengthFigure } from "../../lib/plots/session-lengths.js";
import { templateLongTailFigure } from "../../lib/plots/template-long-tail.js";

describe("EDA figure builders", () => {
  it("long tail: one rank-frequency line per system, sorted, with the rare threshold", () => {
    const f = templateLongTailFigure([{ system: "A", counts: [1, 5, 3] }, { system: "B", counts: [2] }], 2);
    expect(f.data.length).toBe(2);
    expect(f.data[0]!.y).toEqual([5, 3, 1]);
    expect(f.data[0]!.x).toEqual([1, 2, 3]);
    expect((f.layout!.shapes as unknown[]).length).toBe(1);
  });
  it("events over time: a panel per series, anomalies overlaid where labeled", () => {
    const f = eventsOverTimeFigure([
      { name: "a", binStart: [0, 1000], counts: [3, 4], anomalies: [1, 0], binMs: 1000 },
      { name: "b", binStart: [0], counts: [1], binMs: 60e3 },
    ]);
    expect(f.data.map((d) => d.yaxis)).toEqual(["y", "y", "y2"]);
    expect(f.layout!.xaxis2).toMatchObject({ type: "date" });
  });
  it("session lengths, anomaly ratio, class distribution and duplicates", () => {
    expect(sessionLengthFigure([{ name: "x", lengths: [1, 2, 3] }]).data[0]!.type).toBe("box");
    const rows = [{ value: "KERNEL", lines: 10, anomalies: 2, ratio: 0.2 }];
    const ar = anomalyRatioFigure({ field: "Component", rows }, { field: "Level", rows }, "t");
    expect(ar.data.map((d) => d.xaxis)).toEqual(["x", "x2"]);
    const cov = labelLoghubSystems(["HDFS", "OpenSSH"]).map((l) => l.coverage);
    const cd = classDistributionFigure(cov);
    expect(cd.data.length).toBe(7);
    const total = cd.data.reduce((a, d) => a + (d.y as number[])[0]!, 0);
    expect(total).toBeCloseTo(1);
    const dup = duplicateSessionsFigure([{ name: "hdfs_train", sessions: 4855, distinct: 839 }]);
    expect(dup.data[1]!.text).toEqual(["17%"]);
  });
});
