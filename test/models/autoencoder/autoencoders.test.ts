import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CountVectorizer, distinctRows } from "../../../lib/models/autoencoder/count-vectors.js";
import { createDetector, loadDetector } from "../../../lib/models/registry.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { brokenSessions, cycleSessions, labelled } from "../sequence/model-fixtures.js";

const cases = [
  ["dense-ae", { hidden: [8], latentDim: 3, epochs: 20, batchSize: 16 }],
  ["lstm-ae", { embeddingDim: 4, hiddenUnits: 8, epochs: 8, batchSize: 16, maxLength: 16, learningRate: 0.02 }],
  ["iforest-ae", { hidden: [8], latentDim: 3, epochs: 20, batchSize: 16, nEstimators: 10, maxSamples: 32, filterShare: 0.2 }],
  ["iforest-2ae", { hidden: [8], latentDim: 3, epochs: 20, batchSize: 16, nEstimators: 10, maxSamples: 32, filterShare: 0.2 }],
] as const;

describe("autoencoders", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const normal = cycleSessions(60, 1);
  const contaminated = labelled(normal, brokenSessions(10, 2));
  const validation = labelled(cycleSessions(10, 3), brokenSessions(4, 4));
  const test = labelled(cycleSessions(8, 5), brokenSessions(4, 6));

  it("count vectors: log-scaled to [0, 1] on training data, unseen keys in the OOV column, distinct rows counted", () => {
    const v = CountVectorizer.fit([[1, 1, 2], [2, 3]]);
    const rows = v.transform([[1, 1, 2], [9]]);
    expect(v.width).toBe(4);
    expect(Math.max(...rows[0]!)).toBeLessThanOrEqual(1);
    expect(rows[1]![3]).toBeGreaterThan(0);
    const d = distinctRows(v.transform([[1, 2], [2, 1], [3]]));
    expect(d.rows).toHaveLength(2);
    expect(Array.from(d.counts)).toEqual([2, 1]);
    expect(CountVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON()))).transform([[1, 2]])).toEqual(v.transform([[1, 2]]));
  });

  for (const [name, params] of cases) {
    it(`${name}: fits, scores reconstruction error, keeps tensors flat, saves and loads with identical scores`, async () => {
      const before = tf.memory().numTensors;
      const d = createDetector(name, { ...params }, { rng: new Rng(7) });
      const rep = await d.fit(name.startsWith("iforest") ? { sequences: contaminated.sequences } : { sequences: normal }, validation);
      expect(rep.history!.length).toBeGreaterThan(0);
      const afterFit = tf.memory().numTensors;
      const s = await d.score(test);
      await d.score(test);
      expect(tf.memory().numTensors).toBe(afterFit);
      expect(s).toHaveLength(test.sequences.length);
      // Broken sessions hold key 7, never seen in normal training: they reconstruct worse.
      const meanNormal = s.slice(0, 8).reduce((a, b) => a + b, 0) / 8;
      const meanAbnormal = s.slice(8).reduce((a, b) => a + b, 0) / 4;
      expect(meanAbnormal).toBeGreaterThan(meanNormal);
      const dir = mkdtempSync(join(tmpdir(), `loglab-${name}-`));
      dirs.push(dir);
      await d.save(dir);
      const loaded = await loadDetector(name, dir);
      expect(Array.from(await loaded.score(test))).toEqual(Array.from(s));
      loaded.dispose();
      d.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("the Isolation-Forest hybrids set aside the most isolated training sessions and ignore labels", async () => {
    const d = createDetector("iforest-2ae", { hidden: [8], latentDim: 3, epochs: 5, nEstimators: 10, maxSamples: 32, filterShare: 0.2 }, { rng: new Rng(1) });
    const rep = await d.fit(contaminated);
    expect(rep.info!.filteredSessions).toBe(14);
    expect(Number(rep.info!.filteredThatWereAnomalies)).toBeGreaterThanOrEqual(0);
    d.dispose();
  });
});
