import { describe, expect, it } from "vitest";
import { LOGHUB_SYSTEMS } from "../../../lib/parse/formats/loghub-presets.js";
import { apacheError } from "../../../lib/parse/formats/apache.js";
import { FORMAT_NAMES, getFormat, isFormatName, listFormats, OTHER_FORMAT_NAMES, rawFormat, resolveFormat, type FormatName } from "../../../lib/parse/formats/registry.js";
import { syslogRfc5424 } from "../../../lib/parse/formats/syslog.js";

describe("format registry", () => {
  it("names the 16 LogHub systems first, then syslog, Apache and raw", () => {
    expect(FORMAT_NAMES.slice(0, 16)).toEqual([...LOGHUB_SYSTEMS]);
    expect(FORMAT_NAMES.slice(16)).toEqual([...OTHER_FORMAT_NAMES]);
    expect(OTHER_FORMAT_NAMES).toEqual(["syslog-rfc3164", "syslog-rfc5424", "apache-access-common", "apache-access-combined", "apache-error", "raw"]);
    expect(new Set(FORMAT_NAMES).size).toBe(FORMAT_NAMES.length);
  });

  it("isFormatName knows exactly the built-in names", () => {
    for (const n of FORMAT_NAMES) expect(isFormatName(n)).toBe(true);
    for (const n of ["hdfs", "syslog", "apache", "", "custom"]) expect(isFormatName(n), n).toBe(false);
  });

  it("getFormat gives every built-in format under its own name", () => {
    for (const n of FORMAT_NAMES) expect(getFormat(n).name).toBe(n);
    expect(getFormat("HDFS").fields).toEqual(["Date", "Time", "Pid", "Level", "Component"]);
    expect(getFormat("syslog-rfc5424")).toBe(syslogRfc5424);
    expect(getFormat("apache-error")).toBe(apacheError);
    expect(() => getFormat("nope" as FormatName)).toThrow(/^unknown format "nope" \(built-in: HDFS, /);
  });

  it("raw: the whole trimmed line is the content, no fields, the lowest plausibility", () => {
    expect(rawFormat.parse("  anything at all \t")).toEqual({ values: [], content: "anything at all" });
    expect(rawFormat.fields).toEqual([]);
    expect(rawFormat.plausibility!([])).toBe(0.05);
  });

  it("resolveFormat: a format object as is, a name, or a LogHub-style string with <Content>; else an error listing the names", () => {
    expect(resolveFormat(apacheError)).toBe(apacheError);
    expect(resolveFormat("BGL").name).toBe("BGL");
    // Text between fields is a regular expression, so literal brackets are escaped.
    const custom = resolveFormat("<Date> <Time> \\[<Level>\\] <Content>");
    expect(custom.name).toBe("custom");
    expect(custom.fields).toEqual(["Date", "Time", "Level"]);
    expect(custom.parse("2020-01-02 03:04:05 [WARN] disk almost full")).toEqual({ values: ["2020-01-02", "03:04:05", "WARN"], content: "disk almost full" });
    expect(() => resolveFormat("<Date> <Time> <Message>")).toThrow(/unknown format "<Date> <Time> <Message>" .*"<Date> <Time> <Level>: <Content>"/);
  });

  it("listFormats: one row per built-in format with its description and comma-separated fields", () => {
    const rows = listFormats();
    expect(rows.map((r) => r.name)).toEqual([...FORMAT_NAMES]);
    expect(rows.find((r) => r.name === "HDFS")!.fields).toBe("Date, Time, Pid, Level, Component");
    expect(rows.find((r) => r.name === "raw")).toEqual({ name: "raw", description: "no header: the whole line is the content", fields: "" });
    for (const r of rows) expect(r.description.length, r.name).toBeGreaterThan(5);
  });
});
