import { describe, expect, expectTypeOf, it } from "vitest";
import { fitDetector } from "../../../lib/experiments/detection/fit-detector.js";
import type { DeepLog } from "../../../lib/models/sequence/deeplog.js";
import type { KeywordDetector } from "../../../lib/models/classic/keyword-detector.js";
import { classicEntries } from "../../../lib/models/classic/entries.js";
import type { ModelName } from "../../../lib/models/registry.js";
import { syntheticSessions } from "../../models/classic/synthetic-sessions.js";

// Marker keys: 500 only in validation sessions. A model fitted on one would know the key.
const base = syntheticSessions(300, 0.3, 11);
const part = (from: number, to: number, marker: number | null) => ({
  sequences: base.sequences.slice(from, to).map((s) => (marker === null ? s : [...s, marker])),
  labels: base.labels.slice(from, to),
});
const data = { train: part(0, 200, null), validation: part(200, 260, 500) };
const normals = Array.from(data.train.labels).filter((l) => l === 0).length;

describe("fitDetector", () => {
  for (const name of Object.keys(classicEntries) as ModelName[]) {
    it(`${name}: fits on its fit set of the training part only, thresholds on validation`, async () => {
      const fast: Record<string, object> = { iforest: { nEstimators: 10 }, "random-forest": { nEstimators: 5 }, gbdt: { nRounds: 5 } };
      const f = await fitDetector({ model: name, params: fast[name] } as never, data, { seed: 1, threshold: { kind: "max-f1" } });
      expect(f.fitSessions).toBe(f.supervision === "supervised" ? 200 : normals);
      expect(f.vocabulary).not.toContain(500);
      expect(f.validationScores).toHaveLength(60);
      expect(f.thresholdSource).toEqual({ kind: "max-f1", validationSessions: 60 });
      expect(f.threshold).toBe(f.choice.threshold);
      expect(f.family).toBe("classic");
      f.detector.dispose();
    });
  }

  it("is typed by the registry: the detector of a DeepLog spec is a DeepLog", async () => {
    const f = await fitDetector({ model: "keyword", label: "grep" }, data, { seed: 1 });
    expectTypeOf(f.detector).toEqualTypeOf<KeywordDetector>();
    expectTypeOf<Awaited<ReturnType<typeof fitDetector<"deeplog">>>["detector"]>().toEqualTypeOf<DeepLog>();
    expect(f.label).toBe("grep");
    expect(f.fit.seenKeys).toBeGreaterThan(0);
    expect(f.params).toEqual({ alarmKeys: [], flagUnseenKeys: true });
    expect(f.intrinsicThreshold).toBe(0);
  });

  it("an empty fit set is an error naming the model", async () => {
    const allAnomalous = { sequences: [[1], [2]], labels: Uint8Array.of(1, 1) };
    await expect(fitDetector({ model: "pca" }, { train: allAnomalous, validation: data.validation }, { seed: 1 })).rejects.toThrow(/pca: no training sessions in its fit set \("normals"\)/);
  });
});
