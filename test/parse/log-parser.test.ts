import { describe, expect, it } from "vitest";
import { countTemplates, parseLines, RecordReader, resolveParseSetup } from "../../lib/parse/log-parser.js";
import { getFormat } from "../../lib/parse/formats/registry.js";

describe("parseLines", () => {
  it("turns lines into events with header fields, timestamps, levels, templates and parameters", () => {
    const lines = [
      "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating",
      "not an HDFS line",
      "",
      "081109 203807 222 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block blk_-6952295868487656571 terminating",
    ];
    const r = parseLines(lines, { format: "HDFS", file: "x.log" });
    expect(r.events).toHaveLength(2);
    expect(r.rejects).toEqual([
      { file: "x.log", lineNo: 2, reason: "header does not match format HDFS" },
      { file: "x.log", lineNo: 3, reason: "empty line" },
    ]);
    const e = r.events[0]!;
    expect(e).toMatchObject({
      file: "x.log",
      lineNo: 1,
      timestamp: Date.UTC(2008, 10, 9, 20, 36, 15),
      level: "INFO",
      component: "dfs.DataNode$PacketResponder",
      fields: { Date: "081109", Time: "203615", Pid: "148", Level: "INFO", Component: "dfs.DataNode$PacketResponder" },
      template: "PacketResponder <*> for block <*> terminating",
      params: ["1", "blk_38865049064139660"],
    });
    // Two-pass: the first line has the final template too.
    expect(r.events[1]!.templateId).toBe(e.templateId);
    expect(r.templates).toEqual([{ templateId: e.templateId, template: e.template, count: 2 }]);
  });

  it("a LogHub name is a preset (masks, depth, threshold); other formats get named masks", () => {
    const hdfs = resolveParseSetup("HDFS");
    expect(hdfs.preset).toBe("HDFS");
    expect(hdfs.minerConfig.drain).toEqual({ depth: 4, simThreshold: 0.5 });
    expect(hdfs.minerConfig.masking).toEqual([{ name: "*", pattern: "blk_-?\\d+" }, { name: "*", pattern: "(\\d+\\.){3}\\d+(:\\d+)?" }]);
    const sys = resolveParseSetup("syslog-rfc3164", { drain: { simThreshold: 0.6 } });
    expect(sys.preset).toBeNull();
    expect(sys.minerConfig.masking!.map((m) => m.name)).toEqual(["UUID", "IP", "HEX", "NUM"]);
    expect(sys.minerConfig.drain).toEqual({ simThreshold: 0.6 });
    expect(() => resolveParseSetup("syslog-rfc3164", { masking: "preset" })).toThrow(/needs a LogHub preset/);
  });

  it("RecordReader never throws, whatever the line", () => {
    const rr = new RecordReader(getFormat("Thunderbird"), "f");
    for (const l of ["", "\u0000\u0001", "x".repeat(10000), "- 1 2 3 4 5 6 7 8: "]) expect(() => rr.read(l, 1)).not.toThrow();
  });

  it("countTemplates sorts by count, then text", () => {
    expect(countTemplates([{ templateId: "b", template: "b" }, { templateId: "a", template: "a" }, { templateId: "b", template: "b" }]).map((t) => t.template)).toEqual(["b", "a"]);
  });
});
