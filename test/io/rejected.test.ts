import { describe, expect, it } from "vitest";
import { countRejectReasons } from "../../lib/io/rejected.js";

describe("countRejectReasons", () => {
  it("counts rejects per reason", () => {
    expect(
      countRejectReasons([
        { file: "a", lineNo: 1, reason: "too long" },
        { file: "a", lineNo: 5, reason: "header mismatch" },
        { file: "b", lineNo: 2, reason: "too long" },
      ]),
    ).toEqual({ "too long": 2, "header mismatch": 1 });
  });
});
