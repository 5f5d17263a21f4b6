import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BertLineScorer } from "../../lib/classify/bert-line-scorer.js";
import { loadLineClassifier, saveLineClassifier } from "../../lib/classify/line-classifier-folder.js";
import type { LineClassifierCard } from "../../lib/classify/line-classifier.js";
import { buildLoghubLineSet } from "../../lib/classify/loghub-line-set.js";
import { ScoredLineClassifier } from "../../lib/classify/scored-line-classifier.js";
import { BertLineClassifier } from "../../lib/models/bert/bert-line-classifier.js";
import { tinyEncoder } from "../models/bert/text-encoder-fixtures.js";
import { runCli } from "../cli/cli-helpers.js";
import { loghubLines } from "./classify-fixtures.js";

describe("BertLineScorer (a BERT line classifier behind the shared analyzer)", () => {
  const dir = mkdtempSync(join(tmpdir(), "loglab-bert-scorer-"));
  const model = join(dir, "classifier-bert-hybrid");
  let classifier: ScoredLineClassifier;
  beforeAll(async () => {
    const { encoder, lines } = await tinyEncoder();
    const clf = await BertLineClassifier.fit("bert-hybrid", encoder, { contents: lines.content, y: lines.y, domains: lines.systemOf }, { seed: 1, classes: lines.classes, params: { epochs: 1, headUnits: 8, hashBuckets: 4, patience: 0 } });
    const analyzer = buildLoghubLineSet({ systems: ["OpenSSH", "HDFS"], maxLinesPerSystem: 60 }).analyzer;
    const card: LineClassifierCard = {
      format: "loglab.line-classifier",
      version: 1,
      kind: "bert",
      name: "bert-hybrid",
      classes: [...lines.classes],
      featureType: "wordpiece-bert+template-features",
      params: {},
      seed: 1,
      trainedAt: new Date(0).toISOString(),
      training: { source: "test", samples: lines.y.length, validationSamples: 0, testSamples: 0, split: "none", labels: "rules" },
      metrics: { validation: { macroF1: 0, accuracy: 0 }, test: null },
    };
    classifier = new ScoredLineClassifier(card, analyzer, new BertLineScorer(clf));
    await saveLineClassifier(model, classifier);
  }, 120_000);
  afterAll(() => classifier?.dispose());

  it("gives one probability row per line that sums to 1, and the same classes after save and load", async () => {
    const raw = loghubLines("OpenSSH", 6, 100);
    const before = await classifier.classify(raw, { format: "OpenSSH" });
    expect(before).toHaveLength(6);
    for (const c of before) {
      expect(c.probabilities).toHaveLength(7);
      expect(c.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(c.logType).toBe("OpenSSH");
    }
    const loaded = await loadLineClassifier(model);
    try {
      expect(loaded.card.kind).toBe("bert");
      const after = await loaded.classify(raw, { format: "OpenSSH" });
      expect(after.map((c) => c.className)).toEqual(before.map((c) => c.className));
      after.forEach((c, i) => c.probabilities.forEach((p, k) => expect(p).toBeCloseTo(before[i]!.probabilities[k]!, 5)));
    } finally {
      loaded.dispose();
    }
  });

  it("serves `loglab classify --model` like the classic model", async () => {
    const input = join(dir, "in.log");
    writeFileSync(input, [...loghubLines("OpenSSH", 4), ...loghubLines("HDFS", 2)].join("\n") + "\n");
    const r = await runCli(["classify", "--model", model, "--input", input, "--json"]);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(6);
    expect(rows.slice(4).map((o) => o.log_type)).toEqual(["HDFS", "HDFS"]);
  }, 120_000);
});
