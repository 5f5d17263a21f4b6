import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOG_CLASSES } from "../../../lib/label/log-classes.js";
import { classicEntries } from "../../../lib/models/classic/entries.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { buildLogClassDataset, classReportRows, keywordBaselineRow, LOG_CLASS_SEARCH_SPACES, logClassFindings, logClassClassifier, logClassResultRows, logClassSplitRows, runLogClassExperiment, templateTokens, type LogClassDataset } from "../../../lib/experiments/classic/log-class-experiment.js";

// Labels are recomputed (never read from a user's results/ folder).
const tmp = mkdtempSync(join(tmpdir(), "loglab-log-class-"));
const saved = process.env.LOGLAB_RESULTS_DIR;
let d: LogClassDataset;
beforeAll(() => {
  process.env.LOGLAB_RESULTS_DIR = tmp;
  d = buildLogClassDataset({ seed: 3, systems: ["OpenSSH", "HDFS"], maxLinesPerSystem: 200, maxTokens: 40 });
});
afterAll(() => {
  if (saved === undefined) delete process.env.LOGLAB_RESULTS_DIR;
  else process.env.LOGLAB_RESULTS_DIR = saved;
  rmSync(tmp, { recursive: true, force: true });
});

describe("templateTokens", () => {
  it("lower-cased words of 2+ characters, no <*>, no pure numbers, identifiers kept whole", () => {
    expect(templateTokens("Failed password for <*> from <*> port <*> ssh2")).toEqual(["failed", "password", "for", "from", "port", "ssh2"]);
    expect(templateTokens("BLOCK* NameSystem.addStoredBlock: 10 a x_y")).toEqual(["block", "namesystem", "addstoredblock", "x_y"]);
  });
});

describe("buildLogClassDataset", () => {
  it("splits by template: no (system, template) group is in two parts; parts fill to about 60/20/20 of the lines", () => {
    const parts = [d.train, d.validation, d.test];
    const groups = parts.map((p) => new Set(p.groups));
    for (let a = 0; a < 3; a++) for (let b = a + 1; b < 3; b++) for (const g of groups[a]!) expect(groups[b]!.has(g), g).toBe(false);
    const n = parts.reduce((s, p) => s + p.y.length, 0);
    expect(n).toBe(400);
    expect(d.train.y.length / n).toBeGreaterThanOrEqual(0.6);
    expect(d.train.y.length).toBeGreaterThan(d.test.y.length);
    for (const p of parts) {
      expect(p.x.length).toBe(p.y.length);
      expect(p.content.length).toBe(p.y.length);
      for (const g of p.groups) expect(g).toMatch(/^(OpenSSH|HDFS):E\d+$/);
    }
  });

  it("features: at most maxTokens training tokens plus an OOV column; classes are the seven log classes", () => {
    expect(d.classes).toEqual([...LOG_CLASSES]);
    expect(d.tokens.length).toBeLessThanOrEqual(41);
    expect(d.tokens[d.tokens.length - 1]).toBe("OOV");
    for (const row of [...d.train.x, ...d.test.x]) expect(row.length).toBe(d.tokens.length);
    expect(d.labelSources).toEqual([
      { system: "OpenSSH", source: "recomputed (lib/label)" },
      { system: "HDFS", source: "recomputed (lib/label)" },
    ]);
  });

  it("the same seed gives the same split; another seed another", () => {
    const again = buildLogClassDataset({ seed: 3, systems: ["OpenSSH", "HDFS"], maxLinesPerSystem: 200, maxTokens: 40 });
    expect(again.test.groups).toEqual(d.test.groups);
    const other = buildLogClassDataset({ seed: 4, systems: ["OpenSSH", "HDFS"], maxLinesPerSystem: 200, maxTokens: 40 });
    expect(other.test.groups).not.toEqual(d.test.groups);
  });

  it("logClassSplitRows: lines, templates and lines per class for each part", () => {
    const rows = logClassSplitRows(d);
    expect(rows.map((r) => r.part)).toEqual(["train", "validation", "test"]);
    expect(rows[2]!.lines).toBe(d.test.y.length);
    expect(rows[2]!.templates).toBe(new Set(d.test.groups).size);
    expect(LOG_CLASSES.reduce((s, c) => s + Number(rows[0]![c]), 0)).toBe(d.train.y.length);
  });
});

describe("runLogClassExperiment", () => {
  it("runs each model with and without SMOTE; reports validation and test; rows and class reports follow", () => {
    const results = runLogClassExperiment(d, { models: ["decision-tree"], smote: [false, true], seed: 1, search: { nIter: 2, folds: 2 }, smoteRatio: 0.5 });
    expect(results.map((r) => [r.model, r.smote])).toEqual([
      ["decision-tree", false],
      ["decision-tree", true],
    ]);
    expect(results[0]!.smoteAdded).toBe(0);
    expect(results[1]!.smoteAdded).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.search!.trials).toHaveLength(2);
      expect(r.params).toBe(r.search!.best);
      expect(r.test.total).toBe(d.test.y.length);
      expect(r.confusion.classes).toEqual([...LOG_CLASSES]);
    }
    const rows = logClassResultRows(results);
    expect(rows[1]).toMatchObject({ model: "decision-tree", SMOTE: true, "test macro F1": results[1]!.test.macro.f1, "CV macro F1 (train)": results[1]!.search!.bestScore });
    const f = logClassFindings(results, keywordBaselineRow(d));
    const best = results.reduce((a, b) => (b.test.macro.f1 > a.test.macro.f1 ? b : a));
    expect(f[0]).toContain(best.test.macro.f1.toFixed(3));
    expect(f[1]).toContain(`${(results[1]!.test.macro.f1 - results[0]!.test.macro.f1 >= 0 ? "+" : "") + (results[1]!.test.macro.f1 - results[0]!.test.macro.f1).toFixed(3)}`);
    const cr = classReportRows(results[0]!);
    expect(cr).toHaveLength(LOG_CLASSES.length + 2);
    expect(cr.slice(-2).map((r) => r.class)).toEqual(["macro avg", "weighted avg"]);
  });

  it("without search it uses the models' defaults and has no CV score; unknown models are named", () => {
    const [r] = runLogClassExperiment(d, { models: ["logistic-regression"], smote: [false], seed: 1, search: null });
    expect(r!.search).toBeNull();
    expect(r!.params).toEqual({});
    expect(logClassResultRows([r!])[0]!["CV macro F1 (train)"]).toBeNull();
    expect(() => runLogClassExperiment(d, { models: ["svm" as never], smote: [false], seed: 1, search: null })).toThrow(`7-class task: unknown model "svm" (known: ${Object.keys(LOG_CLASS_SEARCH_SPACES).join(", ")})`);
  });

  it("builds its classifiers from the one registry: the registry's defaults, the searched values over them", () => {
    const gb = logClassClassifier("gbdt", {}, new Rng(1)) as unknown as { options: { nRounds: number; earlyStoppingRounds: number } };
    expect(gb.options).toMatchObject({ nRounds: classicEntries.gbdt.defaults.nRounds, earlyStoppingRounds: classicEntries.gbdt.defaults.earlyStoppingRounds });
    const tuned = logClassClassifier("gbdt", { nRounds: 50 }, new Rng(1)) as unknown as { options: { nRounds: number } };
    expect(tuned.options.nRounds).toBe(50);
    expect(() => logClassClassifier("gbdt", { nRound: 50 }, new Rng(1))).toThrow(/unknown setting "nRound"/);
  });

  it("keywordBaselineRow: error words against issue vs normal on the test lines", () => {
    const row = keywordBaselineRow(d);
    expect(row.model).toBe("keyword (grep error words)");
    for (const k of ["precision", "recall", "F1"] as const) expect(row[k]).toBeGreaterThanOrEqual(0);
    expect(Number(row.FP) + Number(row.FN)).toBeLessThanOrEqual(d.test.y.length);
  });
});
