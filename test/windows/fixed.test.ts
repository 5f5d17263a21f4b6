import { describe, expect, it } from "vitest";
import { fixedCountWindows, fixedTimeWindows } from "../../lib/windows/fixed.js";

const ev = (n: number, t?: (i: number) => number | undefined) => Array.from({ length: n }, (_, i) => ({ file: "a.log", lineNo: i + 1, timestamp: t ? t(i) : undefined }));

describe("fixedCountWindows", () => {
  // Moved from test/windows/sliding.test.ts.
  it("fixed windows cover every event once; the last may be short", () => {
    const w = fixedCountWindows(ev(10), 4);
    expect(w.map((x) => x.indices)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(w[2]!.lines).toEqual([{ file: "a.log", lineNo: 9 }, { file: "a.log", lineNo: 10 }]);
  });

  it("ceil(n / size) windows with ids count:<start>; none for no events; a bad size is an error", () => {
    const w = fixedCountWindows(ev(8), 4);
    expect(w.map((x) => [x.id, x.kind])).toEqual([
      ["count:0", "count"],
      ["count:4", "count"],
    ]);
    expect(fixedCountWindows(ev(3), 10).map((x) => x.indices)).toEqual([[0, 1, 2]]);
    expect(fixedCountWindows([], 4)).toEqual([]);
    expect(() => fixedCountWindows(ev(3), 0)).toThrow("window size must be a positive integer, got 0");
    expect(() => fixedCountWindows(ev(3), 1.5)).toThrow(/window size must be a positive integer/);
  });
});

describe("fixedTimeWindows", () => {
  // Moved from test/windows/sliding.test.ts.
  it("fixed time windows group by [start, start + size), skip empty slots and count them", () => {
    const e = ev(6, (i) => [0, 500, 999, 1000, 3500, 3999][i]);
    const r = fixedTimeWindows(e, 1000);
    expect(r.windows.map((w) => w.indices)).toEqual([[0, 1, 2], [3], [4, 5]]);
    expect(r.windows.map((w) => [w.startTime, w.endTime])).toEqual([[0, 1000], [1000, 2000], [3000, 4000]]);
    expect(r.emptySlots).toBe(1);
  });

  it("windows never overlap; an origin before the first event shifts the grid; events without a time are rejected by line", () => {
    const e = ev(4, (i) => [250, 1250, undefined, 1750][i]);
    const r = fixedTimeWindows(e, 1000, 200);
    expect(r.windows.map((w) => [w.id, w.indices])).toEqual([
      ["time:200", [0]],
      ["time:1200", [1, 3]],
    ]);
    expect(r.rejected).toEqual([{ file: "a.log", lineNo: 3, reason: "no timestamp (time windows need one)" }]);
    const all = r.windows.flatMap((w) => w.indices);
    expect(new Set(all).size).toBe(all.length);
    expect(() => fixedTimeWindows(e, 1000, 300)).toThrow("originMs 300 is after the earliest event (250)");
    expect(() => fixedTimeWindows(e, 0)).toThrow(/must be positive/);
  });
});
