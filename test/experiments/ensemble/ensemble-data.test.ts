import { describe, expect, it } from "vitest";
import { splitRawLogDataset } from "../../../lib/data/raw-log-dataset.js";
import { ensembleExampleRows, hdfsEnsembleData, rawWindowEnsembleData } from "../../../lib/experiments/ensemble/ensemble-data.js";
import type { EnsembleExperiment } from "../../../lib/experiments/ensemble/ensemble-experiment.js";

describe("ensemble study data", () => {
  it("HDFS: normal training sessions from the start of hdfs_train, test = its last 20% + the abnormal file, named by file and line", () => {
    const d = hdfsEnsembleData(100, 30);
    expect(d.normal).toHaveLength(100);
    expect(d.testAbnormal).toBe(30);
    expect(d.test.sequences).toHaveLength(d.testNormal + 30);
    expect(Array.from(d.test.labels!).filter((l) => l === 1)).toHaveLength(30);
    expect(d.sessionName!(0)).toMatch(/^hdfs_train:\d+$/);
    expect(d.sessionName!(d.testNormal)).toBe("hdfs_test_abnormal_dev:1");
  });

  it("raw BGL windows: normal windows with their severities, test windows with labels, lines traced to the raw log", () => {
    const split = splitRawLogDataset("bgl-2k-windows");
    const d = rawWindowEnsembleData(split);
    const normals = (p: "train" | "validation") => Array.from(split[p].labels).filter((l) => l === 0).length;
    expect(d.normal).toHaveLength(normals("train") + normals("validation"));
    expect(d.normalSeverities).toHaveLength(d.normal.length);
    d.normal.forEach((s, i) => expect(d.normalSeverities![i]).toHaveLength(s.length));
    expect(d.test.severities).toHaveLength(split.test.sequences.length);
    // BGL lines carry levels: FATAL lines are critical (5), INFO lines info (1).
    expect(new Set(d.test.severities!.flat())).toContain(5);
    const name = d.lineName!(0, 0);
    expect(name).toMatch(/^data\/loghub-2k\/BGL\/BGL_2k\.log:\d+$/);
    const lineNo = Number(name.split(":").pop());
    expect(lineNo).toBe(split.decoding!.lines.test[0]![0]);
    expect(d.lineText!(0, 0)).toMatch(/^(-|\S+) \d+ /); // a BGL line: alert column, then epoch seconds
    expect(d.templateOf!(split.test.sequences[0]![0]!)).toBe(split.decoding!.templates[String(split.test.sequences[0]![0])]);
  });

  it("example rows: the top lines of one label by score, named, with template and raw text", () => {
    const d = rawWindowEnsembleData(splitRawLogDataset("bgl-2k-windows"));
    const line = (session: number, position: number, label: "Danger" | "Watch Out" | "Normal", score: number) => ({ session, position, key: d.test.sequences[session]![position]!, trainCount: 3, label, rule: "frequent: both", score });
    const exp = { result: { lines: [line(0, 0, "Danger", 0.5), line(1, 2, "Danger", 0.9), line(2, 1, "Watch Out", 0.99)] } } as unknown as EnsembleExperiment;
    const rows = ensembleExampleRows(exp, d, "Danger", 5);
    expect(rows.map((r) => r.line)).toEqual([d.lineName!(1, 2), d.lineName!(0, 0)]);
    expect(rows[0]!["raw line"]).toBe(d.lineText!(1, 2));
    expect(rows[0]!.template).toBe(d.templateOf!(d.test.sequences[1]![2]!));
    expect(ensembleExampleRows(exp, d, "Danger", 1)).toHaveLength(1);
    expect(ensembleExampleRows(exp, d, "Normal", 5)).toEqual([{ line: "(no Normal line)" }]);
  });
});
