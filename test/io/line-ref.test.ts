import { describe, expect, it } from "vitest";
import { formatLineRef } from "../../lib/io/line-ref.js";

describe("formatLineRef", () => {
  it("prints file:lineNo", () => {
    expect(formatLineRef({ file: "data/HDFS_2k.log", lineNo: 27 })).toBe("data/HDFS_2k.log:27");
    expect(formatLineRef({ file: "C:\\logs\\a.log", lineNo: 1 })).toBe("C:\\logs\\a.log:1");
  });
});
