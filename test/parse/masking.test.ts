import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_MASKING_RULES, Masker, originalRange } from "../../lib/parse/masking.js";

function rebuild(masked: { text: string; spans: { start: number; end: number; origStart: number; origEnd: number }[] }, original: string): string {
  let out = "";
  let last = 0;
  for (const s of masked.spans) {
    out += masked.text.slice(last, s.start) + original.slice(s.origStart, s.origEnd);
    last = s.end;
  }
  return out + masked.text.slice(last);
}

describe("Masker", () => {
  it("applies rules in order, `*` as <*> and names as <:NAME:>", () => {
    const m = new Masker([
      { name: "*", pattern: "blk_-?\\d+" },
      { name: "IP", pattern: "(\\d+\\.){3}\\d+(:\\d+)?" },
    ]);
    expect(m.mask("Receiving block blk_-1608 src: /10.250.19.102:54106")).toBe("Receiving block <*> src: /<:IP:>");
  });

  it("default named masks: IP with port, HEX, NUM, UUID (Drain3 issues #80, #58)", () => {
    const m = new Masker(DEFAULT_MASKING_RULES);
    expect(m.mask("from 10.0.0.1:8080 got 0x1f and 42 items, id 123e4567-e89b-12d3-a456-426614174000")).toBe("from <:IP:> got <:HEX:> and <:NUM:> items, id <:UUID:>");
    expect(m.mask("version v2 and x86_64")).toBe("version v2 and x86_64");
  });

  it("records where each placeholder came from, also when a later rule swallows earlier placeholders", () => {
    const m = new Masker([{ name: "*", pattern: "\\d+" }, { name: "*", pattern: "<\\*>\\.<\\*>" }]);
    const t = "v 1.25 and 7";
    const r = m.maskWithSpans(t);
    expect(r.text).toBe("v <*> and <*>");
    expect(r.spans.map((s) => t.slice(s.origStart, s.origEnd))).toEqual(["1.25", "7"]);
    expect(originalRange(r.spans, 2, 5)).toEqual([2, 6]);
    expect(originalRange(r.spans, 6, 9)).toEqual([7, 10]);
  });

  it("keepWhitespace stops a `\\s`-ended mask from gluing tokens together", () => {
    const rules = [{ name: "*", pattern: "0x.*?\\s" }];
    expect(new Masker(rules).mask("code 0x80 - failed")).toBe("code <*>- failed");
    expect(new Masker(rules, { keepWhitespace: true }).mask("code 0x80 - failed")).toBe("code <*> - failed");
  });

  it("names the rule of an invalid pattern", () => {
    expect(() => new Masker([{ name: "X", pattern: "(" }])).toThrow(/masking rule 1 \(X\): invalid pattern/);
    expect(() => new Masker([{ name: "a b", pattern: "x" }])).toThrow(/must be "\*"/);
  });

  it("mask, then rebuild from the spans, gives back the message (property)", () => {
    const m = new Masker([...DEFAULT_MASKING_RULES, { name: "*", pattern: "<:NUM:>\\.\\w+" }], { keepWhitespace: true });
    const piece = fc.constantFrom("a", "1", "12", ".", " ", ":", "0x", "ff", "10.0.0.1", "-", "<*>", "<:NUM:>", "é");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const t = parts.join("");
        const r = m.maskWithSpans(t);
        expect(r.text).toBe(m.mask(t));
        expect(rebuild(r, t)).toBe(t);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});

describe("faster equivalents of the LogHub IPv4 masks", () => {
  it("find exactly the same matches as the originals on random text (property)", async () => {
    const { FASTER_EQUIVALENT } = await import("../../lib/parse/masking.js");
    const piece = fc.constantFrom("1", "12", "123456789", ".", ":", "a", " ", "-", "/", "10.0.0.1", ":80");
    for (const [orig, fast] of Object.entries(FASTER_EQUIVALENT)) {
      const a = new RegExp(orig, "g");
      const b = new RegExp(fast, "g");
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 24 }), (parts) => {
          const t = parts.join("");
          expect([...t.matchAll(b)].map((m) => [m.index, m[0]])).toEqual([...t.matchAll(a)].map((m) => [m.index, m[0]]));
        }),
        { numRuns: 3000, seed: 17 },
      );
    }
  });
});
