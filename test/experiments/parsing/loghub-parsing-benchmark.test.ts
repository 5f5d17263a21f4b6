import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchmarkLoghubParsing, loghubParsingRows, rejectRows, templateCountRows, writeLoghubStructured } from "../../../lib/experiments/parsing/loghub-parsing-benchmark.js";

describe("benchmarkLoghubParsing", () => {
  it("scores systems in both modes against both ground truths and writes LogHub's layout", async () => {
    const bench = await benchmarkLoghubParsing({ systems: ["HDFS", "Apache"] });
    expect(bench.rows).toHaveLength(4);
    const drainHdfs = bench.rows.find((r) => r.system === "HDFS" && r.mode === "drain")!;
    expect(drainHdfs.ga).toBeCloseTo(0.9975, 4); // logparser's published Drain result
    expect(drainHdfs.publishedDrainGa).toBe(0.9975);
    const loglabApache = bench.rows.find((r) => r.system === "Apache" && r.mode === "loglab")!;
    expect(loglabApache.ga).toBe(1);
    expect(bench.averages.map((a) => a.mode)).toEqual(["loglab", "drain"]);
    expect(loghubParsingRows(bench)).toHaveLength(6);
    expect(rejectRows(bench)).toEqual([
      { system: "HDFS", lines: 2000, parsed: 2000, rejected: 0, reasons: "(none)" },
      { system: "Apache", lines: 2000, parsed: 2000, rejected: 0, reasons: "(none)" },
    ]);
    expect(templateCountRows(bench)[0]).toMatchObject({ system: "HDFS", mode: "loglab", "truth templates": 14 });
    const dir = mkdtempSync(join(tmpdir(), "loglab-bench-"));
    await writeLoghubStructured(dir, bench, "loglab", { arrow: false });
    expect(readdirSync(dir).sort()).toEqual(["Apache_2k.log_rejects.csv", "Apache_2k.log_structured.csv", "Apache_2k.log_templates.csv", "HDFS_2k.log_rejects.csv", "HDFS_2k.log_structured.csv", "HDFS_2k.log_templates.csv"]);
  });
});
