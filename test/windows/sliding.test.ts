import { describe, expect, it } from "vitest";
import { fixedTimeWindows } from "../../lib/windows/fixed.js";
import { slidingCountWindows, slidingTimeWindows } from "../../lib/windows/sliding.js";

const ev = (n: number, t?: (i: number) => number | undefined) => Array.from({ length: n }, (_, i) => ({ file: "a.log", lineNo: i + 1, timestamp: t ? t(i) : undefined }));

describe("count windows", () => {
  it("sliding windows overlap by size − step and stop at the first window reaching the end", () => {
    const w = slidingCountWindows(ev(7), { size: 4, step: 2 });
    expect(w.map((x) => x.indices)).toEqual([[0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6]]);
    expect(w.map((x) => x.id)).toEqual(["count:0", "count:2", "count:4"]);
    expect(slidingCountWindows(ev(3), { size: 5, step: 1 }).map((x) => x.indices)).toEqual([[0, 1, 2]]);
    expect(slidingCountWindows([], { size: 5 })).toEqual([]);
  });
  it("rejects bad sizes", () => {
    expect(() => slidingCountWindows(ev(3), { size: 0 })).toThrow(/window size must be a positive integer/);
    expect(() => slidingCountWindows(ev(3), { size: 2, step: 1.5 })).toThrow(/window step/);
  });
});

describe("time windows", () => {
  it("sliding time windows overlap; events keep input order even when timestamps are out of order", () => {
    const e = ev(4, (i) => [2000, 0, 1500, 500][i]);
    const r = slidingTimeWindows(e, { sizeMs: 1000, stepMs: 500 });
    expect(r.windows.map((w) => [w.startTime, w.indices])).toEqual([
      [0, [1, 3]],
      [500, [3]],
      [1000, [2]],
      [1500, [0, 2]],
      [2000, [0]],
    ]);
  });
  it("starts with windows that reach back before the first event when step < size", () => {
    const r = slidingTimeWindows(ev(1, () => 5000), { sizeMs: 1000, stepMs: 500, originMs: 0 });
    expect(r.windows.map((w) => w.startTime)).toEqual([4500, 5000]);
  });
  it("rejects events without a timestamp with the file and line, and jumps long gaps", () => {
    const e = ev(3, (i) => [0, undefined, 10 * 86400e3][i]);
    const r = fixedTimeWindows(e, 1000);
    expect(r.rejected).toEqual([{ file: "a.log", lineNo: 2, reason: "no timestamp (time windows need one)" }]);
    expect(r.windows.length).toBe(2);
    expect(r.emptySlots).toBe(864000 - 1);
  });
});
