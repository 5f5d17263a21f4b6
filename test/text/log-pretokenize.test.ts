import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { logPretokenize } from "../../lib/text/log-pretokenize.js";

describe("logPretokenize", () => {
  it("splits words, digit runs and punctuation; masks IPs, hex and numbers", () => {
    expect(logPretokenize("Connection from 10.0.0.1:22 closed after 3 s")).toEqual(["connection", "from", "[IP]", "closed", "after", "[NUM]", "s"]);
    expect(logPretokenize("blk_-1608999687919862906 at 0x1F")).toEqual(["blk", "_", "-", "[NUM]", "at", "[HEX]"]);
    expect(logPretokenize("Failed password for root")).toEqual(["failed", "password", "for", "root"]);
  });
  it("keeps case and numbers when asked", () => {
    expect(logPretokenize("core.2275 Error", { maskParameters: false, lowercase: false })).toEqual(["core", ".", "2275", "Error"]);
  });
  it("never yields whitespace or empty tokens, and loses no non-space character (unmasked)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const toks = logPretokenize(s, { maskParameters: false, lowercase: false });
        expect(toks.every((t) => t.length > 0 && !/\s/.test(t))).toBe(true);
        expect(toks.join("")).toBe(s.replace(/\s/g, ""));
      }),
    );
  });
});
