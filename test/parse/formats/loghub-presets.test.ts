import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { loghubLogPath, readLoghubStructured } from "../../../lib/data/loghub-2k.js";
import { readAllLines } from "../../../lib/io/line-reader.js";
import { LOGHUB_SYSTEMS, loghubPreset } from "../../../lib/parse/formats/loghub-presets.js";
import { dataPath } from "../../../lib/runtime/project.js";

describe("LogHub presets", () => {
  it("carry the benchmark settings of data/loghub-2k/benchmark_settings.json", () => {
    const settings = JSON.parse(readFileSync(dataPath("loghub-2k", "benchmark_settings.json"), "utf8")).datasets;
    for (const s of LOGHUB_SYSTEMS) {
      const p = loghubPreset(s);
      const b = settings[s];
      expect({ logFormat: p.logFormat, masks: p.masks, st: p.st, depth: p.depth }).toEqual({ logFormat: b.log_format, masks: b.regex, st: b.st, depth: b.depth });
      expect(p.published.groupingAccuracy).toBe(b.published_drain_result_loghub_2k.accuracy);
    }
  });

  it("split every shipped line exactly as the ground truth's header fields and Content", async () => {
    for (const s of LOGHUB_SYSTEMS) {
      const p = loghubPreset(s);
      const { lines } = await readAllLines(loghubLogPath(s));
      const gt = readLoghubStructured(s);
      lines.forEach((line, i) => {
        const m = p.format.parse(line);
        expect(m, `${s} line ${i + 1}`).not.toBeNull();
        expect(m!.content).toBe(gt[i]!.content);
        p.format.fields.forEach((f, j) => expect(m!.values[j]).toBe(gt[i]!.fields[f] ?? ""));
      });
    }
  });

  it("turn headers into epoch milliseconds (year assumed where the log has none)", () => {
    const ts = (s: Parameters<typeof loghubPreset>[0], line: string, assumeYear?: number) => {
      const p = loghubPreset(s);
      return p.format.timestamp!(p.format.parse(line)!.values, { assumeYear });
    };
    expect(ts("HDFS", "081109 203615 148 INFO dfs.DataNode$PacketResponder: x")).toBe(Date.UTC(2008, 10, 9, 20, 36, 15));
    expect(ts("Hadoop", "2015-10-18 18:01:47,978 INFO [main] a.B: x")).toBe(Date.UTC(2015, 9, 18, 18, 1, 47, 978));
    expect(ts("BGL", "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO x")).toBe(Date.UTC(2005, 5, 3, 15, 42, 50, 675));
    expect(ts("HealthApp", "20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579")).toBe(Date.UTC(2017, 11, 23, 22, 15, 29, 606));
    expect(ts("Apache", "[Sun Dec 04 04:47:44 2005] [notice] x")).toBe(Date.UTC(2005, 11, 4, 4, 47, 44));
    expect(ts("Linux", "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: x")).toBeUndefined();
    expect(ts("Linux", "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: x", 2005)).toBe(Date.UTC(2005, 5, 14, 15, 16, 1));
  });
});
