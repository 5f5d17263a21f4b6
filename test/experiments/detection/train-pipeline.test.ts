import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDetectionExperiment } from "../../../lib/experiments/detection/detection-experiment.js";
import { saveTrained, trainDetector } from "../../../lib/experiments/detection/train-pipeline.js";
import { classicEntries } from "../../../lib/models/classic/entries.js";
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

describe("fitting never sees validation or test rows", () => {
  // Marker keys: 500 only in validation rows, 700 only in test rows. A model fit on such a row
  // would put the marker in its vocabulary.
  const base = syntheticSessions(300, 0.3, 11);
  const mark = (s: number[], k: number): number[] => [...s, k];
  const part = (from: number, to: number, marker: number | null) => {
    const sequences = base.sequences.slice(from, to).map((s) => (marker === null ? s : mark(s, marker)));
    return { sequences, labels: base.labels.slice(from, to) };
  };
  const split = { train: part(0, 200, null), validation: part(200, 250, 500), test: part(250, 300, 700) };

  for (const name of Object.keys(classicEntries)) {
    it(`${name}: the experiment runner fits on train only`, async () => {
      const fast = { iforest: { nEstimators: 10 }, "random-forest": { nEstimators: 5 }, gbdt: { nRounds: 5 } } as Record<string, object>;
      const seen: number[][] = [];
      const [r] = await runDetectionExperiment({
        split,
        models: [{ model: name, params: fast[name] }],
        seed: 1,
        onModel: () => undefined,
      });
      expect(r!.fitSessions).toBe(r!.supervision === "supervised" ? 200 : split.train.labels.filter((l) => l === 0).length);
      // Through the CLI's pipeline: the last 20% of each input (marked 500) must only validate.
      const normals = base.sequences.filter((_, i) => base.labels[i] === 0).slice(0, 200);
      const abnormals = base.sequences.filter((_, i) => base.labels[i] === 1).slice(0, 50);
      const t = await trainDetector({
        model: name,
        params: fast[name],
        seed: 1,
        normal: [...normals.slice(0, 160), ...normals.slice(160).map((q) => mark(q, 500))],
        abnormal: [...abnormals.slice(0, 40), ...abnormals.slice(40).map((q) => mark(q, 500))],
      });
      const dir = join(tmp, name);
      await saveTrained(dir, t);
      seen.push(fittedKeys(dir), t.card.vocabulary ?? []);
      for (const keys of seen) expect(keys).not.toContain(500);
      expect(t.card.training.normal).toBe(160);
      expect(t.card.training.abnormal).toBe(r!.supervision === "supervised" ? 40 : 0);
      // The experiment runner's model never saw the test marker either.
      expect(r!.test.all.sessions).toBe(50);
    });
  }

  it("the card records the split and where the threshold came from", async () => {
    const t = await trainDetector({ model: "pca", seed: 3, normal: split.train.sequences.filter((_, i) => split.train.labels[i] === 0), abnormal: split.train.sequences.filter((_, i) => split.train.labels[i] === 1) });
    expect(t.card.thresholdSource).toMatch(/max F1 on/);
    expect(t.card.validationSplit!.abnormal).toBe(split.train.labels.filter((l) => l === 1).length); // unsupervised: all abnormal validate
    expect(t.card.training.abnormal).toBe(0);
    const own = await trainDetector({ model: "invariants-mining", seed: 3, normal: split.train.sequences, threshold: { kind: "model" } });
    expect(own.card.thresholdSource).toMatch(/own threshold/);
    await expect(trainDetector({ model: "gbdt", seed: 3, normal: split.train.sequences })).rejects.toThrow(/supervised/);
  });
});
