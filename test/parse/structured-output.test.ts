import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { afterAll, describe, expect, it } from "vitest";
import { readCsvFile } from "../../lib/io/csv.js";
import type { ParsedLog } from "../../lib/parse/log-record.js";
import { outputBaseName, pythonListRepr, StructuredWriter, structuredRows, writeRejectsCsv, writeStructuredFiles, writeTemplatesCsv } from "../../lib/parse/structured-output.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-structured-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const event = (lineNo: number, fields: Record<string, string>, content: string, template: string, params: string[], timestamp?: number): ParsedLog => ({
  file: "in.log",
  lineNo,
  timestamp,
  content,
  fields,
  templateId: `id-${template.length}`,
  template,
  params,
});

const events = [
  event(1, { Date: "081109", Level: "INFO" }, "PacketResponder 1 terminating", "PacketResponder <*> terminating", ["1"], 1000),
  event(3, { Date: "081109", Level: "WARN" }, 'say "hi", it\'s me', "say <*>", ['"hi", it\'s me']),
];

describe("pythonListRepr", () => {
  it("writes ParameterList the way Python's repr of a list of str does", () => {
    expect(pythonListRepr([])).toBe("[]");
    expect(pythonListRepr(["1", "blk_38865049064139660"])).toBe("['1', 'blk_38865049064139660']");
    // repr picks double quotes for a string with ' and no ", else single quotes with \' escapes.
    expect(pythonListRepr(["it's"])).toBe(`["it's"]`);
    expect(pythonListRepr(['a"b'])).toBe(`['a"b']`);
    expect(pythonListRepr([`it's "x"`])).toBe(`['it\\'s "x"']`);
    expect(pythonListRepr(["a\\b", "l1\nl2\r\t", "\u0001\u007f", "é ✓"])).toBe(`['a\\\\b', 'l1\\nl2\\r\\t', '\\x01\\x7f', 'é ✓']`);
  });
});

describe("outputBaseName", () => {
  it("is the input's file name without a .gz suffix (any case)", () => {
    expect(outputBaseName("/data/x/HDFS_2k.log")).toBe("HDFS_2k.log");
    expect(outputBaseName("logs/app.log.gz")).toBe("app.log");
    expect(outputBaseName("app.log.GZ")).toBe("app.log");
    expect(outputBaseName("archive.gz.txt")).toBe("archive.gz.txt");
  });
});

describe("StructuredWriter", () => {
  it("writes LogHub's CSV layout and an Arrow file with the same columns plus Timestamp", async () => {
    const dir = join(tmp, "both");
    const w = new StructuredWriter(dir, "in.log", ["Date", "Level"]);
    expect(w.csvPath).toBe(join(dir, "in.log_structured.csv"));
    expect(w.arrowPath).toBe(join(dir, "in.log_structured.arrow"));
    w.write(events.slice(0, 1));
    w.write(events.slice(1));
    w.write([]);
    await w.close();
    const csv = readCsvFile(w.csvPath);
    expect(csv.header).toEqual(["LineId", "Date", "Level", "Content", "EventId", "EventTemplate", "ParameterList"]);
    expect(csv.records).toEqual([
      ["1", "081109", "INFO", "PacketResponder 1 terminating", "id-31", "PacketResponder <*> terminating", "['1']"],
      ["3", "081109", "WARN", 'say "hi", it\'s me', "id-7", "say <*>", `['"hi", it\\'s me']`],
    ]);
    const t = tableFromIPC(readFileSync(w.arrowPath!));
    expect(t.numRows).toBe(2);
    expect(t.schema.fields.map((f) => f.name)).toEqual(["LineId", "Date", "Level", "Timestamp", "Content", "EventId", "EventTemplate", "ParameterList"]);
    expect(t.getChild("LineId")!.toArray()).toEqual(Int32Array.of(1, 3));
    expect([t.getChild("Timestamp")!.get(0), t.getChild("Timestamp")!.get(1)]).toEqual([1000, null]);
    expect([...t.getChild("ParameterList")!.get(1)!]).toEqual(['"hi", it\'s me']);
    expect(readdirSync(dir).sort()).toEqual(["in.log_structured.arrow", "in.log_structured.csv"]);
  });

  it("a header field named Timestamp (BGL) keeps its name; the parsed time is TimestampMillis", async () => {
    const dir = join(tmp, "bgl-like");
    const w = new StructuredWriter(dir, "b", ["Timestamp", "Level"]);
    expect(w.timestampColumn).toBe("TimestampMillis");
    w.write([{ ...events[0]!, fields: { Timestamp: "1117838570", Level: "INFO" } }]);
    await w.close();
    const t = tableFromIPC(readFileSync(w.arrowPath!));
    expect(t.schema.fields.map((f) => f.name)).toEqual(["LineId", "Timestamp", "Level", "TimestampMillis", "Content", "EventId", "EventTemplate", "ParameterList"]);
    expect(t.getChild("Timestamp")!.get(0)).toBe("1117838570");
    expect(t.getChild("TimestampMillis")!.get(0)).toBe(1000);
  });

  it("arrow: false writes the CSV only; a field an event lacks is written empty", async () => {
    const dir = join(tmp, "csv-only");
    const w = new StructuredWriter(dir, "x", ["Date", "Pid"], { arrow: false });
    expect(w.arrowPath).toBeNull();
    w.write(events.slice(0, 1));
    await w.close();
    expect(readdirSync(dir)).toEqual(["x_structured.csv"]);
    expect(readCsvFile(w.csvPath).records[0]!.slice(0, 3)).toEqual(["1", "081109", ""]);
  });

  it("abort leaves nothing behind", () => {
    const dir = join(tmp, "aborted");
    const w = new StructuredWriter(dir, "y", ["Date"]);
    w.write(events);
    w.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("templates, rejects and rows", () => {
  it("writeTemplatesCsv and writeRejectsCsv write LogHub-style CSVs", () => {
    const tp = join(tmp, "t", "a_templates.csv");
    writeTemplatesCsv(tp, [
      { templateId: "abc", template: "x <*>, y", count: 3 },
      { templateId: "def", template: "z", count: 1 },
    ]);
    expect(readCsvFile(tp)).toMatchObject({ header: ["EventId", "EventTemplate", "Occurrences"], records: [["abc", "x <*>, y", "3"], ["def", "z", "1"]] });
    const rp = join(tmp, "t", "a_rejects.csv");
    writeRejectsCsv(rp, [{ file: "in.log", lineNo: 26, reason: "header does not match format HDFS" }]);
    expect(readFileSync(rp, "utf8")).toBe("File,LineId,Reason\nin.log,26,header does not match format HDFS\n");
    writeRejectsCsv(join(tmp, "t", "none.csv"), []);
    expect(readFileSync(join(tmp, "t", "none.csv"), "utf8")).toBe("File,LineId,Reason\n");
  });

  it("structuredRows: display rows in the structured layout", () => {
    expect(structuredRows(events.slice(0, 1))).toEqual([{ LineId: 1, Date: "081109", Level: "INFO", Content: "PacketResponder 1 terminating", EventId: "id-31", EventTemplate: "PacketResponder <*> terminating", ParameterList: "['1']" }]);
  });

  it("writeStructuredFiles writes all four files and returns their paths; fields default to the first event's", async () => {
    const dir = join(tmp, "all");
    const paths = await writeStructuredFiles(dir, "z.log", { events, templates: [{ templateId: "id-7", template: "say <*>", count: 1 }], rejects: [] });
    expect(paths).toEqual(["z.log_structured.csv", "z.log_structured.arrow", "z.log_templates.csv", "z.log_rejects.csv"].map((f) => join(dir, f)));
    for (const p of paths) expect(existsSync(p), p).toBe(true);
    expect(readCsvFile(paths[0]!).header).toEqual(["LineId", "Date", "Level", "Content", "EventId", "EventTemplate", "ParameterList"]);
    const noArrow = await writeStructuredFiles(join(tmp, "all2"), "e", { events: [], templates: [], rejects: [], fields: ["A"] }, { arrow: false });
    expect(noArrow.map((p) => p.slice(join(tmp, "all2").length + 1))).toEqual(["e_structured.csv", "e_templates.csv", "e_rejects.csv"]);
    expect(readCsvFile(noArrow[0]!).header).toEqual(["LineId", "A", "Content", "EventId", "EventTemplate", "ParameterList"]);
  });
});
