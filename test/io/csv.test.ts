import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { damaged } from "./damage.js";
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

  // Issue 10: random bytes, line endings and truncation for every reader.
  describe("damaged CSV files (properties)", () => {
    const d = mkdtempSync(join(tmpdir(), "csv-fuzz-"));
    const p = join(d, "t.csv");
    const rows = [["Key", "EventId", "EventTemplate", "Occurrences"], ["1", "a1", 'say "hi", then <*>', "3"], ["2", "b2", "multi\nline <*>", "0"], ["3", "c3", "", "12"]];
    const text = rows.map((r) => csvLine(r)).join("\n") + "\n";
    const bytes = Buffer.from(text);

    it("random bytes: a table or an error naming the file, never a crash of another kind", () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
          writeFileSync(p, b);
          try {
            const t = readCsvFile(p);
            for (const r of t.records) expect(r).toHaveLength(t.header.length);
          } catch (err) {
            expect((err as Error).message).toMatch(/t\.csv/);
          }
        }),
        { numRuns: 300, seed: 20 },
      );
    });
    it("record ends LF or CRLF in any mix read the same records (quoted line breaks kept)", () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom("\n", "\r\n"), { minLength: 4, maxLength: 4 }), (ends) => {
          writeFileSync(p, rows.map((r, i) => csvLine(r) + ends[i]).join(""));
          const t = readCsvFile(p);
          expect([t.header, ...t.records]).toEqual(rows);
        }),
        { numRuns: 50, seed: 21 },
      );
    });
    it("a file cut at any byte reads as a prefix of its records (the last maybe shortened) or fails naming the file", () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => {
          writeFileSync(p, damaged(bytes, { cut }));
          let t;
          try {
            t = readCsvFile(p);
          } catch (err) {
            expect((err as Error).message).toMatch(/t\.csv/);
            return;
          }
          const got = [t.header, ...t.records];
          got.forEach((r, i) => {
            if (i < got.length - 1) expect(r).toEqual(rows[i]);
            else r.forEach((f, j) => expect(rows[i]![j]!.startsWith(f)).toBe(true));
          });
        }),
        { numRuns: 200, seed: 22 },
      );
    });
  });
});
