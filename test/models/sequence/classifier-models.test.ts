import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildClassifier, padSideOf, type ClassifierArchitecture } from "../../../lib/models/sequence/classifier-models.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

const shape = { inputDim: 6, embeddingDim: 4, hiddenUnits: 3, filters: 3, kernelSize: 3, heads: 2, blocks: 1, ffnDim: 5, maxLength: 8 };
const ARCHS: ClassifierArchitecture[] = ["lstm", "gru", "bilstm-attention", "cnn-lstm", "transformer", "cnn-transformer"];

describe("classifier networks", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("padSideOf: recurrent readers pad on the left, attention models on the right", () => {
    expect(ARCHS.map(padSideOf)).toEqual(["left", "left", "left", "left", "right", "right"]);
  });

  for (const arch of ARCHS) {
    it(`${arch}: [B, T] keys of any length → [B, 1] logits; seeded; no tensors left by predict`, () => {
      const m = buildClassifier(arch, shape, new Rng(1));
      expect(m.name).toBe(`${arch}-classifier`);
      expect(m.inputs[0]!.shape).toEqual([null, null]);
      expect(m.outputs[0]!.shape).toEqual([null, 1]);
      const x = tf.tensor2d([
        [1, 2, 3, 4, 0],
        [5, 5, 1, 0, 0],
      ]);
      const before = tf.memory().numTensors;
      const y = m.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([2, 1]);
      for (const v of y.dataSync()) expect(Number.isFinite(v)).toBe(true);
      y.dispose();
      expect(tf.memory().numTensors).toBe(before);
      tf.tidy(() => {
        expect((m.predict(tf.tensor2d([[1, 2]])) as tf.Tensor).shape).toEqual([1, 1]);
      });
      const twin = buildClassifier(arch, shape, new Rng(1));
      const flat = (mm: tf.LayersModel) => mm.getWeights().flatMap((w) => Array.from(w.dataSync()));
      expect(flat(twin)).toEqual(flat(m));
      x.dispose();
      m.dispose();
      twin.dispose();
    });
  }

  it("the architectures hold the layers they are named for", () => {
    const names = (arch: ClassifierArchitecture) => {
      const m = buildClassifier(arch, shape, new Rng(2));
      const n = m.layers.map((l) => l.name);
      m.dispose();
      return n;
    };
    expect(names("bilstm-attention")).toEqual(expect.arrayContaining(["lstm_forward", "lstm_backward", "bilstm", "attention_pooling", "anomaly_logit"]));
    expect(names("cnn-lstm")).toEqual(expect.arrayContaining(["conv", "lstm"]));
    expect(names("cnn-transformer")).toEqual(expect.arrayContaining(["conv", "positions", "attention_1", "norm_ffn_1", "mean_pooling"]));
    expect(names("gru")).toContain("gru");
  });

  it("an unknown architecture is an error naming it", () => {
    expect(() => buildClassifier("rnn" as ClassifierArchitecture, shape, new Rng(1))).toThrow('unknown classifier architecture "rnn"');
  });
});
