import { describe, expect, it } from "vitest";
import { loghubLogPath } from "../../../lib/data/loghub-2k.js";
import { LOGHUB_SYSTEMS } from "../../../lib/parse/formats/loghub-presets.js";
import { readAllLines } from "../../../lib/io/line-reader.js";
import { detectFormat } from "../../../lib/parse/formats/detect.js";
import { getFormat, listFormats, resolveFormat } from "../../../lib/parse/formats/registry.js";

describe("detectFormat", () => {
  it("recognises each of the 16 LogHub systems from its first 200 lines", async () => {
    for (const s of LOGHUB_SYSTEMS) {
      const { lines } = await readAllLines(loghubLogPath(s));
      const d = detectFormat(lines.slice(0, 200));
      expect(d.name, s).toBe(s);
      expect(d.confidence).toBeGreaterThan(0.9);
    }
  });

  it("recognises syslog and Apache access lines, and falls back to raw with low confidence", () => {
    expect(detectFormat(["<165>1 2003-10-11T22:14:15.003Z host app - ID47 - hello", "<34>1 2003-10-11T22:14:16Z host app 12 - - again"]).name).toBe("syslog-rfc5424");
    expect(detectFormat(['1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 10']).name).toBe("apache-access-common");
    const d = detectFormat(["free text only", "and more of it"]);
    expect(d.name).toBe("raw");
    expect(d.confidence).toBeLessThan(0.5);
  });
});

describe("format registry", () => {
  it("resolves names and LogHub-style strings, and names unknown formats", () => {
    expect(getFormat("HDFS").fields).toEqual(["Date", "Time", "Pid", "Level", "Component"]);
    expect(resolveFormat("<Level>: <Content>").parse("WARN: disk")!.content).toBe("disk");
    expect(() => resolveFormat("NoSuch")).toThrow(/unknown format "NoSuch"/);
    expect(listFormats().map((f) => f.name)).toContain("syslog-rfc3164");
  });
});
