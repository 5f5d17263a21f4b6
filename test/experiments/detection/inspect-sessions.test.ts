import { describe, expect, it } from "vitest";
import { splitKeyDataset } from "../../../lib/data/key-dataset-split.js";
import { splitRawLogDataset } from "../../../lib/data/raw-log-dataset.js";
import { inspectSessions, traceSessionRows } from "../../../lib/experiments/detection/inspect-sessions.js";

describe("inspectSessions", () => {
  const hdfs = splitKeyDataset("hdfs-deeplog", { maxPerFile: 200 });
  // A stand-in model: scores the session length, so long sessions are flagged.
  const scores = Float64Array.from(hdfs.test.sequences, (s) => s.length);
  const result = { label: "length", testScores: scores, threshold: 25 };

  it("lists distinct flagged sessions, false positives (highest first) and false negatives (lowest first)", () => {
    const seen = inspectSessions(result, hdfs, { top: 3 });
    expect(seen.decoded).toBe(false);
    expect(seen.flagged.every((r) => r.flagged && r.score > 25)).toBe(true);
    expect(seen.flagged.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(seen.falsePositives.every((r) => r.label === "normal" && r.flagged)).toBe(true);
    expect(seen.falseNegatives.every((r) => r.label === "anomalous" && !r.flagged)).toBe(true);
    const fn = seen.falseNegatives.map((r) => r.score);
    expect(fn).toEqual([...fn].sort((a, b) => a - b));
    const fp = seen.falsePositives.map((r) => r.score);
    expect(fp).toEqual([...fp].sort((a, b) => b - a));
    for (const r of [...seen.flagged, ...seen.falsePositives, ...seen.falseNegatives]) {
      const copies = hdfs.test.sequences.filter((s, i) => s.join(" ") === hdfs.test.sequences[r.session]!.join(" ") && hdfs.test.labels[i] === hdfs.test.labels[r.session]).length;
      expect(r.copies).toBe(copies);
      expect(r.source).toBe(`${hdfs.test.refs[r.session]!.file}:${hdfs.test.refs[r.session]!.lineNo}`);
      expect(r.templates).toBe("");
    }
    expect(inspectSessions(result, hdfs, { threshold: 1000 }).flagged).toEqual([]);
    expect(() => inspectSessions({ ...result, testScores: [1] }, hdfs)).toThrow(/1 scores for \d+ test sessions/);
  });

  it("traces a key-file session to its line in the key file", () => {
    const rows = traceSessionRows(hdfs, "test", 0);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.raw.trim()).toBe(hdfs.test.sequences[0]!.join(" "));
    expect(traceSessionRows(hdfs, "test", undefined)).toEqual([]);
  });

  it("decodes raw-log sessions to template text and traces them to their raw lines", () => {
    const bgl = splitRawLogDataset("bgl-2k-windows");
    const seen = inspectSessions({ label: "x", testScores: Float64Array.from(bgl.test.labels), threshold: 0.5 }, bgl);
    expect(seen.decoded).toBe(true);
    expect(seen.falsePositives).toEqual([]);
    expect(seen.flagged.length).toBeGreaterThan(0);
    const first = seen.flagged[0]!;
    expect(first.templates).toMatch(/^\d+: /);
    expect(first.source).toMatch(/^data\/loghub-2k\/BGL\/BGL_2k\.log:\d+–\d+$/);
    const trace = traceSessionRows(bgl, "test", first.session);
    expect(trace).toHaveLength(10);
    expect(trace.some((t) => !t.raw.startsWith("- "))).toBe(true); // an alert line: why it is anomalous
    for (const t of trace) expect(t.template).not.toBe("");
  });
});
