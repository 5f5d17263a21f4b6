import { describe, expect, it } from "vitest";
import { loadLabelledLogLines } from "../../../lib/experiments/labelling/labelled-log-lines.js";
import { labelLoghubSystem } from "../../../lib/experiments/labelling/loghub-labels.js";

describe("loadLabelledLogLines", () => {
  it("aligns raw line, message, template, group and rule label of every line", () => {
    const l = loadLabelledLogLines({ systems: ["OpenSSH", "HDFS"], maxLinesPerSystem: 20 });
    expect(l.content).toHaveLength(40);
    expect(l.systemOf.slice(18, 22)).toEqual(["OpenSSH", "OpenSSH", "HDFS", "HDFS"]);
    expect(Array.from(l.lineId.subarray(0, 3))).toEqual([1, 2, 3]);
    l.raw.forEach((r, i) => expect(r).toContain(l.content[i]!.trim()));
    expect(l.group[0]).toMatch(/^OpenSSH:E\d+$/);
    const ssh = labelLoghubSystem("OpenSSH").rows.slice(0, 20).map((r) => r.classIndex);
    expect(Array.from(l.y.subarray(0, 20))).toEqual(ssh);
    expect(l.labelSources.map((s) => s.system)).toEqual(["OpenSSH", "HDFS"]);
  });
});
