import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { slidingCountWindows, slidingTimeWindows } from "../../lib/windows/sliding.js";
import { uncoveredEvents } from "../../lib/windows/window-coverage.js";

const events = (n: number, gapMs = 1000) => Array.from({ length: n }, (_, i) => ({ file: "f", lineNo: i + 1, timestamp: i * gapMs }));

describe("uncoveredEvents", () => {
  it("lists the events between windows when the step is longer than the window", () => {
    expect(uncoveredEvents(20, slidingCountWindows(events(20), { size: 5, step: 10 }))).toEqual([5, 6, 7, 8, 9, 15, 16, 17, 18, 19]);
    expect(uncoveredEvents(20, slidingCountWindows(events(20), { size: 5, step: 3 }))).toEqual([]);
  });
  it("windowed + uncovered = every event, for any count or time windowing (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), (n, size, step, time) => {
        const ev = events(n);
        const windows = time ? slidingTimeWindows(ev, { sizeMs: size * 1000, stepMs: step * 1000 }).windows : slidingCountWindows(ev, { size, step });
        const placed = new Set(windows.flatMap((w) => w.indices));
        const left = uncoveredEvents(n, windows);
        expect(placed.size + left.length).toBe(n);
        for (const i of left) expect(placed.has(i)).toBe(false);
        if (step <= size) expect(left).toEqual([]);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
