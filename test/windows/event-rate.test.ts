import { describe, expect, it } from "vitest";
import { eventCountsOverTime } from "../../lib/windows/event-rate.js";

describe("eventCountsOverTime", () => {
  it("bins events with empty bins kept, counts anomalies and missing times", () => {
    const ev = [{ timestamp: 0 }, { timestamp: 999 }, { timestamp: 2500 }, {}, { timestamp: 2100 }];
    const r = eventCountsOverTime(ev, { binMs: 1000, labels: [0, 1, 1, 1, 0] });
    expect(r.binStart).toEqual([0, 1000, 2000]);
    expect(r.counts).toEqual([2, 0, 2]);
    expect(r.anomalies).toEqual([1, 0, 1]);
    expect(r.missingTime).toBe(1);
  });
  it("chooses a round bin width giving at most maxBins bins", () => {
    const ev = Array.from({ length: 100 }, (_, i) => ({ timestamp: Date.UTC(2024, 0, 1) + i * 3600e3 }));
    const r = eventCountsOverTime(ev, { maxBins: 50 });
    expect(r.binMs).toBe(3 * 3600e3);
    expect(r.counts.reduce((a, b) => a + b, 0)).toBe(100);
    expect(eventCountsOverTime([{}]).counts).toEqual([]);
  });
});
