import { describe, expect, it } from "vitest";
import { templateWords } from "../../lib/features/template-words.js";

describe("templateWords", () => {
  it("the documented example: parameters dropped, identifiers split, lower-cased, punctuation gone", () => {
    expect(templateWords("BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*>")).toEqual(["block", "name", "system", "add", "stored", "block", "block", "map", "updated", "is", "added", "to"]);
  });

  it("named masks are parameters too; an all-capitals run before a capitalised word splits before that word", () => {
    expect(templateWords("Accepted <:IP:> via HTTPServer <:NUM:>")).toEqual(["accepted", "via", "http", "server"]);
    expect(templateWords("getHTTPResponseCode")).toEqual(["get", "http", "response", "code"]);
    expect(templateWords("x2Go")).toEqual(["go"]); // "x" is one letter, "2" a number
  });

  it("numbers are dropped by default and kept as separate words with keepNumbers", () => {
    expect(templateWords("retry 3 of 10 for job_42")).toEqual(["retry", "of", "for", "job"]);
    expect(templateWords("retry 3 of 10 for job_42", { keepNumbers: true, minLength: 1 })).toEqual(["retry", "3", "of", "10", "for", "job", "42"]);
  });

  it("minLength drops short words; splitCamelCase: false keeps identifiers whole", () => {
    expect(templateWords("a is ok now", { minLength: 3 })).toEqual(["now"]);
    expect(templateWords("a is ok now", { minLength: 1 })).toEqual(["a", "is", "ok", "now"]);
    expect(templateWords("NameSystem.addStoredBlock", { splitCamelCase: false })).toEqual(["namesystem", "addstoredblock"]);
  });

  it("a template of parameters only has no words", () => {
    expect(templateWords("<*> <*>: <:IP:>")).toEqual([]);
    expect(templateWords("")).toEqual([]);
  });
});
