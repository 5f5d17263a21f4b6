import { describe, expect, it } from "vitest";
import { ownString } from "../../lib/runtime/own-string.js";

describe("ownString", () => {
  it("returns an equal string (short, long, non-ASCII, with quotes and control characters)", () => {
    const line = `081109 203615 148 INFO dfs.DataNode: block blk_-1608999687919862906 "é" \u0001 \\ end`;
    for (const s of ["", "blk_1", line.slice(40, 70), line, line.slice(60)]) expect(ownString(s)).toBe(s);
  });
});
