import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CsvWriter, csvLine, parseCsvRows, readCsvFile } from "../../lib/io/csv.js";

describe("CSV", () => {
  it("parses quotes, doubled quotes, embedded line breaks, CRLF and a BOM", () => {
    expect(parseCsvRows('\ufeffa,b\r\n1,"x, ""y"""\r\n"multi\nline",\n')).toEqual([
      ["a", "b"],
      ["1", 'x, "y"'],
      ["multi\nline", ""],
    ]);
    expect(parseCsvRows("a,b")).toEqual([["a", "b"]]);
    expect(parseCsvRows("")).toEqual([]);
  });

  it("names the source and line of an unterminated quote", () => {
    expect(() => parseCsvRows('a\n"open', "f.csv")).toThrow(/f\.csv:2: unterminated/);
  });

  it("writes what it reads back", () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-csv-"));
    const p = join(dir, "t.csv");
    const w = new CsvWriter(p, ["id", "text"]);
    const values = ["plain", "with, comma", 'with "quote"', "line\nbreak", ""];
    values.forEach((v, i) => w.write([i, v]));
    w.close();
    const t = readCsvFile(p);
    expect(t.header).toEqual(["id", "text"]);
    expect(t.records.map((r) => r[1])).toEqual(values);
    expect(readFileSync(p, "utf8").split("\n")[0]).toBe("id,text");
    expect(csvLine(["a", 1, null, true])).toBe("a,1,,true");
  });
});
