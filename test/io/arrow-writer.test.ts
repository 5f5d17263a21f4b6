import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { ArrowFileWriter } from "../../lib/io/arrow-writer.js";

describe("ArrowFileWriter", () => {
  it("writes batches that read back as one table, atomically", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-arrow-"));
    const p = join(dir, "t.arrow");
    const w = new ArrowFileWriter(p, [
      { name: "LineId", type: "int32" },
      { name: "Content", type: "utf8" },
      { name: "Timestamp", type: "float64" },
      { name: "ParameterList", type: "list-utf8" },
    ]);
    w.writeBatch({ LineId: [1, 2], Content: ["a", "b, \"c\""], Timestamp: [1.5, null], ParameterList: [["x"], []] });
    w.writeBatch({ LineId: [3], Content: ["é"], Timestamp: [3], ParameterList: [["y", "z"]] });
    expect(readdirSync(dir).some((f) => f === "t.arrow")).toBe(false);
    await w.close();
    const t = tableFromIPC(readFileSync(p));
    expect(t.numRows).toBe(3);
    expect(t.getChild("Content")!.toArray()).toEqual(["a", 'b, "c"', "é"]);
    expect(t.getChild("Timestamp")!.get(1)).toBeNull();
    expect([...t.getChild("ParameterList")!.get(2)!]).toEqual(["y", "z"]);
    expect(() => w.writeBatch({ LineId: [1] })).toThrow(/already closed/);
  });

  it("cuts record batches at batchRows, row by row or by column, and reads back every value", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-arrow-"));
    const p = join(dir, "b.arrow");
    const w = new ArrowFileWriter(p, [
      { name: "LineId", type: "int32" },
      { name: "Content", type: "utf8" },
      { name: "Timestamp", type: "float64" },
      { name: "ParameterList", type: "list-utf8" },
    ], { batchRows: 4 });
    const content = (i: number): string | null => (i % 5 === 3 ? null : i % 7 === 2 ? `é${i}✓` : i % 11 === 4 ? "\ud83d" : `line ${i}`);
    const params = (i: number): string[] | null => (i % 6 === 5 ? null : Array.from({ length: i % 3 }, (_, k) => (k === 1 && i % 4 === 0 ? `ü${i}` : `p${i}.${k}`)));
    for (let i = 0; i < 7; i++) {
      (w.appender("LineId") as { push(v: number): void }).push(i);
      (w.appender("Content") as { push(v: string | null): void }).push(content(i));
      (w.appender("Timestamp") as { push(v: number | null): void }).push(i % 2 ? i / 2 : null);
      (w.appender("ParameterList") as { push(v: string[] | null): void }).push(params(i));
      w.endRows(1);
    }
    const ids = Array.from({ length: 10 }, (_, k) => 7 + k);
    w.writeBatch({ LineId: ids, Content: ids.map(content), Timestamp: ids.map((i) => (i % 2 ? i / 2 : null)), ParameterList: ids.map(params) });
    expect(() => w.endRows(1)).toThrow(/column "LineId" has \d+ values, expected/);
    await w.close();
    const t = tableFromIPC(readFileSync(p));
    expect(t.numRows).toBe(17);
    expect(t.batches.map((b) => b.numRows)).toEqual([4, 4, 4, 4, 1]);
    for (let i = 0; i < 17; i++) {
      expect(t.getChild("LineId")!.get(i)).toBe(i);
      expect(t.getChild("Content")!.get(i)).toBe(content(i) === "\ud83d" ? "\ufffd" : content(i));
      expect(t.getChild("Timestamp")!.get(i)).toBe(i % 2 ? i / 2 : null);
      const ps = t.getChild("ParameterList")!.get(i);
      expect(ps === null ? null : [...ps]).toEqual(params(i));
    }
  });

  it("an empty file still holds the schema", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-arrow-"));
    const p = join(dir, "e.arrow");
    const w = new ArrowFileWriter(p, [{ name: "Content", type: "utf8" }]);
    await w.close();
    const t = tableFromIPC(readFileSync(p));
    expect(t.numRows).toBe(0);
    expect(t.schema.fields.map((f) => f.name)).toEqual(["Content"]);
  });
});
