import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { loghubHeaderFields, loghubLogPath, readLoghubStructured, readLoghubTemplates } from "../../lib/data/loghub-2k.js";
import { LOGHUB_SYSTEMS, isLoghubSystem } from "../../lib/parse/formats/loghub-presets.js";

describe("LogHub 2k loader", () => {
  it("lists the 16 systems and finds every raw log", () => {
    expect(LOGHUB_SYSTEMS).toHaveLength(16);
    for (const s of LOGHUB_SYSTEMS) expect(existsSync(loghubLogPath(s))).toBe(true);
    expect(loghubLogPath("Mac", { corrected: true })).toMatch(/Mac_2k_corrected\.log$/);
    expect(isLoghubSystem("HDFS")).toBe(true);
    expect(isLoghubSystem("hdfs")).toBe(false);
  });

  it("reads HDFS's first row exactly (original and corrected)", () => {
    const orig = readLoghubStructured("HDFS");
    expect(orig).toHaveLength(2000);
    expect(orig[0]).toEqual({
      lineId: 1,
      fields: { Date: "081109", Time: "203615", Pid: "148", Level: "INFO", Component: "dfs.DataNode$PacketResponder" },
      content: "PacketResponder 1 for block blk_38865049064139660 terminating",
      eventId: "E10",
      eventTemplate: "PacketResponder <*> for block blk_<*> terminating",
    });
    const corr = readLoghubStructured("HDFS", { corrected: true });
    expect(corr[0]!.eventTemplate).toBe("PacketResponder <*> for block <*> terminating");
    // Leading zero restored from the original file; raw value available with restoreFields: false.
    expect(corr[0]!.fields.Date).toBe("081109");
    expect(readLoghubStructured("HDFS", { corrected: true, restoreFields: false })[0]!.fields.Date).toBe("81109");
  });

  it("parses quoted fields with commas and doubled quotes", () => {
    const rows = readLoghubStructured("OpenStack");
    expect(rows[0]!.content).toBe('10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2477829');
    expect(readLoghubStructured("Hadoop")[0]!.fields.Time).toBe("18:01:47,978");
  });

  it("reads every system, original and corrected, with LineIds 1..2000", () => {
    for (const s of LOGHUB_SYSTEMS) {
      for (const corrected of [false, true]) {
        const rows = readLoghubStructured(s, { corrected });
        expect(rows.map((r) => r.lineId)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
        expect(rows.every((r) => r.eventTemplate.length > 0)).toBe(true);
      }
      expect(loghubHeaderFields(s).length).toBeGreaterThan(0);
    }
  });

  it("lists templates with counts that agree with the rows", () => {
    const hdfs = readLoghubTemplates("HDFS");
    expect(hdfs).toHaveLength(14);
    expect(hdfs.reduce((a, t) => a + t.occurrences, 0)).toBe(2000);
    expect(readLoghubTemplates("Thunderbird", { corrected: true })).toHaveLength(149);
    expect(readLoghubTemplates("Android", { corrected: true })).toHaveLength(158);
  });

  it("rejects an unknown system by name", () => {
    expect(() => readLoghubStructured("Nope" as never)).toThrow(/not a LogHub 2k system/);
  });
});
