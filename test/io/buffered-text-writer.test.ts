import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BufferedTextWriter } from "../../lib/io/buffered-text-writer.js";

const dir = mkdtempSync(join(tmpdir(), "btw-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("BufferedTextWriter", () => {
  it("writes every piece in order through a small buffer, UTF-8 included, and appears only on close", () => {
    const path = join(dir, "a.txt");
    const w = new BufferedTextWriter(path, 4096);
    let expected = "";
    for (let i = 0; i < 5000; i++) {
      const piece = i % 97 === 0 ? "é€😀".repeat(i % 5000) : `${i},line\n`;
      w.write(piece);
      expected += piece;
    }
    w.write("x".repeat(20_000));
    expected += "x".repeat(20_000);
    expect(existsSync(path)).toBe(false);
    w.close();
    expect(readFileSync(path, "utf8")).toBe(expected);
    expect(w.bytes).toBe(Buffer.byteLength(expected));
    expect(() => w.write("more")).toThrow(/already closed/);
  });

  it("abort leaves nothing behind", () => {
    const w = new BufferedTextWriter(join(dir, "sub", "b.txt"));
    w.write("partial");
    w.abort();
    expect(readdirSync(join(dir, "sub"))).toEqual([]);
  });
});
