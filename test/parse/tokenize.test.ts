import { describe, expect, it } from "vitest";
import { Tokenizer } from "../../lib/parse/tokenize.js";

describe("Tokenizer", () => {
  it("splits at whitespace runs like Python's str.split(), keeping offsets", () => {
    const t = new Tokenizer().split("  a \tbb\u001fc  ");
    expect(t.tokens).toEqual(["a", "bb", "c"]);
    expect(t.starts).toEqual([2, 5, 8]);
    expect(t.ends).toEqual([3, 7, 9]);
    expect(new Tokenizer().split("").tokens).toEqual([]);
  });

  it("also splits at extra delimiters (Drain3 extra_delimiters)", () => {
    expect(new Tokenizer(["=", ","]).split("a=1,b=2 c").tokens).toEqual(["a", "1", "b", "2", "c"]);
    expect(() => new Tokenizer(["=="])).toThrow(/single characters/);
  });
});
