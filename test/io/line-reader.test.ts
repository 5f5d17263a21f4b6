import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LineReader, readAllLines } from "../../lib/io/line-reader.js";
import { loghubLogPath } from "../../lib/data/loghub-2k.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-lines-"));
let k = 0;
function file(data: string | Uint8Array, ext = ".log"): string {
  const p = join(dir, `f${k++}${ext}`);
  writeFileSync(p, data);
  return p;
}

/** Reference splitter over bytes: LF, CRLF and CR end a line; no empty line after a final terminator. */
function referenceLineCount(bytes: Uint8Array): number {
  let count = 0;
  let inLine = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 10 || b === 13) {
      count++;
      inLine = false;
      if (b === 13 && bytes[i + 1] === 10) i++;
    } else inLine = true;
  }
  return count + (inLine ? 1 : 0);
}

describe("LineReader", () => {
  it("splits LF, CRLF and lone CR, keeping empty lines, and numbers lines from 1", async () => {
    const r = await readAllLines(file("a\nb\r\nc\rd\n\ne"));
    expect(r.lines).toEqual(["a", "b", "c", "d", "", "e"]);
    expect(r.lineNos).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.stats.endings).toEqual({ lf: 3, crlf: 1, cr: 1 });
    expect(r.stats.unterminatedLastLine).toBe(true);
  });

  it("reads the shipped CRLF and LF samples as 2,000 lines each", async () => {
    for (const s of ["HDFS", "Proxifier", "Apache"] as const) {
      const r = await readAllLines(loghubLogPath(s));
      expect(r.lines).toHaveLength(2000);
      expect(r.lines.every((l) => !l.includes("\r") && !l.includes("\n"))).toBe(true);
    }
  });

  it("removes a UTF-8 BOM and replaces invalid bytes, counting them", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("héllo\n"), Buffer.from([0x61, 0xff, 0xfe, 0x62, 0x0a]), Buffer.from("ok")]);
    const r = await readAllLines(file(bytes));
    expect(r.stats.bom).toBe(true);
    expect(r.lines).toEqual(["héllo", "a\ufffd\ufffdb", "ok"]);
    expect(r.stats.invalidUtf8Lines).toBe(1);
    expect(r.stats.replacedSequences).toBe(2);
  });

  it("rejects lines over the limit with a reason, also across chunk boundaries, without keeping them", async () => {
    const long = "x".repeat(5000);
    const p = file(`short\n${long}\nafter\n${long}`);
    const reader = new LineReader(p, { maxLineBytes: 1000, chunkBytes: 64 });
    const lines: string[] = [];
    for await (const b of reader.batches()) lines.push(...b.lines);
    expect(lines).toEqual(["short", "after"]);
    expect(reader.rejects).toEqual([
      { file: p, lineNo: 2, reason: "line longer than 1000 bytes (5000 bytes)" },
      { file: p, lineNo: 4, reason: "line longer than 1000 bytes (5000 bytes)" },
    ]);
    expect(reader.stats.lines).toBe(4);
  });

  it("keeps CRLF together when a chunk ends between CR and LF", async () => {
    const reader = new LineReader(file("ab\r\ncd\r\n"), { chunkBytes: 3 });
    const lines: string[] = [];
    for await (const b of reader.batches()) lines.push(...b.lines);
    expect(lines).toEqual(["ab", "cd"]);
    expect(reader.stats.endings).toEqual({ lf: 0, crlf: 2, cr: 0 });
  });

  it("gunzips .gz input (detected by magic bytes)", async () => {
    const r = await readAllLines(file(gzipSync("one\ntwo\n"), ".gz"));
    expect(r.lines).toEqual(["one", "two"]);
    expect(r.stats.gzip).toBe(true);
  });

  it("names the file when it is missing, a directory, or corrupt gzip", async () => {
    await expect(readAllLines(join(dir, "missing.log"))).rejects.toThrow(/missing\.log: no such file/);
    const d = join(dir, "adir");
    mkdirSync(d);
    await expect(readAllLines(d)).rejects.toThrow(/adir/);
    const bad = file(Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("garbage here")]), ".gz");
    await expect(readAllLines(bad)).rejects.toThrow(/not valid gzip/);
  });

  it("accounts for every line of random binary input, whatever the chunk size (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from([0xef, 0xbb, 0xbf, ...b]))),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 60 }),
        async (bytes, chunkBytes, maxLineBytes) => {
          const p = file(bytes);
          const reader = new LineReader(p, { chunkBytes, maxLineBytes, gzip: false });
          let yielded = 0;
          for await (const b of reader.batches()) {
            yielded += b.lines.length;
            for (const l of b.lines) expect(/[\r\n]/.test(l)).toBe(false);
          }
          const expected = referenceLineCount(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
          expect(yielded + reader.rejects.length).toBe(expected);
          expect(reader.stats.lines).toBe(expected);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  // Issue 10: random line endings and random truncation, for every reader.
  it("reads the same lines whatever mix of LF, CRLF and CR ends them, at any chunk size (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 12 }).map((t) => t.replace(/[\r\n]/g, "")), { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 16 }),
        async (lines, ends, finalEnd, chunkBytes) => {
          // A CR before an empty line ended by LF would read as one CRLF: use LF there.
          const e = lines.map((_, i) => (ends[i] === "\r" && lines[i + 1] === "" ? "\n" : ends[i]!));
          const text = lines.map((l, i) => l + (i < lines.length - 1 || finalEnd ? e[i] : "")).join("");
          const want = !finalEnd && lines[lines.length - 1] === "" ? lines.slice(0, -1) : lines; // an empty unterminated tail is no line
          const reader = new LineReader(file(text), { chunkBytes, gzip: false });
          const got: string[] = [];
          for await (const b of reader.batches()) got.push(...b.lines);
          expect(got).toEqual(want);
          expect(reader.rejects).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 18 },
    );
  });

  it("a file cut at any byte reads as the lines before the cut plus the partial last line (property)", async () => {
    const text = readFileSync(loghubLogPath("HDFS"), "latin1").slice(0, 3000);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 700 }), async (cut, chunkBytes) => {
        const part = text.slice(0, cut);
        const want = part === "" ? [] : part.split(/\r\n|\n|\r/);
        if (/[\r\n]$/.test(part)) want.pop();
        const reader = new LineReader(file(Buffer.from(part, "latin1")), { chunkBytes, gzip: false });
        const got: string[] = [];
        for await (const b of reader.batches()) got.push(...b.lines);
        expect(got).toEqual(want);
        expect(reader.stats.lines).toBe(want.length);
      }),
      { numRuns: 200, seed: 19 },
    );
  });
});
