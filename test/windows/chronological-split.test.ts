import { describe, expect, it } from "vitest";
import { chronologicalSplit, checkSplitFractions, splitCountRows } from "../../lib/windows/chronological-split.js";
import { lineWindows, windowSpan } from "../../lib/windows/event-window.js";
import { slidingCountWindows } from "../../lib/windows/sliding.js";

const events = Array.from({ length: 100 }, (_, i) => ({ file: "a.log", lineNo: i + 1 }));
const fr = { train: 0.7, validation: 0.1, test: 0.2 };

describe("chronologicalSplit", () => {
  it("splits one-line windows exactly by the fractions, in order", () => {
    const s = chronologicalSplit(lineWindows(events), { fractions: fr });
    expect([s.train.length, s.validation.length, s.test.length, s.dropped.length]).toEqual([70, 10, 20, 0]);
    expect(s.boundaries).toEqual({ validation: 70, test: 80 });
    expect(s.test[0]!.lines[0]!.lineNo).toBe(81);
  });
  it("drops overlapping windows that straddle a boundary, so no window crosses it", () => {
    const w = slidingCountWindows(events, { size: 10, step: 2 });
    const s = chronologicalSplit(w, { fractions: fr });
    expect(s.dropped.length).toBeGreaterThan(0);
    for (const x of s.train) expect(windowSpan(x).last).toBeLessThan(s.boundaries.validation);
    for (const x of s.validation) {
      expect(windowSpan(x).first).toBeGreaterThanOrEqual(s.boundaries.validation);
      expect(windowSpan(x).last).toBeLessThan(s.boundaries.test);
    }
    for (const x of s.test) expect(windowSpan(x).first).toBeGreaterThanOrEqual(s.boundaries.test);
    expect(s.train.length + s.validation.length + s.test.length + s.dropped.length).toBe(w.length);
    const rows = splitCountRows(s, "demo");
    expect(rows.map((r) => r.split)).toEqual(["train", "validation", "test", "dropped (straddle a boundary)"]);
  });
  it("can cut by event position instead of window count", () => {
    const s = chronologicalSplit(slidingCountWindows(events, { size: 5 }), { fractions: fr, by: "events", eventCount: 100 });
    expect(s.boundaries).toEqual({ validation: 70, test: 80 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([14, 2, 4]);
  });
  it("handles a zero test share and checks fractions", () => {
    const s = chronologicalSplit(lineWindows(events), { fractions: { train: 0.8, validation: 0.2, test: 0 } });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([80, 20, 0]);
    expect(() => checkSplitFractions({ train: 0.5, validation: 0.1, test: 0.1 })).toThrow(/sum to 1/);
    expect(() => checkSplitFractions({ train: 0, validation: 0.5, test: 0.5 })).toThrow(/train must be positive/);
  });
});
