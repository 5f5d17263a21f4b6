import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lineAlignedRanges } from "../../lib/io/line-ranges.js";
import { LineReader, readAllLines } from "../../lib/io/line-reader.js";
import type { Rejected } from "../../lib/io/rejected.js";

// lineAlignedRanges + LineReader({ start, end, firstLineNo }): reading the ranges in order must
// give exactly what reading the whole file gives (lines, numbers, rejects, counts).
const dir = mkdtempSync(join(tmpdir(), "loglab-line-ranges-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readRanges(path: string, target: number, maxLineBytes?: number): Promise<{ lines: string[]; lineNos: number[]; rejects: Rejected[]; count: number; ranges: number }> {
  const ranges = lineAlignedRanges(path, target);
  const out = { lines: [] as string[], lineNos: [] as number[], rejects: [] as Rejected[], count: 0, ranges: ranges.length };
  for (const r of ranges) {
    const reader = new LineReader(path, { start: r.start, end: r.end, firstLineNo: out.count, maxLineBytes, chunkBytes: 7 });
    for await (const b of reader.batches()) {
      out.lines.push(...b.lines);
      out.lineNos.push(...b.lineNos);
    }
    out.rejects.push(...reader.rejects);
    out.count += reader.stats.lines;
  }
  return out;
}

describe("lineAlignedRanges", () => {
  it("cuts after line feeds only; the ranges read in order equal the whole file", async () => {
    const path = join(dir, "mixed.log");
    // LF, CRLF, a lone CR, empty lines, a too-long line, UTF-8, a line starting with BOM bytes mid-file, no final newline.
    const text = ["\ufeffalpha", "beta\r", "gamma\rdelta", "", "x".repeat(40), "é ✓ unicode", "\ufeffnot a BOM here", ...Array.from({ length: 30 }, (_, i) => `line ${i}`), "last"].join("\n");
    writeFileSync(path, text);
    const whole = await readAllLines(path, { maxLineBytes: 30 });
    for (const target of [1, 3, 10, 64, 1 << 20]) {
      const parts = await readRanges(path, target, 30);
      expect(parts.lines, `target ${target}`).toEqual(whole.lines);
      expect(parts.lineNos).toEqual(whole.lineNos);
      expect(parts.rejects).toEqual(whole.rejects);
      expect(parts.count).toBe(whole.stats.lines);
    }
    expect((await readRanges(path, 10)).ranges).toBeGreaterThan(5);
  });

  it("never splits a CRLF pair and covers the file without gaps", () => {
    const path = join(dir, "crlf.log");
    writeFileSync(path, "a\r\nbb\r\nccc\r\n");
    for (const target of [1, 2, 3, 4, 5]) {
      const ranges = lineAlignedRanges(path, target);
      expect(ranges[0]!.start).toBe(0);
      expect(ranges[ranges.length - 1]!.end).toBe(12);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
      for (const r of ranges.slice(0, -1)) expect([3, 7, 12]).toContain(r.end);
    }
  });

  it("gives an empty file one empty range, and refuses a non-positive size", () => {
    const path = join(dir, "empty.log");
    writeFileSync(path, "");
    expect(lineAlignedRanges(path, 10)).toEqual([{ start: 0, end: 0 }]);
    expect(() => lineAlignedRanges(path, 0)).toThrow(/targetBytes must be a positive integer/);
  });

  it("refuses a byte range of a gzip file", async () => {
    const path = join(dir, "x.log.gz");
    writeFileSync(path, Buffer.from([0x1f, 0x8b, 0, 0]));
    const reader = new LineReader(path, { start: 0, end: 2 });
    await expect(async () => {
      for await (const _ of reader.batches()) void _;
    }).rejects.toThrow(/byte range of a gzip file/);
  });
});
