import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loghubLogPath } from "../../lib/data/loghub-2k.js";
import { parseFile, parseFileStream } from "../../lib/parse/parse-file.js";
import { dataPath } from "../../lib/runtime/project.js";
import type { ParsedLog } from "../../lib/parse/log-record.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-parse-"));

describe("parseFile", () => {
  it("parses a shipped sample with format auto, every line accounted for", async () => {
    const r = await parseFile(loghubLogPath("OpenSSH"), { format: "auto" });
    expect(r.stats.formats[0]).toMatchObject({ format: "OpenSSH" });
    expect(r.events.length + r.rejects.length).toBe(2000);
    expect(r.stats.lines).toBe(2000);
    expect(r.templates.reduce((a, t) => a + t.count, 0)).toBe(r.events.length);
    expect(r.stats.preset).toBe("OpenSSH");
  });

  it("reads gzip and several files with one miner; errors name a missing file", async () => {
    const text = readFileSync(dataPath("loghub-2k", "HDFS", "HDFS_2k.log"));
    const gz = join(dir, "hdfs.log.gz");
    writeFileSync(gz, gzipSync(text));
    const r = await parseFile([loghubLogPath("HDFS"), gz], { format: "HDFS" });
    expect(r.events).toHaveLength(4000);
    expect(new Set(r.events.map((e) => e.file))).toEqual(new Set([loghubLogPath("HDFS"), gz]));
    await expect(parseFile(join(dir, "nope.log"), { format: "HDFS" })).rejects.toThrow(/nope\.log: no such file/);
  });

  it("says so when it cannot detect a format", async () => {
    const p = join(dir, "prose.txt");
    writeFileSync(p, "just some words\nand more words\n");
    await expect(parseFile(p, { format: "auto" })).rejects.toThrow(/could not detect the log format/);
    expect((await parseFile(p, { format: "raw" })).events).toHaveLength(2);
  });
});

describe("parseFileStream", () => {
  it("two passes give the same events as parseFile; one pass gives online templates", async () => {
    const file = loghubLogPath("Zookeeper");
    const whole = await parseFile(file, { format: "Zookeeper" });
    const two: ParsedLog[] = [];
    const s2 = await parseFileStream(file, { format: "Zookeeper", passes: 2 }, (ev) => void two.push(...ev));
    expect(two.map((e) => [e.lineNo, e.template, e.params])).toEqual(whole.events.map((e) => [e.lineNo, e.template, e.params]));
    expect(s2.stats.parsed).toBe(whole.events.length);
    let n = 0;
    const s1 = await parseFileStream(file, { format: "Zookeeper", passes: 1 }, (ev) => void (n += ev.length));
    expect(n).toBe(whole.events.length);
    expect(s1.stats.passes).toBe(1);
  });

  it("never throws on random binary files and accounts for every line (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom("HDFS", "raw", "syslog-rfc3164", "<A> <B>: <Content>"), async (bytes, format) => {
        const p = join(dir, "random.bin");
        writeFileSync(p, bytes);
        let events = 0;
        const s = await parseFileStream(p, { format, passes: 2, maxLineBytes: 100 }, (ev) => void (events += ev.length));
        expect(events + s.rejects.length).toBe(s.stats.lines);
      }),
      { numRuns: 150, seed: 9 },
    );
  });

  // Issue 10: random line endings and truncation; every line is still parsed or rejected with a reason.
  it("any mix of LF, CRLF and CR line ends parses to the same events and templates (property)", async () => {
    const lines = readFileSync(loghubLogPath("HDFS"), "utf8").split(/\r?\n/).slice(0, 60);
    writeFileSync(join(dir, "lf.log"), lines.join("\n") + "\n");
    const ref = await parseFile(join(dir, "lf.log"), { format: "HDFS" });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 60, maxLength: 60 }), async (ends) => {
        const p = join(dir, "endings.log");
        writeFileSync(p, lines.map((l, i) => l + ends[i]).join(""));
        const r = await parseFile(p, { format: "HDFS" });
        expect(r.events.map((e) => [e.lineNo, e.templateId])).toEqual(ref.events.map((e) => [e.lineNo, e.templateId]));
        expect(r.rejects).toEqual([]);
      }),
      { numRuns: 30, seed: 26 },
    );
  });
  it("a log cut at any byte: every line of what is left is an event or a reject (property)", async () => {
    const bytes = readFileSync(loghubLogPath("BGL")).subarray(0, 6000);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length }), fc.constantFrom("BGL", "auto", "raw"), async (cut, format) => {
        const p = join(dir, "cut.log");
        writeFileSync(p, bytes.subarray(0, cut));
        let events = 0;
        let s;
        try {
          s = await parseFileStream(p, { format, passes: 2 }, (ev) => void (events += ev.length));
        } catch (err) {
          expect(format).toBe("auto"); // only detection may give up, naming the file
          expect((err as Error).message).toMatch(/cut\.log: could not detect the log format/);
          return;
        }
        expect(events + s.rejects.length).toBe(s.stats.lines);
      }),
      { numRuns: 60, seed: 27 },
    );
  });
  // Issue 10, case 5: stats record the settings used, not the ones asked for.
  it("stats.mode is the mode of the miner that parsed (a given miner keeps its own)", async () => {
    const p = join(dir, "mode.log");
    writeFileSync(p, readFileSync(loghubLogPath("HDFS"), "utf8").split(/\r?\n/).slice(0, 20).join("\n"));
    const first = await parseFile(p, { format: "HDFS", mode: "drain" });
    const again = await parseFileStream(p, { format: "HDFS", mode: "loglab", miner: first.miner }, () => {});
    expect(again.stats.mode).toBe("drain");
  });
});
