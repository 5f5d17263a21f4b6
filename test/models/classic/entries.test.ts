import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classicEntries } from "../../../lib/models/classic/entries.js";
import { createDetector, loadDetector, modelSpecFromJson, type ModelName } from "../../../lib/models/registry.js";
import { rocAuc } from "../../../lib/eval/roc.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { syntheticSessions } from "./synthetic-sessions.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-classic-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const train = syntheticSessions(400, 0.3, 1);
const test = syntheticSessions(300, 0.3, 2);
const normalTrain = { sequences: train.sequences.filter((_, i) => train.labels[i] === 0) };
// Small, fast settings; every model must still separate the known anomalies.
const fast: Record<string, object> = {
  iforest: { nEstimators: 50 },
  "random-forest": { nEstimators: 20 },
  gbdt: { nRounds: 30 },
};

describe("classic registry entries", () => {
  it("registers the ten classic models with typed defaults", () => {
    expect(Object.keys(classicEntries).sort()).toEqual(
      ["decision-tree", "gbdt", "invariants-mining", "iforest", "keyword", "linear-svm", "log-clustering", "logistic-regression", "pca", "random-forest"].sort(),
    );
  });
  it("rejects unknown parameters by name and bad enum values", () => {
    // Values from outside the program (JSON) go through the untyped entry point; the detector checks enums.
    expect(() => modelSpecFromJson("pca", { nComponent: 3 })).toThrow(/unknown setting "nComponent"/);
    expect(() => createDetector("pca", modelSpecFromJson("pca", { termWeighting: "bm25" }).params as never, { rng: new Rng(1) })).toThrow(/termWeighting"? must be one of/);
    expect(() => createDetector("decision-tree", modelSpecFromJson("decision-tree", { balance: "oversample" }).params as never, { rng: new Rng(1) })).toThrow(/balance"? must be one of/);
  });
  it("supervised models refuse unlabeled training data", async () => {
    const d = createDetector("decision-tree", {}, { rng: new Rng(1) });
    await expect(d.fit(normalTrain)).rejects.toThrow(/needs labels|need labels/);
  });

  for (const name of Object.keys(classicEntries) as ModelName[]) {
    it(`${name}: separates the synthetic anomalies, saves and loads to the same scores, same seed same scores`, async () => {
      const entry = classicEntries[name as keyof typeof classicEntries];
      const det = createDetector(name, fast[name] ?? {}, { rng: new Rng(7) });
      const fitSet = entry.supervision === "supervised" ? train : normalTrain;
      await det.fit(fitSet);
      const scores = await det.score(test);
      expect(scores.length).toBe(test.sequences.length);
      // Known answer: every anomaly breaks count(1) = count(2); models should rank them high.
      // Cosine distance ignores magnitude (a burst of known events keeps the direction) and the
      // keyword rule sees only the unseen key 9 (half the anomalies): lower bars for those two.
      const bar: Record<string, number> = { keyword: 0.7, "log-clustering": 0.8 };
      expect(rocAuc(test.labels, scores)).toBeGreaterThan(bar[name] ?? 0.95);
      const dir = join(tmp, name);
      await det.save(dir);
      const again = await loadDetector(name, dir);
      expect(Array.from(await again.score(test))).toEqual(Array.from(scores));
      const twin = createDetector(name, fast[name] ?? {}, { rng: new Rng(7) });
      await twin.fit(fitSet);
      expect(Array.from(await twin.score(test))).toEqual(Array.from(scores));
    });
  }

  it("a detector saved under one name does not load as another", async () => {
    const d = createDetector("pca", {}, { rng: new Rng(1) });
    await d.fit(normalTrain);
    await d.save(join(tmp, "as-pca"));
    await expect(loadDetector("log-clustering", join(tmp, "as-pca"))).rejects.toThrow(/holds model "pca"/);
  });
});
