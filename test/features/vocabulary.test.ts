import { describe, expect, it } from "vitest";
import { Vocabulary } from "../../lib/features/vocabulary.js";

describe("Vocabulary", () => {
  it("orders specials first, then by count, ties by text: independent of input order", () => {
    const a = Vocabulary.build(["b", "a", "c", "a", "b", "d"], { specials: ["[PAD]", "[UNK]"], unknown: "[UNK]" });
    const b = Vocabulary.build(["d", "b", "b", "a", "a", "c"], { specials: ["[PAD]", "[UNK]"], unknown: "[UNK]" });
    expect(a.tokens).toEqual(["[PAD]", "[UNK]", "a", "b", "c", "d"]);
    expect(b.tokens).toEqual(a.tokens);
    expect(a.counts).toEqual([0, 0, 2, 2, 1, 1]);
    expect(a.id("zzz")).toBe(1);
    expect(a.has("zzz")).toBe(false);
    expect(a.token(2)).toBe("a");
    expect(() => a.token(99)).toThrow(/out of range/);
  });
  it("applies minCount and maxSize; without an unknown token, unknown ids are -1", () => {
    const v = Vocabulary.build(["x", "x", "y", "z", "z", "z"], { minCount: 2, maxSize: 1 });
    expect(v.tokens).toEqual(["z"]);
    expect(v.id("x")).toBe(-1);
  });
  it("round-trips through JSON and rejects other formats", () => {
    const v = Vocabulary.build(["a", "b", "b"], { specials: ["[UNK]"], unknown: "[UNK]" });
    const back = Vocabulary.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(back.tokens).toEqual(v.tokens);
    expect(back.id("nope")).toBe(0);
    expect(() => Vocabulary.fromJSON({ ...v.toJSON(), version: 2 as 1 })).toThrow(/not a loglab vocabulary v1/);
    expect(() => Vocabulary.build([], { unknown: "[UNK]" })).toThrow(/not among the specials/);
  });
});
