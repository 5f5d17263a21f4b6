import { describe, expect, it } from "vitest";
import { summarizeTemplateStatistics, templateStatistics } from "../../lib/features/template-statistics.js";
import { templateWords } from "../../lib/features/template-words.js";

describe("template words and statistics", () => {
  it("splits identifiers and drops parameters, numbers and punctuation", () => {
    expect(templateWords("BLOCK* NameSystem.addStoredBlock: blockMap updated: <*>:<*> is added to blk_<*> size <*>")).toEqual(["block", "name", "system", "add", "stored", "block", "block", "map", "updated", "is", "added", "to", "blk", "size"]);
    expect(templateWords("HTTPServer x2 <:IP:> error")).toEqual(["http", "server", "error"]);
    expect(templateWords("a b1 22", { keepNumbers: true, minLength: 1 })).toEqual(["a", "b", "1", "22"]);
  });
  it("measures length, tokens, digits, special characters and parameters", () => {
    const [s] = templateStatistics([{ template: "Received block blk_<*> of size <*> from /<*>", count: 292 }]);
    expect(s).toEqual({ template: "Received block blk_<*> of size <*> from /<*>", count: 292, length: 44, tokens: 8, words: 6, digits: 0, specialChars: 2, params: 3 });
    const [t] = templateStatistics(["CPU0 at 100% <:NUM:>"]);
    expect(t!.digits).toBe(4);
    expect(t!.specialChars).toBe(1);
    expect(t!.params).toBe(1);
    expect(t!.count).toBeNull();
  });
  it("summarizes a set", () => {
    const row = summarizeTemplateStatistics(templateStatistics(["a <*>", "b c", "d <*> <*>"]), "demo");
    expect(row.templates).toBe(3);
    expect(row["params median"]).toBe(1);
    expect(row["params max"]).toBe(2);
    expect(row["share with params"]).toBeCloseTo(2 / 3);
  });
});
