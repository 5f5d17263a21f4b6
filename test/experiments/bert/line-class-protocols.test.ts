import { describe, expect, it } from "vitest";
import { loadLabelledLogLines } from "../../../lib/experiments/labelling/labelled-log-lines.js";
import { buildLogClassDataset, runLogClassExperiment } from "../../../lib/experiments/classic/log-class-experiment.js";
import { classicComparisonRows, embeddingMap, findLineResult, lineProtocolDefaults, losoRows, misclassifiedLines, protocolScores, protocolTableRows, runLineClassProtocols } from "../../../lib/experiments/bert/line-class-protocols.js";
import { tinyEncoder } from "../../models/bert/text-encoder-fixtures.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { disposeLogTextEncoder, loadLogTextEncoder, saveLogTextEncoder } from "../../../lib/models/bert/log-text-encoder.js";

describe("runLineClassProtocols", () => {
  it("runs models under the three protocols; the classic model on the template split is notebook 05's, line for line", async () => {
    const { encoder } = await tinyEncoder();
    const lines = loadLabelledLogLines({ maxLinesPerSystem: 20 });
    const tiny = { epochs: 1, headUnits: 8, domainUnits: 4, patience: 0 };
    const res = await runLineClassProtocols({ lines, encoder, seed: 42, protocols: ["random", "template", "loso"], models: ["decision-tree", "bert-features-rf", "bert-lora"], losoSystems: ["HDFS", "OpenSSH"], params: { "bert-lora": tiny }, losoParams: tiny, keep: ["bert-lora"] });
    expect(res.results.filter((r) => r.protocol === "random")).toHaveLength(3);
    expect(res.results.filter((r) => r.protocol === "loso").map((r) => `${r.split} ${r.model}`)).toEqual(["loso:HDFS bert-dann", "loso:HDFS bert-dann-two-domains", "loso:HDFS bert-dann-no-adaptation", "loso:OpenSSH bert-dann", "loso:OpenSSH bert-dann-two-domains", "loso:OpenSSH bert-dann-no-adaptation"]);
    const nb05 = runLogClassExperiment(buildLogClassDataset({ seed: 42, maxLinesPerSystem: 20, maxTokens: 300 }), { models: ["decision-tree"], smote: [false], seed: 42, search: null });
    const mine = findLineResult(res, "template", "decision-tree");
    expect(() => findLineResult(res, "template", "gbdt")).toThrow(/no result for gbdt under template; have: .*template\/decision-tree/);
    expect(lineProtocolDefaults("smoke").maxLinesPerSystem).toBe(150);
    expect(lineProtocolDefaults("full").losoSystems).toBeNull();
    expect(mine.report.confusion).toEqual(nb05[0]!.confusion.counts);
    // HDFS has two classes: the others are reported as having no test support, not as zeros.
    const hdfs = res.results.find((r) => r.split === "loso:HDFS" && r.model === "bert-dann")!;
    expect(hdfs.report.perClass.filter((c) => c.status === "no test support").length).toBeGreaterThanOrEqual(4);
    const scores = protocolScores(res.results, "loso");
    expect(scores["bert-dann"]!.splits).toBe(2);
    expect(scores["bert-dann"]!.macroF1).toBeCloseTo((hdfs.report.macroF1 + res.results.find((r) => r.split === "loso:OpenSSH" && r.model === "bert-dann")!.report.macroF1) / 2, 10);
    expect(protocolTableRows(res).length).toBe(3 + 3 + 3);
    const cmp = classicComparisonRows(res);
    expect(cmp.map((r) => r.model).sort()).toEqual(["bert-features-rf", "bert-lora", "decision-tree"]);
    expect(cmp.find((r) => r.model === "decision-tree")![Object.keys(cmp[0]!).find((k) => k.startsWith("Δ"))!]).toBe(0);
    expect(losoRows(res).map((r) => r["held-out system"])).toEqual(["HDFS", "OpenSSH"]);
    const wrong = misclassifiedLines(mine, lines, 5);
    for (const w of wrong) {
      expect(w.truth).not.toBe(w.predicted);
      expect(w.raw).toContain(w.template.split("<*>")[0]!.trim().slice(0, 5));
    }
    expect(res.kept["bert-lora"]).toBeDefined();
    res.kept["bert-lora"]!.dispose();
    const map = embeddingMap(encoder, lines, { maxPoints: 50 });
    expect(map.points).toHaveLength(50);
    expect(new Set(map.points.map((p) => p.system)).size).toBeGreaterThan(5);
    expect(map.explained[0]).toBeGreaterThanOrEqual(map.explained[1]);
  }, 300_000);

  it("fits on a pool of workers that load the encoder from its folder: the serial run's predictions, kept models in this process", async () => {
    const { encoder: built, lines } = await tinyEncoder(3);
    const dir = mkdtempSync(join(tmpdir(), "loglab-line-workers-"));
    try {
      await saveLogTextEncoder(built, dir);
      const encoder = await loadLogTextEncoder(dir);
      const tiny = { epochs: 1, headUnits: 8, domainUnits: 4, patience: 0 };
      const o = { lines, encoder, seed: 7, protocols: ["random", "loso"] as const, models: ["decision-tree", "bert-features-gbdt", "bert-hybrid"] as const, losoModels: ["bert-dann", "bert-dann-no-adaptation"] as const, losoSystems: ["Apache"], params: { "bert-hybrid": tiny }, losoParams: tiny, keep: ["bert-hybrid"] as const };
      const serial = await runLineClassProtocols({ ...o, workers: 1 });
      const seen: string[] = [];
      const parallel = await runLineClassProtocols({ ...o, workers: 2, encoderDir: dir, onResult: (r) => seen.push(`${r.split} ${r.model}`) });
      expect(parallel.results.map((r) => `${r.split} ${r.model}`)).toEqual(serial.results.map((r) => `${r.split} ${r.model}`));
      expect([...seen].sort()).toEqual(serial.results.map((r) => `${r.split} ${r.model}`).sort());
      for (let i = 0; i < serial.results.length; i++) {
        expect(Array.from(parallel.results[i]!.predicted), serial.results[i]!.model).toEqual(Array.from(serial.results[i]!.predicted));
        expect(parallel.results[i]!.report.macroF1).toBe(serial.results[i]!.report.macroF1);
      }
      expect(parallel.kept["bert-hybrid"]).toBeDefined();
      for (const r of [serial, parallel]) r.kept["bert-hybrid"]!.dispose();
      disposeLogTextEncoder(encoder);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
