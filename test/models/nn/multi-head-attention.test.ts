import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { KeyEmbedding } from "../../../lib/models/nn/key-embedding.js";
import { MultiHeadSelfAttention } from "../../../lib/models/nn/multi-head-attention.js";
import { MaskedMeanPooling } from "../../../lib/models/nn/sequence-pooling.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff } from "./nn-helpers.js";

describe("MultiHeadSelfAttention", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  // Moved from test/models/nn/layers.test.ts.
  it("padding keys (0) are masked: attention and mean pooling ignore them", () => {
    tf.tidy(() => {
      const keys = tf.input({ shape: [null] });
      const e = new KeyEmbedding({ inputDim: 5, outputDim: 4, seed: 1 }).apply(keys) as tf.SymbolicTensor;
      const a = new MultiHeadSelfAttention({ heads: 2, seed: 2 }).apply([e, keys]) as tf.SymbolicTensor;
      const m = new MaskedMeanPooling({}).apply([a, keys]) as tf.SymbolicTensor;
      const model = tf.model({ inputs: keys, outputs: m });
      const short = model.predict(tf.tensor2d([[1, 2, 3]])) as tf.Tensor;
      const padded = model.predict(tf.tensor2d([[1, 2, 3, 0, 0]])) as tf.Tensor;
      expect(maxDiff(short, padded)).toBeLessThan(1e-5);
    });
  });

  it("with Q = K = 0 every real step is attended equally: V = Wo = I gives the mean of the real steps at every position", () => {
    const l = new MultiHeadSelfAttention({ heads: 2, seed: 3 });
    l.apply([tf.input({ shape: [null, 2] }), tf.input({ shape: [null] })]);
    tf.tidy(() => {
      const z = tf.zeros([2, 2]);
      const eye = tf.eye(2);
      const zb = tf.zeros([2]);
      l.setWeights([z, z, eye, eye, zb, zb, zb, zb]); // wq, wk, wv, wo, bq, bk, bv, bo
      const x = tf.tensor3d([[[1, 2], [3, 6], [50, 50]]]);
      const y = (l.apply([x, tf.tensor2d([[1, 1, 0]])]) as tf.Tensor).arraySync() as number[][][];
      for (const row of y[0]!) {
        expect(row[0]).toBeCloseTo(2, 5);
        expect(row[1]).toBeCloseTo(4, 5);
      }
    });
  });

  it("keeps [B, T, D]; D must divide into the heads; needs [x, keys]", () => {
    const l = new MultiHeadSelfAttention({ heads: 2, seed: 1, name: "mha" });
    expect((l.apply([tf.input({ shape: [null, 6] }), tf.input({ shape: [null] })]) as tf.SymbolicTensor).shape).toEqual([null, null, 6]);
    expect(l.getWeights()).toHaveLength(8);
    expect(l.getConfig()).toMatchObject({ heads: 2, seed: 1 });
    expect(() => new MultiHeadSelfAttention({ heads: 4, seed: 1, name: "mha_bad" }).apply([tf.input({ shape: [null, 6] }), tf.input({ shape: [null] })])).toThrow("mha_bad: model size 6 does not divide into 4 heads");
    expect(() => tf.tidy(() => void l.apply(tf.zeros([1, 2, 6])))).toThrow("mha: expects [x, keys]");
  });

  it("leaves no tensors behind across a training step", async () => {
    const keys = tf.input({ shape: [null] });
    const e = new KeyEmbedding({ inputDim: 5, outputDim: 4, seed: 1 }).apply(keys) as tf.SymbolicTensor;
    const a = new MultiHeadSelfAttention({ heads: 2, seed: 2 }).apply([e, keys]) as tf.SymbolicTensor;
    const model = tf.model({ inputs: keys, outputs: new MaskedMeanPooling({}).apply([a, keys]) as tf.SymbolicTensor });
    model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
    const x = tf.tensor2d([[1, 2, 0], [3, 4, 4]]);
    const y = tf.ones([2, 4]);
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    model.dispose();
  });
});
