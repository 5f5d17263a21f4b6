import { describe, expect, it } from "vitest";
import { lineWindows, windowLabels, windowSpan, windowValues } from "../../lib/windows/event-window.js";
import { slidingCountWindows } from "../../lib/windows/sliding.js";

describe("event windows", () => {
  const events = [1, 2, 3, 4, 5].map((n) => ({ file: "x.log", lineNo: n * 10 }));
  it("map values and labels onto windows, a window is anomalous when any event is", () => {
    const w = slidingCountWindows(events, { size: 2, step: 2 });
    expect(windowValues(w, ["a", "b", "c", "d", "e"])).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(Array.from(windowLabels(w, [0, 0, 0, 1, 0]))).toEqual([0, 1, 0]);
    expect(windowSpan(w[1]!)).toEqual({ first: 2, last: 3 });
  });
  it("keep the file and line of every event (traceability)", () => {
    const w = lineWindows(events);
    expect(w[2]!.lines).toEqual([{ file: "x.log", lineNo: 30 }]);
    expect(w[2]!.id).toBe("line:x.log:30");
  });
  it("name the window when values are missing", () => {
    expect(() => windowValues(lineWindows(events), [1])).toThrow(/window line:x.log:20: position 1 is beyond the 1 values/);
  });
});
