import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disposeResults } from "../../../lib/experiments/detection/detection-experiment.js";
import {
  alertLinesSplit,
  alertSampleRows,
  embeddingF1Series,
  publishedF1Bars,
  runTextEmbeddingComparison,
  partsByTemplate,
  partsByTime,
  PUBLISHED_TEXT_F1,
  readAlertLabelledLines,
  runTextExperiment,
  splitTextLines,
  syntheticTextSplit,
  textClassifiers,
  textResultRows,
  TEXT_CLASSIFIERS,
  writeCorpusVectorFile,
} from "../../../lib/experiments/text/text-line-experiments.js";
import { modelEntry } from "../../../lib/models/registry.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-text-exp-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("text-line splits", () => {
  it("partsByTime keeps file order 60/20/20", () => {
    const p = partsByTime(10);
    expect(p).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 2, 2]);
  });

  it("partsByTemplate never puts a template in two parts, gives validation and test templates of each class, and is seeded", () => {
    const templates: string[] = [];
    const labels: number[] = [];
    for (let t = 0; t < 12; t++) for (let k = 0; k < 5 + t; k++) (templates.push(`n${t}`), labels.push(0));
    for (let t = 0; t < 4; t++) for (let k = 0; k < 3; k++) (templates.push(`a${t}`), labels.push(1));
    const y = Uint8Array.from(labels);
    const parts = partsByTemplate(templates, y, 7);
    const partOf = new Map<string, number>();
    templates.forEach((t, i) => {
      if (partOf.has(t)) expect(partOf.get(t)).toBe(parts[i]);
      partOf.set(t, parts[i]!);
    });
    for (const part of [0, 1, 2]) {
      expect(parts.some((p, i) => p === part && y[i] === 1)).toBe(true);
      expect(parts.some((p, i) => p === part && y[i] === 0)).toBe(true);
    }
    expect(partsByTemplate(templates, y, 7)).toEqual(parts);
  });

  it("splitTextLines fits the vocabulary on training lines only and counts templates seen in train", () => {
    const lines = ["a b", "a c", "x y", "a b", "zz top", "a b"];
    const s = splitTextLines(lines, Uint8Array.from([0, 0, 1, 0, 1, 0]), [0, 0, 1, 1, 2, 2], { templates: ["t1", "t2", "t3", "t1", "t4", "t1"], rule: "test" });
    expect(s.trainLines).toEqual(["a b", "a c"]);
    expect(s.tokenizer.vocabulary.tokens).not.toContain("zz");
    expect(s.split.test.sequences[0]!.every((id) => id === 1)).toBe(true); // [UNK]
    expect(s.sizes.map((z) => z.templatesSeenInTrain)).toEqual([2, 1, 1]);
    expect(Array.from(s.split.validation.labels)).toEqual([1, 0]);
  });

  it("the synthetic setting is seeded and holds the requested anomaly ratio", () => {
    const a = syntheticTextSplit({ lines: 500, anomalyRatio: 0.1, seed: 3 });
    const b = syntheticTextSplit({ lines: 500, anomalyRatio: 0.1, seed: 3 });
    expect(a.split.test.sequences).toEqual(b.split.test.sequences);
    expect(a.sizes.reduce((n, z) => n + z.anomalous, 0)).toBe(50);
    expect(a.sizes.map((z) => z.lines)).toEqual([300, 100, 100]);
  });

  it("BGL alert lines: the label column is hidden from the tokens; by template no test template is in train", () => {
    const bgl = readAlertLabelledLines("BGL");
    expect(bgl.lines.length).toBe(2000);
    expect(bgl.labels.reduce((x, y) => x + y, 0)).toBe(143);
    const s = alertLinesSplit(bgl, "template", 42);
    expect(s.tokenizer.options.skipColumns).toBe(1);
    expect(s.tokenizer.vocabulary.tokens).not.toContain("kerndtlb"); // an alert category of the label column
    expect(s.sizes[1]!.templatesSeenInTrain).toBe(0);
    expect(s.sizes[2]!.templatesSeenInTrain).toBe(0);
    for (const z of s.sizes) expect(z.anomalous).toBeGreaterThan(0);
    // one huge template cannot empty a part: each part holds about its share of the lines
    expect(s.sizes.map((z) => Math.round(z.lines / 100))).toEqual([12, 4, 4]);
    const byTime = alertLinesSplit(bgl, "time", 42);
    expect(byTime.sizes.map((z) => z.lines)).toEqual([1200, 400, 400]);
  });

  it("Thunderbird's 2k sample has no alert line: splitting it is refused with the reason", () => {
    const tb = readAlertLabelledLines("Thunderbird");
    expect(tb.labels.reduce((x, y) => x + y, 0)).toBe(0);
    expect(() => alertLinesSplit(tb, "time", 42)).toThrow(/no alert line/);
  });
});

describe("text-line models", () => {
  it("the classifier names are registry entries; the published table has every one of them", () => {
    for (const m of TEXT_CLASSIFIERS) {
      expect(modelEntry(m).supervision).toBe("supervised");
      expect(m in PUBLISHED_TEXT_F1).toBe(true);
    }
  });

  it("runs classifiers with random, trained and file-loaded embeddings and reports rows beside the published F1", async () => {
    const s = syntheticTextSplit({ lines: 300, anomalyRatio: 0.1, seed: 5 });
    const models = textClassifiers({ epochs: 1, earlyStoppingPatience: 0 }, ["lstm"]);
    const random = await runTextExperiment(s, models, { seed: 1, embeddings: "random", dim: 8, workers: 1 });
    const rows = textResultRows("synthetic", random, true);
    expect(rows[0]!.model).toBe("lstm");
    expect(rows[0]!["published F1"]).toBe(0.941);
    expect(rows[0]!.F1).toBeGreaterThanOrEqual(0);
    disposeResults(random.results);
    const trained = await runTextExperiment(s, models, { seed: 1, embeddings: "trained", dim: 8, workers: 1 });
    expect(trained.covered).toBeGreaterThan(0);
    expect(textResultRows("s", trained)[0]!["published F1"]).toBeNull();
    disposeResults(trained.results);
    const file = await writeCorpusVectorFile(join(tmp, "vectors.txt"), { exclude: "BGL", dim: 6, seed: 1, maxLinesPerFile: 50, word2vec: { epochs: 1 } });
    expect(file.words).toBeGreaterThan(10);
    expect(readFileSync(file.path, "utf8").split("\n")[0]).toBe(`${file.words} 6`);
    const loaded = await runTextExperiment(s, models, { seed: 1, embeddings: { file: file.path }, dim: 8, workers: 1 });
    expect(loaded.embeddings).toContain("vectors.txt");
    expect(loaded.results[0]!.detector).toBeDefined();
    disposeResults(loaded.results);
  }, 120_000);

  it("compares embedding sources on each split, one row per model × source, with figure series", async () => {
    const s = syntheticTextSplit({ lines: 200, anomalyRatio: 0.1, seed: 6 });
    const rows = await runTextEmbeddingComparison([{ name: "syn", split: s }], textClassifiers({ epochs: 1, earlyStoppingPatience: 0 }, ["transformer"]), [
      { name: "random", source: "random" },
      { name: "skip-gram", source: "trained" },
    ], { seed: 2, dim: 8 });
    expect(rows.map((r) => [r.setting, r.model, r.embeddings])).toEqual([
      ["syn", "transformer", "random"],
      ["syn", "transformer", "skip-gram"],
    ]);
    expect(rows[0]!["tokens with a start vector"]).toBe("-");
    const series = embeddingF1Series(rows, "syn");
    expect(series.categories).toEqual(["transformer"]);
    expect(series.series.map((x) => x.name)).toEqual(["random", "skip-gram"]);
    expect(publishedF1Bars(rows)[0]).toEqual({ model: "transformer", value: rows[0]!.F1, published: null });
  }, 120_000);

  it("alert samples: BGL usable, Thunderbird's 2k sample not", () => {
    const rows = alertSampleRows();
    expect(rows.map((r) => [r["alert lines"], r.usable.startsWith("yes")])).toEqual([
      [143, true],
      [0, false],
    ]);
  });
});
