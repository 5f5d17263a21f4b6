import { describe, expect, it } from "vitest";
import { SessionStream, type StreamedSession } from "../../lib/windows/session-stream.js";

function collect(timeoutMs?: number): { stream: SessionStream; closed: StreamedSession[] } {
  const closed: StreamedSession[] = [];
  return { stream: new SessionStream({ timeoutMs, onClose: (s) => closed.push(s) }), closed };
}

describe("SessionStream", () => {
  it("without a timeout closes every session at the end, in order of first appearance, events in input order", () => {
    const { stream, closed } = collect();
    const ids = ["b", "a", "b", "c", "a", "b"];
    ids.forEach((id, i) => stream.add(id, i + 1, 100 + i, undefined, i === 3 ? 1 : 0));
    expect(closed).toEqual([]);
    expect(stream.openSessions).toBe(3);
    stream.end();
    expect(closed.map((s) => s.id)).toEqual(["b", "a", "c"]);
    expect([...closed[0]!.lines]).toEqual([1, 3, 6]);
    expect([...closed[0]!.values]).toEqual([100, 102, 105]);
    expect(closed.map((s) => s.label)).toEqual([0, 0, 1]);
    expect(closed.every((s) => s.closedBy === "end")).toBe(true);
    expect(stream.openSessions).toBe(0);
  });

  it("keeps long sessions intact across many chunks and reuses freed chunks", () => {
    const { stream, closed } = collect();
    for (let i = 0; i < 10_000; i++) stream.add(`s${i % 7}`, i, i * 3, undefined, 0);
    stream.end();
    expect(closed).toHaveLength(7);
    for (const [k, s] of closed.entries()) {
      expect(s.lines.length).toBe(k < 10_000 % 7 ? Math.ceil(10_000 / 7) : Math.floor(10_000 / 7));
      s.lines.forEach((l, j) => {
        expect(l).toBe(k + 7 * j);
        expect(s.values[j]).toBe(3 * l);
      });
    }
  });

  it("with a timeout closes an idle session and opens a new one for the same id", () => {
    const { stream, closed } = collect(10_000);
    stream.add("p1", 1, 0, 0, 0);
    stream.add("p2", 2, 0, 1_000, 0);
    stream.add("p1", 3, 0, 5_000, 0); // 5 s after its last line: same session
    stream.add("p2", 4, 0, 11_000, 0); // 10 s after: not more than the timeout, same session
    stream.add("p1", 5, 0, 16_000, 0); // 11 s after: a new session
    expect(closed.map((s) => [s.id, [...s.lines], s.closedBy])).toEqual([["p1", [1, 3], "timeout"]]);
    stream.add("p3", 6, 0, 40_000, 0); // the clock passes p2's and p1's idle time
    expect(closed.map((s) => s.id)).toEqual(["p1", "p2", "p1"]);
    stream.end();
    expect(closed.map((s) => [s.id, [...s.lines], s.closedBy])).toEqual([
      ["p1", [1, 3], "timeout"],
      ["p2", [2, 4], "timeout"],
      ["p1", [5], "timeout"],
      ["p3", [6], "end"],
    ]);
    expect(closed[1]).toMatchObject({ firstTimestamp: 1_000, lastTimestamp: 11_000 });
  });

  it("bounds what it holds by the open sessions", () => {
    const { stream, closed } = collect(1_000);
    for (let i = 0; i < 50_000; i++) stream.add(`s${i}`, i, 0, i * 100, 0); // each session idle after 1 s
    expect(stream.peakOpen).toBeLessThan(20);
    expect(stream.heldEvents).toBeLessThan(20 * 8);
    stream.end();
    expect(closed).toHaveLength(50_000);
  });

  it("refuses an event without a timestamp when a timeout is set, and adds after end", () => {
    const { stream } = collect(1_000);
    expect(() => stream.add("a", 1, 0, undefined, 0)).toThrow(/without a timestamp/);
    stream.end();
    expect(() => stream.add("a", 1, 0, 5, 0)).toThrow(/after end/);
  });
});
