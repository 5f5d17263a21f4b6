import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loghubLogPath } from "../../lib/data/loghub-2k.js";
import { parseFileStream } from "../../lib/parse/parse-file.js";
import { parseFilesParallel } from "../../lib/parse/parse-parallel.js";
import { structuredRecords, type StructuredPart } from "../../lib/parse/structured-rows.js";
import type { ParsedLog } from "../../lib/parse/log-record.js";
import { resolveFormat } from "../../lib/parse/formats/registry.js";

// parseFilesParallel: pass 1 serial, pass 2 on worker threads over line ranges. Its CSV rows,
// templates, rejects and counts must equal a serial two-pass parse's exactly.
const dir = mkdtempSync(join(tmpdir(), "loglab-parse-parallel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serial(paths: string[], format: string): Promise<{ csv: Map<string, string>; summary: Awaited<ReturnType<typeof parseFileStream>> }> {
  const csv = new Map<string, string>();
  const summary = await parseFileStream(paths, { format, passes: 2 }, (events: ParsedLog[]) => {
    const f = events[0]!.file;
    csv.set(f, (csv.get(f) ?? "") + structuredRecords(events, Object.keys(events[0]!.fields), null));
  });
  return { csv, summary };
}

async function parallel(paths: string[], format: string, workers: number, rangeBytes: number): Promise<{ csv: Map<string, string>; parts: StructuredPart[]; summary: Awaited<ReturnType<typeof parseFilesParallel>> }> {
  const csv = new Map<string, string>();
  const parts: StructuredPart[] = [];
  const summary = await parseFilesParallel(paths, { format, workers, rangeBytes }, (file, part) => {
    parts.push(part);
    csv.set(file, (csv.get(file) ?? "") + Buffer.from(part.csv).toString("utf8"));
  });
  return { csv, parts, summary };
}

describe("parseFilesParallel", () => {
  it("equals a serial two-pass parse on LogHub systems, with rejects and CRLF, over many small ranges", async () => {
    for (const system of ["HDFS", "BGL", "OpenStack", "Mac"] as const) {
      // Rejects (a garbage line and an empty one) and a mix of line ends, so numbering across ranges matters.
      const lines = readFileSync(loghubLogPath(system), "utf8").split(/\r?\n/).filter((l) => l !== "");
      const path = join(dir, `${system}.log`);
      writeFileSync(path, [...lines.slice(0, 700), "garbage that fits no header", "", ...lines.slice(700)].map((l, i) => l + (i % 3 === 0 ? "\r\n" : "\n")).join(""));
      const s = await serial([path], system);
      const p = await parallel([path], system, 2, 20_000);
      expect(p.parts.length, system).toBeGreaterThan(5);
      expect(p.csv.get(path), system).toBe(s.csv.get(path));
      expect(p.summary.templates, system).toEqual(s.summary.templates);
      expect(p.summary.rejects, system).toEqual(s.summary.rejects);
      expect(p.summary.rejects.length, system).toBeGreaterThanOrEqual(1);
      const { seconds: _a, linesPerSecond: _b, ...ps } = p.summary.stats;
      const { seconds: _c, linesPerSecond: _d, ...ss } = s.summary.stats;
      expect(ps, system).toEqual(ss);
      expect(p.parts.reduce((a, x) => a + x.rows, 0)).toBe(s.summary.stats.parsed);
    }
  }, 120_000);

  it("keeps several files apart and in order, with one shared miner", async () => {
    const a = join(dir, "a.log");
    const b = join(dir, "b.log");
    const hdfs = readFileSync(loghubLogPath("HDFS"), "utf8");
    writeFileSync(a, hdfs);
    writeFileSync(b, hdfs.split("\r\n").slice(0, 900).join("\n"));
    const s = await serial([a, b], "HDFS");
    const p = await parallel([a, b], "HDFS", 3, 30_000);
    expect([...p.csv.keys()]).toEqual([a, b]);
    expect(p.csv.get(a)).toBe(s.csv.get(a));
    expect(p.csv.get(b)).toBe(s.csv.get(b));
    expect(p.summary.templates).toEqual(s.summary.templates);
  }, 60_000);

  it("refuses what it cannot send to a worker, naming it", async () => {
    const path = join(dir, "small.log");
    writeFileSync(path, readFileSync(loghubLogPath("HDFS"), "utf8"));
    await expect(parseFilesParallel([path], { format: resolveFormat("HDFS"), workers: 2 }, () => undefined)).rejects.toThrow(`${path}: the format must be a name or a format string`);
    await expect(parseFilesParallel([path], { format: "HDFS", workers: 0 }, () => undefined)).rejects.toThrow(/workers must be a positive integer/);
  });
});
