import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RAW_LOG_DATASET_SPECS, splitRawLogDataset, splitSyntheticLogDataset } from "../../lib/data/raw-log-dataset.js";
import { dataPath, projectRoot } from "../../lib/runtime/project.js";

const bgl = splitRawLogDataset("bgl-2k-windows");
const raw = readFileSync(dataPath("loghub-2k", "BGL", "BGL_2k.log"), "utf8").split(/\r\n|\n|\r/);

describe("splitRawLogDataset", () => {
  it("windows the raw log in file order, 70/10/20 of the lines, each session labelled by its alert lines", () => {
    expect([bgl.train, bgl.validation, bgl.test].map((p) => p.sequences.length)).toEqual([140, 20, 40]);
    const lines = bgl.decoding!.lines;
    expect(lines.train[0]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lines.test[0]![0]).toBe(1601);
    expect(bgl.leakage.ok).toBe(true);
    bgl.test.sequences.forEach((s, i) => {
      const alerts = lines.test[i]!.some((n) => !raw[n - 1]!.startsWith("- "));
      expect(bgl.test.labels[i]).toBe(alerts ? 1 : 0);
      expect(s).toHaveLength(lines.test[i]!.length);
      expect(bgl.test.refs[i]).toEqual({ file: "data/loghub-2k/BGL/BGL_2k.log", lineNo: lines.test[i]![0] });
    });
    const alertLines = raw.filter((l) => l !== "" && !l.startsWith("- ")).length;
    expect(alertLines).toBe(143);
  });

  it("decodes every key to a template mined from the training lines only; later lines are matched, never mined", () => {
    const d = bgl.decoding!;
    const trainKeys = new Set(bgl.train.sequences.flat());
    expect(Math.max(...trainKeys)).toBe(trainKeys.size); // keys 1…n in first-occurrence order
    for (const k of [...trainKeys, ...bgl.test.sequences.flat()]) expect(d.templates[String(k)], String(k)).toBeDefined();
    expect(d.templates[String(d.unmatchedKey)]).toBe("(no training template matches)");
    expect(trainKeys.has(d.unmatchedKey)).toBe(false);
    // The first training line's template covers its text.
    const first = raw[0]!;
    expect(first).toContain("instruction cache parity error corrected");
    expect(d.templates[String(bgl.train.sequences[0]![0])]).toContain("instruction cache parity error corrected");
  });

  it("is deterministic and documents its source", () => {
    expect(splitRawLogDataset("bgl-2k-windows")).toEqual(bgl);
    expect(RAW_LOG_DATASET_SPECS["bgl-2k-windows"].description).toMatch(/training lines only/);
    expect(() => splitRawLogDataset("nope" as never)).toThrow(/unknown raw-log dataset "nope"/);
  });
});

describe("splitSyntheticLogDataset", () => {
  const syn = splitSyntheticLogDataset({ lines: 600, anomalyRatio: 0.05, seed: 3 });
  const file = syn.decoding!.file;
  const text = readFileSync(join(projectRoot(), file), "utf8").split("\n");
  const labels = readFileSync(join(projectRoot(), `${file}.labels.csv`), "utf8").trim().split("\n").slice(1);

  it("writes the generated log and its labels under data/generated, and windows it like a shipped raw log", () => {
    expect(file).toMatch(/^data\/generated\/synthetic-syslog-600-0\.05-seed3\.log$/);
    expect(labels).toHaveLength(600);
    expect([syn.train, syn.validation, syn.test].map((p) => p.sequences.length)).toEqual([42, 6, 12]);
    expect(syn.leakage.ok).toBe(true);
    expect(syn.spec.name).toBe("synthetic-windows");
    // A window is anomalous exactly when one of its lines is an injected anomaly (the labels file's 4th column).
    const lineLabel = (n: number) => labels[n - 1]!.split(",")[1];
    syn.test.sequences.forEach((s, i) => {
      const lines = syn.decoding!.lines.test[i]!;
      expect(s).toHaveLength(lines.length);
      expect(syn.test.labels[i]).toBe(lines.some((n) => lineLabel(n) === "1") ? 1 : 0);
    });
    expect(syn.test.severities![0]).toHaveLength(syn.test.sequences[0]!.length);
    const all = [syn.train, syn.validation, syn.test].flatMap((p) => Array.from(p.labels));
    expect(all.some((l) => l === 1)).toBe(true);
    expect(text[0]).toMatch(/^[A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d /);
  });

  it("is deterministic for a seed (the file is written once) and differs for another", () => {
    expect(splitSyntheticLogDataset({ lines: 600, anomalyRatio: 0.05, seed: 3 })).toEqual(syn);
    expect(splitSyntheticLogDataset({ lines: 600, anomalyRatio: 0.05, seed: 4 }).train.sequences).not.toEqual(syn.train.sequences);
  });
});
