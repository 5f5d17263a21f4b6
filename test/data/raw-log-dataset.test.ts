import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RAW_LOG_DATASET_SPECS, splitRawLogDataset } from "../../lib/data/raw-log-dataset.js";
import { dataPath } from "../../lib/runtime/project.js";

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
