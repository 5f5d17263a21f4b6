import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSyntheticLogs, SYNTHETIC_ANOMALY_TYPES, SYNTHETIC_TYPE_CLASS, syntheticLabelsCsv, syntheticLines, writeSyntheticLogs, writeSyntheticLogStream } from "../../lib/data/synthetic.js";
import { RuleLabeler } from "../../lib/label/rule-labeler.js";
import { Rng } from "../../lib/runtime/rng.js";

const dir = mkdtempSync(join(tmpdir(), "synth-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generateSyntheticLogs", () => {
  it("is deterministic by seed: same seed same lines, another seed other lines", () => {
    const a = generateSyntheticLogs(new Rng(42), { format: "syslog", lines: 300, anomalyRatio: 0.1 });
    const b = generateSyntheticLogs(new Rng(42), { format: "syslog", lines: 300, anomalyRatio: 0.1 });
    const c = generateSyntheticLogs(new Rng(43), { format: "syslog", lines: 300, anomalyRatio: 0.1 });
    expect(a).toEqual(b);
    expect(a.map((l) => l.text)).not.toEqual(c.map((l) => l.text));
  });
  it("injects exactly round(ratio × lines) anomalies of the chosen types, every line labeled", () => {
    const lines = generateSyntheticLogs(new Rng(1), { format: "custom", lines: 1000, anomalyRatio: 0.05 });
    expect(lines.filter((l) => l.label === 1).length).toBe(50);
    expect(new Set(lines.filter((l) => l.label).map((l) => l.anomalyType))).toEqual(new Set(SYNTHETIC_ANOMALY_TYPES));
    for (const l of lines) {
      expect(l.expectedClass).toBe(l.anomalyType ? SYNTHETIC_TYPE_CLASS[l.anomalyType] : "normal");
      expect(l.label).toBe(l.anomalyType ? 1 : 0);
    }
    expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i + 1));
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.timestamp).toBeGreaterThan(lines[i - 1]!.timestamp);
    const only = generateSyntheticLogs(new Rng(1), { format: "apache", lines: 100, anomalyRatio: 0.2, anomalyTypes: ["malware"] });
    expect(new Set(only.filter((l) => l.label).map((l) => l.anomalyType))).toEqual(new Set(["malware"]));
  });
  it("writes the three formats", () => {
    const start = Date.UTC(2024, 0, 2, 3, 4, 5);
    const [s] = generateSyntheticLogs(new Rng(5), { format: "syslog", lines: 1, anomalyRatio: 0, startTime: start });
    expect(s!.text).toMatch(/^Jan {2}2 03:04:05 \S+ \S+\[\d+\]: /);
    const [a] = generateSyntheticLogs(new Rng(5), { format: "apache", lines: 1, anomalyRatio: 0, startTime: start });
    expect(a!.text).toMatch(/^\[Tue Jan 02 03:04:05 2024\] \[(info|notice)\] /);
    const [c] = generateSyntheticLogs(new Rng(5), { format: "custom", lines: 1, anomalyRatio: 0, startTime: start });
    expect(c!.text).toMatch(/^2024-01-02 03:04:05,000 (INFO|NOTICE) \[/);
  });
  it("anomalies read as their class to the rule-based labeler; normal lines stay normal", () => {
    const lines = generateSyntheticLogs(new Rng(9), { format: "syslog", lines: 2000, anomalyRatio: 0.1 });
    const labeler = new RuleLabeler(null);
    const agree = lines.filter((l) => labeler.label(l.text).class === l.expectedClass).length;
    expect(agree / lines.length).toBeGreaterThan(0.99);
  });
  it("writes the log and its labels CSV", () => {
    const lines = generateSyntheticLogs(new Rng(2), { format: "syslog", lines: 10, anomalyRatio: 0.3 });
    const out = writeSyntheticLogs(join(dir, "s.log"), lines);
    expect(readFileSync(out.log, "utf8").split("\n").length).toBe(11);
    const csv = readFileSync(out.labels, "utf8").trim().split("\n");
    expect(csv[0]).toBe("LineId,Label,AnomalyType,ExpectedClass,Template,Timestamp");
    expect(csv.length).toBe(11);
    expect(syntheticLabelsCsv(lines)).toBe(readFileSync(out.labels, "utf8"));
  });
  it("rejects bad options", () => {
    expect(() => generateSyntheticLogs(new Rng(1), { format: "syslog", lines: 0, anomalyRatio: 0 })).toThrow(/lines must be a positive integer/);
    expect(() => generateSyntheticLogs(new Rng(1), { format: "syslog", lines: 5, anomalyRatio: 2 })).toThrow(/anomalyRatio/);
    expect(() => generateSyntheticLogs(new Rng(1), { format: "xml" as "syslog", lines: 5, anomalyRatio: 0 })).toThrow(/unknown synthetic format/);
    expect(() => generateSyntheticLogs(new Rng(1), { format: "syslog", lines: 5, anomalyRatio: 0, anomalyTypes: [] })).toThrow(/anomalyTypes is empty/);
  });
});

describe("writeSyntheticLogStream", () => {
  it("streams the same bytes as writing the generated array, for the same seed", () => {
    const options = { format: "custom" as const, lines: 3000, anomalyRatio: 0.07 };
    const a = writeSyntheticLogs(join(dir, "array.log"), generateSyntheticLogs(new Rng(5), options));
    let seen = 0;
    const b = writeSyntheticLogStream(join(dir, "stream.log"), syntheticLines(new Rng(5), options), () => seen++);
    expect(seen).toBe(3000);
    expect(readFileSync(b.log, "utf8")).toBe(readFileSync(a.log, "utf8"));
    expect(readFileSync(b.labels, "utf8")).toBe(readFileSync(a.labels, "utf8"));
  });

  it("checks its options before the first line is asked for", () => {
    expect(() => syntheticLines(new Rng(1), { format: "syslog", lines: 0, anomalyRatio: 0 })).toThrow(/lines must be a positive integer/);
  });
});
