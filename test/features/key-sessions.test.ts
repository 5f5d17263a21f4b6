import { describe, expect, it } from "vitest";
import { EventKeyMap } from "../../lib/features/event-key-map.js";
import { windowKeySequences } from "../../lib/features/key-sessions.js";
import { sessionWindows } from "../../lib/windows/session.js";

const events = [
  { file: "f", lineNo: 1, content: "open blk_1", templateId: "t-open", template: "open <*>" },
  { file: "f", lineNo: 2, content: "open blk_2", templateId: "t-open", template: "open <*>" },
  { file: "f", lineNo: 3, content: "write blk_1", templateId: "t-write", template: "write <*>" },
  { file: "f", lineNo: 4, content: "fail blk_2", templateId: "t-fail", template: "fail <*>" },
  { file: "f", lineNo: 5, content: "close blk_1 blk_2", templateId: "t-close", template: "close <*> <*>" },
];

describe("windowKeySequences", () => {
  it("maps each window's events to integer keys and keeps their lines", () => {
    const { windows } = sessionWindows(events, { idPattern: /blk_\d+/ });
    const map = new EventKeyMap();
    const keyed = windowKeySequences(events, windows, map, [0, 0, 0, 1, 0]);
    expect(keyed.windows.map((w) => w.id)).toEqual(["blk_1", "blk_2"]);
    // keys by first appearance in window order: open=1, write=2, close=3, fail=4
    expect(keyed.sequences).toEqual([[1, 2, 3], [1, 4, 3]]);
    expect(keyed.labels).toEqual(new Uint8Array([0, 1]));
    expect(keyed.windows[1]!.lines.map((l) => l.lineNo)).toEqual([2, 4, 5]);
    expect(map.list().find((e) => e.eventId === "t-close")!.occurrences).toBe(2);
  });

  it("reuses an existing map so the same template keeps its key", () => {
    const map = new EventKeyMap();
    map.keyOf("t-fail", "fail <*>");
    const { windows } = sessionWindows(events, { idPattern: /blk_\d+/ });
    expect(windowKeySequences(events, windows, map).sequences[1]).toEqual([2, 1, 4]);
  });
});
