import * as tf from "@tensorflow/tfjs";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClassifier, type ClassifierArchitecture } from "../../../lib/models/sequence/classifier-models.js";
import { createDetector, loadDetector } from "../../../lib/models/registry.js";
import { SESSION_CLASSIFIER_DEFAULTS } from "../../../lib/models/sequence/session-classifier.js";
import { lengthBatches, distinctSessionItems } from "../../../lib/models/sequence/session-batches.js";
import { SequenceVocabulary } from "../../../lib/models/sequence/sequence-vocabulary.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { brokenSessions, cycleSessions, labelled } from "./model-fixtures.js";

const ARCHS: ClassifierArchitecture[] = ["lstm", "gru", "bilstm-attention", "cnn-lstm", "transformer", "cnn-transformer"];
const tiny = { ...SESSION_CLASSIFIER_DEFAULTS, embeddingDim: 8, hiddenUnits: 8, filters: 8, heads: 2, ffnDim: 8, epochs: 2, batchSize: 16, maxLength: 16, earlyStoppingPatience: 0 };

describe("supervised session classifiers", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  const train = labelled(cycleSessions(40, 1), brokenSessions(15, 2));
  const validation = labelled(cycleSessions(10, 3), brokenSessions(5, 4));
  const test = labelled(cycleSessions(8, 5), brokenSessions(4, 6));

  it("builds every architecture with [B, T] keys in and [B, 1] logits out, for any T", () => {
    for (const arch of ARCHS) {
      const model = buildClassifier(arch, { inputDim: 10, embeddingDim: 8, hiddenUnits: 8, filters: 8, kernelSize: 3, heads: 2, blocks: 1, ffnDim: 8, maxLength: 16 }, new Rng(1));
      for (const T of [1, 5, 16]) {
        const y = tf.tidy(() => (model.predict(tf.ones([3, T])) as tf.Tensor).shape);
        expect(y).toEqual([3, 1]);
      }
      model.dispose();
    }
  });

  it("batches sessions of one exact length each (no padding)", () => {
    const vocab = SequenceVocabulary.fit(train.sequences);
    const items = distinctSessionItems(train.sequences, train.labels, vocab, 16);
    const batches = lengthBatches(items.inputs, 4, new Rng(0));
    for (const b of batches) expect(new Set(Array.from(b, (i) => items.inputs[i]!.length)).size).toBe(1);
    expect(batches.reduce((a, b) => a + b.length, 0)).toBe(items.inputs.length);
  });

  for (const arch of ARCHS) {
    it(`${arch}: fits, scores probabilities, keeps tensors flat, saves and loads with identical scores`, async () => {
      const before = tf.memory().numTensors;
      const d = createDetector(arch, { ...tiny }, { rng: new Rng(3) });
      const rep = await d.fit(train, validation);
      expect(rep.history).toHaveLength(2);
      expect(rep.history!.every((h) => Number.isFinite(h.valLoss!))).toBe(true);
      const afterFit = tf.memory().numTensors;
      const s = await d.score(test);
      expect(s).toHaveLength(test.sequences.length);
      for (const v of s) expect(v >= 0 && v <= 1).toBe(true);
      await d.score(test);
      expect(tf.memory().numTensors).toBe(afterFit);
      const dir = mkdtempSync(join(tmpdir(), `loglab-${arch}-`));
      dirs.push(dir);
      await d.save(dir);
      const loaded = await loadDetector(arch, dir);
      expect(Array.from(await loaded.score(test))).toEqual(Array.from(s));
      loaded.dispose();
      d.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it("checkpoints the best validation epoch to a folder when asked", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-ckpt-"));
    dirs.push(dir);
    const d = createDetector("lstm", { ...tiny, checkpointDir: dir }, { rng: new Rng(2) });
    await d.fit(train, validation);
    expect(existsSync(join(dir, "checkpoint.json")) && existsSync(join(dir, "checkpoint.bin"))).toBe(true);
    d.dispose();
  });

  it("gives the same numbers for the same seed, learns the toy task, and refuses unlabelled training", async () => {
    const a = createDetector("transformer", { ...tiny, epochs: 12 }, { rng: new Rng(9) });
    const b = createDetector("transformer", { ...tiny, epochs: 12 }, { rng: new Rng(9) });
    await a.fit(train, validation);
    await b.fit(train, validation);
    const sa = await a.score(test);
    expect(Array.from(sa)).toEqual(Array.from(await b.score(test)));
    const meanNormal = sa.slice(0, 8).reduce((x, y) => x + y, 0) / 8;
    const meanAbnormal = sa.slice(8).reduce((x, y) => x + y, 0) / 4;
    expect(meanAbnormal).toBeGreaterThan(meanNormal);
    await expect(a.fit({ sequences: train.sequences })).rejects.toThrow(/labels/);
    a.dispose();
    b.dispose();
  });
});
