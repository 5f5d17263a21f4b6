import { describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parquetReadObjects } from "hyparquet";
import { main } from "../../lib/cli/main.js";
import { readCsvFile } from "../../lib/io/csv.js";
import { loghubLogPath } from "../../lib/data/loghub-2k.js";

// `loglab parse --parquet` (lib/cli/parse.ts, lib/io/parquet-writer.ts), kept apart from parse.test.ts.
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("loglab parse --parquet", () => {
  it("writes the structured events as Parquet that reads back equal to the CSV and Arrow outputs, and lists it in the manifest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-cli-parquet-"));
    const input = join(dir, "bgl.log");
    // BGL: its header has a Timestamp field, so the parsed time is TimestampMillis.
    writeFileSync(input, readFileSync(loghubLogPath("BGL"), "utf8").split(/\r?\n/).slice(0, 300).join("\n"));
    const out = join(dir, "out");
    const r = await cli(["parse", "--format", "BGL", "--input", input, "--out", out, "--parquet", "--no-progress"]);
    expect(r.code, r.err).toBe(0);
    const b = readFileSync(join(out, "bgl.log_structured.parquet"));
    const rows = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
    const csv = readCsvFile(join(out, "bgl.log_structured.csv"));
    const arrow = tableFromIPC(readFileSync(join(out, "bgl.log_structured.arrow")));
    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0]!)).toEqual(arrow.schema.fields.map((f) => f.name));
    expect(Object.keys(rows[0]!)).toContain("TimestampMillis");
    const col = (name: string): number => csv.header.indexOf(name);
    rows.forEach((row, i) => {
      const rec = csv.records[i]!;
      expect(String(row.LineId)).toBe(rec[col("LineId")]);
      expect(row.Timestamp).toBe(rec[col("Timestamp")]);
      expect(row.Content).toBe(rec[col("Content")]);
      expect(row.EventId).toBe(rec[col("EventId")]);
      expect(row.EventTemplate).toBe(rec[col("EventTemplate")]);
      expect(row.ParameterList).toEqual([...arrow.getChild("ParameterList")!.get(i)!]);
      expect(row.TimestampMillis).toBe(arrow.getChild("TimestampMillis")!.get(i));
    });
    const manifest = readFileSync(join(out, "manifest.json"), "utf8");
    expect(manifest).toContain("bgl.log_structured.parquet");
  });
});
