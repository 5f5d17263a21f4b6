import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sessionWindows } from "../../lib/windows/session.js";
import { dataPath } from "../../lib/runtime/project.js";

describe("sessionWindows", () => {
  const events = [
    { file: "f.log", lineNo: 1, content: "Receiving block blk_1 src: /10.0.0.1" },
    { file: "f.log", lineNo: 2, content: "heartbeat" },
    { file: "f.log", lineNo: 3, content: "Receiving block blk_-2" },
    { file: "f.log", lineNo: 4, content: "BLOCK* ask 10.0.0.1 to replicate blk_1 and blk_-2 (blk_1 again)" },
    { file: "f.log", lineNo: 5, content: "PacketResponder 0 for block blk_1 terminating" },
  ];
  it("groups lines by identifier, a line may belong to several sessions, unassigned lines are counted", () => {
    const s = sessionWindows(events, { idPattern: /blk_-?\d+/ });
    expect(s.windows.map((w) => w.id)).toEqual(["blk_1", "blk_-2"]);
    expect(s.windows[0]!.indices).toEqual([0, 3, 4]);
    expect(s.windows[1]!.indices).toEqual([2, 3]);
    expect(s.windows[0]!.lines).toEqual([
      { file: "f.log", lineNo: 1 },
      { file: "f.log", lineNo: 4 },
      { file: "f.log", lineNo: 5 },
    ]);
    expect(s.unassigned).toBe(1);
    expect(s.multiSession).toBe(1);
    expect(s.windows.every((w) => w.kind === "session")).toBe(true);
  });
  it("accepts a string pattern and a custom text reader, and rejects an empty-matching pattern", () => {
    const s = sessionWindows(events, { idPattern: "blk_-?\\d+", textOf: (e) => (e as { content: string }).content.toUpperCase().replace("BLK", "blk") });
    expect(s.windows.length).toBe(2);
    expect(() => sessionWindows(events, { idPattern: /x*/ })).toThrow(/matches the empty string/);
    expect(() => sessionWindows([{ file: "f", lineNo: 1 }], { idPattern: /blk_\d+/ })).toThrow(/f:1\) has no content/);
  });
  it("builds HDFS block sessions from the shipped 20,000-line raw sample, traceable to their lines", () => {
    const file = dataPath("logai-raw", "HDFS_20000.log");
    const lines = readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l !== "");
    const s = sessionWindows(lines.map((content, i) => ({ file, lineNo: i + 1, content })), { idPattern: /blk_-?\d+/ });
    expect(s.windows.length).toBeGreaterThan(100);
    const w = s.windows[0]!;
    for (const ref of w.lines) expect(lines[ref.lineNo - 1]).toContain(w.id);
  });
});
