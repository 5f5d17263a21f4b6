import { describe, expect, it } from "vitest";
import { loghubEpochEvents, loghubEventRates } from "../../../lib/experiments/parsing/loghub-event-rates.js";

describe("LogHub event rates", () => {
  it("times BGL by its epoch field and keeps its alert labels", () => {
    const t = loghubEpochEvents("BGL");
    expect(t.events.length).toBe(2000);
    expect(t.events[0]!.timestamp).toBe(1117838570000);
    expect(t.labels!.reduce((a, b) => a + b, 0)).toBe(143);
    expect(loghubEpochEvents("HPC").labels).toBeNull();
    expect(() => loghubEpochEvents("HDFS")).toThrow(/no epoch time field/);
  });
  it("bins every timed system", () => {
    const r = loghubEventRates(undefined, { maxBins: 50 });
    expect(r.map((s) => s.name)).toEqual(["BGL 2k", "Thunderbird 2k", "HPC 2k"]);
    for (const s of r) {
      expect(s.counts.reduce((a, b) => a + b, 0) + s.missingTime).toBe(2000);
      expect(s.counts.length).toBeLessThanOrEqual(50);
    }
  });
});

describe("parsed LogHub event rates", () => {
  it("parses a system with its preset, keeps BGL's alert labels aligned by line", async () => {
    const { loghubParsedEvents, loghubParsedEventRates } = await import("../../../lib/experiments/parsing/loghub-event-rates.js");
    const bgl = loghubParsedEvents("BGL");
    expect(bgl.events.length + bgl.rejects.length).toBe(2000);
    expect(bgl.labels!.reduce((a, b) => a + b, 0)).toBe(143);
    expect(bgl.timed).toBe(bgl.events.length);
    const r = loghubParsedEventRates(["HDFS", "Linux"], { maxBins: 30 });
    expect(r.series.map((s) => s.name)).toEqual(["HDFS"]);
    expect(r.untimed.map((u) => u.system)).toEqual(["Linux"]);
  });
});
