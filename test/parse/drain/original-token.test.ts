import { describe, expect, it } from "vitest";
import { Masker } from "../../../lib/parse/masking.js";
import { Tokenizer } from "../../../lib/parse/tokenize.js";
import { originalTokenText } from "../../../lib/parse/drain/original-token.js";

describe("originalTokenText", () => {
  it("gives a token's text as it was before masking", () => {
    const content = "open 10.0.0.1:80 by pid=42";
    const masked = new Masker([{ name: "*", pattern: "\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+" }, { name: "*", pattern: "\\d+" }]).maskFlat(content);
    const toks = new Tokenizer().split(masked.text);
    expect(toks.tokens).toEqual(["open", "<*>", "by", "pid=<*>"]);
    expect([0, 1, 2, 3].map((i) => originalTokenText(content, toks, masked.flat, i))).toEqual(["open", "10.0.0.1:80", "by", "pid=42"]);
  });

  it("without masks, slices the content", () => {
    const toks = new Tokenizer().split("a bb  c");
    expect(originalTokenText("a bb  c", toks, [], 2)).toBe("c");
  });
});
