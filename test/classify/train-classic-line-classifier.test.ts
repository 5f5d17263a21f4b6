import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadOrTrainClassicLineClassifier, tfidfFromDocumentFrequencies, trainClassicLineClassifier } from "../../lib/classify/train-classic-line-classifier.js";
import { CountTransform } from "../../lib/features/tfidf.js";
import { LOG_CLASSES } from "../../lib/label/log-classes.js";
import { SMALL_LINES, SMALL_SYSTEMS, loghubLines, smallTraining } from "./classify-fixtures.js";

describe("trainClassicLineClassifier", () => {
  it("chooses C by validation macro F1 and records the split, samples and held-out scores on the card", () => {
    const t = smallTraining();
    const card = t.classifier.card;
    const best = t.selection.reduce((a, b) => (b.validationMacroF1 > a.validationMacroF1 ? b : a));
    expect(card.params.C).toBe(best.C);
    expect(card.metrics.validation.macroF1).toBe(best.validationMacroF1);
    expect(card.classes).toEqual([...LOG_CLASSES]);
    expect(card.kind).toBe("classic");
    expect(card.training.samples + card.training.testSamples).toBe(SMALL_SYSTEMS.length * SMALL_LINES);
    expect(card.metrics.test).not.toBeNull();
  });
  it("is deterministic for a seed", () => {
    const a = trainClassicLineClassifier({ systems: ["OpenSSH", "HDFS"], maxLinesPerSystem: 200, cGrid: [1], seed: 3 });
    const b = trainClassicLineClassifier({ systems: ["OpenSSH", "HDFS"], maxLinesPerSystem: 200, cGrid: [1], seed: 3 });
    expect(a.selection).toEqual(b.selection);
    expect(a.classifier.card.metrics).toEqual(b.classifier.card.metrics);
  });
  it("learns the rule classes: OpenSSH authentication failures are security, HDFS block traffic is normal", async () => {
    const c = smallTraining().classifier;
    const r = await c.classify(["Dec 10 09:32:20 LabSZ sshd[24680]: Failed password for invalid user admin from 5.36.59.76 port 42393 ssh2", loghubLines("HDFS", 1)[0]!]);
    expect(r.map((x) => x.className)).toEqual(["security", "normal"]);
  });
  it("builds loglizer's tf-idf from document frequencies exactly as CountTransform.fit does", () => {
    const rows = [Float64Array.of(1, 0, 2), Float64Array.of(0, 0, 1), Float64Array.of(3, 0, 0)];
    const df = [2, 0, 2];
    expect(tfidfFromDocumentFrequencies(df, 3).toJSON()).toEqual(CountTransform.fit(rows, { termWeighting: "tf-idf" }).toJSON());
  });
  it("loadOrTrain trains and saves into an empty folder once, then loads", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "loglab-train-")), "classifier-ml");
    const told: string[] = [];
    const o = { systems: ["OpenSSH"] as const, maxLinesPerSystem: 200, cGrid: [1], onTrain: (d: string) => told.push(d) };
    const first = await loadOrTrainClassicLineClassifier(dir, o);
    expect(first.trained).not.toBeNull();
    expect(told).toEqual([dir]);
    expect(existsSync(join(dir, "loglab-classifier.json"))).toBe(true);
    const second = await loadOrTrainClassicLineClassifier(dir, o);
    expect(second.trained).toBeNull();
    expect(told).toHaveLength(1);
    expect(second.classifier.card).toEqual(first.classifier.card);
  });
});
