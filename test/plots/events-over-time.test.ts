import { describe, expect, it } from "vitest";
import { eventsOverTimeFigure } from "../../lib/plots/events-over-time.js";

describe("eventsOverTimeFigure", () => {
  // Moved from test/plots/eda-figures.test.ts.
  it("events over time: a panel per series, anomalies overlaid where labeled", () => {
    const f = eventsOverTimeFigure([
      { name: "a", binStart: [0, 1000], counts: [3, 4], anomalies: [1, 0], binMs: 1000 },
      { name: "b", binStart: [0], counts: [1], binMs: 60e3 },
    ]);
    expect(f.data.map((d) => d.yaxis)).toEqual(["y", "y", "y2"]);
    expect(f.layout!.xaxis2).toMatchObject({ type: "date" });
  });

  it("bins become ISO dates; the bin size is named in the axis title; only the first anomaly trace is in the legend", () => {
    const f = eventsOverTimeFigure(
      [
        { name: "d", binStart: [Date.UTC(2005, 5, 3)], counts: [5], anomalies: [2], binMs: 86400e3 },
        { name: "h", binStart: [0], counts: [1], anomalies: [1], binMs: 3600e3 },
        { name: "s", binStart: [0], counts: [1], binMs: 1500 },
      ],
      { columns: 2 },
    );
    expect(f.data[0]!.x).toEqual(["2005-06-03T00:00:00.000Z"]);
    expect(f.data.map((d) => [d.name, d.showlegend])).toEqual([
      ["events", true],
      ["anomalous (ground truth)", true],
      ["events", false],
      ["anomalous (ground truth)", false],
      ["events", false],
    ]);
    const titles = ["yaxis", "yaxis2", "yaxis3"].map((k) => (f.layout![k] as { title: { text: string } }).title.text);
    expect(titles).toEqual(["d<br><sub>per 1 d</sub>", "h<br><sub>per 1 h</sub>", "s<br><sub>per 1.5 s</sub>"]);
    expect(f.layout!.grid).toMatchObject({ rows: 2, columns: 2 });
    expect(eventsOverTimeFigure([{ name: "m", binStart: [], counts: [], binMs: 120e3 }], { columns: 5 }).layout!.grid).toMatchObject({ rows: 1, columns: 1 });
    expect((eventsOverTimeFigure([{ name: "m", binStart: [], counts: [], binMs: 120e3 }]).layout!.yaxis as { title: { text: string } }).title.text).toContain("per 2 min");
  });
});
