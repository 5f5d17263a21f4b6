import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { ParquetFileWriter } from "../../lib/io/parquet-writer.js";

function arrayBufferOf(path: string): ArrayBuffer {
  const b = readFileSync(path);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe("ParquetFileWriter", () => {
  it("writes row groups that read back (hyparquet) value for value, with nulls, lists and UTF-8, atomically", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-parquet-"));
    const p = join(dir, "t.parquet");
    const w = new ParquetFileWriter(p, [
      { name: "LineId", type: "int32" },
      { name: "Content", type: "utf8" },
      { name: "Timestamp", type: "float64" },
      { name: "ParameterList", type: "list-utf8" },
    ], { rowGroupRows: 3 });
    const content = (i: number): string | null => (i % 5 === 3 ? null : i % 4 === 1 ? `é ${i} ✓, "q"` : `line ${i}`);
    const params = (i: number): string[] | null => (i % 6 === 5 ? null : Array.from({ length: i % 3 }, (_, k) => `p${i}.${k}`));
    for (let i = 0; i < 4; i++) {
      w.column("LineId").push(i);
      w.column("Content").push(content(i));
      w.column("Timestamp").push(i % 2 ? i / 2 : null);
      w.column("ParameterList").push(params(i));
      w.endRows(1);
    }
    const ids = [4, 5, 6, 7, 8, 9, 10];
    w.writeRows({ LineId: ids, Content: ids.map(content), Timestamp: ids.map((i) => (i % 2 ? i / 2 : null)), ParameterList: ids.map(params) });
    expect(() => w.endRows(1)).toThrow(/column "LineId" has \d+ values, expected/);
    expect(readdirSync(dir)).not.toContain("t.parquet");
    await w.close();
    const file = arrayBufferOf(p);
    expect(parquetMetadata(file).row_groups.length).toBeGreaterThanOrEqual(3);
    const rows = await parquetReadObjects({ file });
    expect(rows).toHaveLength(11);
    rows.forEach((r, i) => {
      expect(r).toEqual({ LineId: i, Content: content(i), Timestamp: i % 2 ? i / 2 : null, ParameterList: params(i) });
    });
  });

  it("an empty file holds the schema; abort leaves nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-parquet-"));
    const w = new ParquetFileWriter(join(dir, "e.parquet"), [{ name: "Content", type: "utf8" }]);
    await w.close();
    const md = parquetMetadata(arrayBufferOf(join(dir, "e.parquet")));
    expect(Number(md.num_rows)).toBe(0);
    expect(md.schema.map((s) => s.name)).toEqual(["root", "Content"]);
    const a = new ParquetFileWriter(join(dir, "a.parquet"), [{ name: "Content", type: "utf8" }]);
    a.writeRows({ Content: ["x"] });
    a.abort();
    expect(readdirSync(dir)).toEqual(["e.parquet"]);
  });
});
