import { describe, expect, it } from "vitest";
import { LiveSessionizer, type ClosedSession, type LiveGrouping } from "../../lib/live/live-sessionizer.js";
import { slidingCountWindows } from "../../lib/windows/sliding.js";

const line = (n: number) => ({ file: "f.log", lineNo: n, text: `line ${n}` });

function collect(grouping: LiveGrouping) {
  const closed: ClosedSession[] = [];
  return { s: new LiveSessionizer(grouping, (c) => closed.push(c)), closed };
}

describe("LiveSessionizer", () => {
  it("closes a session once log time moved past its timeout, with its keys and raw lines; the rest at the end", () => {
    const { s, closed } = collect({ kind: "session", timeoutMs: 1000 });
    s.add(line(1), 7, ["a"], 0);
    s.add(line(2), 8, ["a", "b"], 100);
    s.add(line(3), 9, ["b"], 500);
    expect(closed).toEqual([]);
    s.add(line(4), 1, ["c"], 1200); // a idle for 1,100 ms > 1,000: closed now
    expect(closed.map((c) => [c.id, c.keys, c.lines.map((l) => l.lineNo), c.closedBy])).toEqual([["a", [7, 8], [1, 2], "timeout"]]);
    s.add(line(5), 2, [], 1300); // in no session: not kept
    s.end();
    expect(closed.map((c) => [c.id, c.lines.map((l) => l.text), c.closedBy])).toEqual([
      ["a", ["line 1", "line 2"], "timeout"],
      ["b", ["line 2", "line 3"], "end"],
      ["c", ["line 4"], "end"],
    ]);
    expect(s.openSessions).toBe(0);
  });

  it("count windows close as soon as they fill, as slidingCountWindows cuts them (step shorter, equal and longer)", () => {
    for (const [size, step] of [[4, 2], [3, 3], [2, 3]] as const) {
      const { s, closed } = collect({ kind: "count", size, step });
      const seen: number[] = [];
      for (let i = 1; i <= 11; i++) {
        s.add(line(i), 100 + i, [], undefined);
        seen.push(closed.length);
      }
      s.end();
      const expected = slidingCountWindows(Array.from({ length: 11 }, (_, i) => line(i + 1)), { size, step });
      expect(closed.map((c) => c.id)).toEqual(expected.map((w) => w.id));
      expect(closed.map((c) => c.lines.map((l) => l.lineNo))).toEqual(expected.map((w) => w.lines.map((l) => l.lineNo)));
      expect(closed.map((c) => c.keys)).toEqual(expected.map((w) => w.lines.map((l) => 100 + l.lineNo)));
      // The first window closed with its last line, not at the end.
      expect(seen[size - 1]).toBe(1);
      for (const c of closed) expect(c.closedBy).toBe(c.lines.length === size ? "window" : "end");
      if (step > size) expect(s.notPlaced).toBe(11 - expected.reduce((a, w) => a + w.lines.length, 0));
    }
  });

  it("refuses events after the end and a timeout event without a timestamp", () => {
    const { s } = collect({ kind: "session", timeoutMs: 10 });
    expect(() => s.add(line(1), 1, ["a"], undefined)).toThrow(/without a timestamp/);
    s.end();
    expect(() => s.add(line(2), 1, ["a"], 5)).toThrow(/after end/);
  });
});
