import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { saveTrained, trainDetector, trainDetectorFromJson } from "../../../lib/experiments/detection/train-detector.js";
import { classicEntries } from "../../../lib/models/classic/entries.js";
import type { ModelName } from "../../../lib/models/registry.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-train-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Keys a fitted classic model knows, read back from its saved files. */
function fittedKeys(dir: string): number[] {
  try {
    return (JSON.parse(readFileSync(join(dir, "classic-model.json"), "utf8")) as { features: { vocabulary: { keys: number[] } } }).features.vocabulary.keys;
  } catch {
    return (JSON.parse(readFileSync(join(dir, "keyword-model.json"), "utf8")) as { seenKeys: number[] }).seenKeys;
  }
}

const base = syntheticSessions(300, 0.3, 11);
const normals = base.sequences.filter((_, i) => base.labels[i] === 0).slice(0, 200);
const abnormals = base.sequences.filter((_, i) => base.labels[i] === 1).slice(0, 50);
const mark = (s: number[], k: number): number[] => [...s, k];

describe("trainDetector (loglab train)", () => {
  for (const name of Object.keys(classicEntries) as ModelName[]) {
    it(`${name}: the last 20% of each file only validates; the model fits on its fit set`, async () => {
      const fast: Record<string, object> = { iforest: { nEstimators: 10 }, "random-forest": { nEstimators: 5 }, gbdt: { nRounds: 5 } };
      const t = await trainDetectorFromJson(name, fast[name], {
        seed: 1,
        normal: [...normals.slice(0, 160), ...normals.slice(160).map((q) => mark(q, 500))],
        abnormal: [...abnormals.slice(0, 40), ...abnormals.slice(40).map((q) => mark(q, 500))],
      });
      const dir = join(tmp, name);
      await saveTrained(dir, t);
      for (const keys of [fittedKeys(dir), t.card.vocabulary ?? []]) expect(keys).not.toContain(500);
      expect(t.card.training.normal).toBe(160);
      expect(t.card.training.abnormal).toBe(t.fitSet === "labelled" ? 40 : 0);
      expect(t.card.validationSplit!.abnormal).toBe(t.fitSet === "labelled" ? 10 : 50);
    });
  }

  it("the card records the split and where the threshold came from, as a value", async () => {
    const t = await trainDetector({ spec: { model: "pca" }, seed: 3, normal: normals, abnormal: abnormals });
    expect(t.card.thresholdSource).toEqual({ kind: "max-f1", validationSessions: 40 + 50 });
    expect(t.card.validationSplit!.abnormal).toBe(50); // fits on normals: every abnormal session validates
    const own = await trainDetector({ spec: { model: "invariants-mining" }, seed: 3, normal: normals, threshold: { kind: "model" } });
    expect(own.card.thresholdSource!.kind).toBe("model");
    expect(own.card.thresholdPolicy.kind).toBe("fixed");
    const auto = await trainDetector({ spec: { model: "keyword" }, seed: 3, normal: normals });
    expect(auto.card.thresholdSource).toEqual({ kind: "model", threshold: 0 }); // normal-only validation: the model's own
  });

  it("unlabelled fit sets take both files' training parts without labels", async () => {
    const t = await trainDetector({ spec: { model: "iforest", fitSet: "unlabelled", params: { nEstimators: 5 } }, seed: 3, normal: normals, abnormal: abnormals });
    expect(t.fitSessions).toBe(160 + 40);
    expect(t.card.validationSplit!.rule).toMatch(/last share of each file/);
  });

  it("refuses supervised models without anomalies and bad JSON parameters, naming the flag", async () => {
    await expect(trainDetector({ spec: { model: "gbdt" }, seed: 3, normal: normals })).rejects.toThrow(/gbdt is supervised/);
    await expect(trainDetectorFromJson("pca", { nComponent: 2 }, { seed: 3, normal: normals })).rejects.toThrow(/--params: unknown setting "nComponent"/);
    await expect(trainDetectorFromJson("pcaa", {}, { seed: 3, normal: normals })).rejects.toThrow(/Unknown model "pcaa"/);
  });
});
