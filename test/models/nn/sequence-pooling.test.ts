import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { AttentionPooling, MaskedMaxPooling, MaskedMeanPooling } from "../../../lib/models/nn/sequence-pooling.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

// Two sequences of 3 steps; padding (key 0) holds large values that must not leak into the pool.
const states = () => tf.tensor3d([
  [[1, 2], [3, 4], [100, 100]],
  [[5, 6], [100, 100], [100, 100]],
]);
const keys = () => tf.tensor2d([
  [4, 1, 0],
  [2, 0, 0],
]);

describe("MaskedMeanPooling", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("mean of the states over real steps; an all-padding row pools to 0", () => {
    const l = new MaskedMeanPooling();
    expect((l.apply([tf.input({ shape: [null, 2] }), tf.input({ shape: [null] })]) as tf.SymbolicTensor).shape).toEqual([null, 2]);
    tf.tidy(() => {
      expect((l.apply([states(), keys()]) as tf.Tensor).arraySync()).toEqual([
        [2, 3],
        [5, 6],
      ]);
      expect((l.apply([tf.ones([1, 2, 2]), tf.zeros([1, 2])]) as tf.Tensor).arraySync()).toEqual([[0, 0]]);
    });
  });

  it("needs [states, keys]", () => {
    expect(() => tf.tidy(() => void new MaskedMeanPooling({ name: "mp" }).apply(tf.zeros([1, 2, 2])))).toThrow("mp: expects [states, keys]");
  });
});

describe("MaskedMaxPooling", () => {
  it("feature-wise maximum over real steps, even when the states are negative; an all-padding row pools to 0", () => {
    const l = new MaskedMaxPooling();
    expect((l.apply([tf.input({ shape: [null, 2] }), tf.input({ shape: [null] })]) as tf.SymbolicTensor).shape).toEqual([null, 2]);
    tf.tidy(() => {
      expect((l.apply([states(), keys()]) as tf.Tensor).arraySync()).toEqual([
        [3, 4],
        [5, 6],
      ]);
      const negative = tf.tensor3d([[[-3, -1], [-2, -5], [100, 100]]]);
      expect((l.apply([negative, tf.tensor2d([[1, 1, 0]])]) as tf.Tensor).arraySync()).toEqual([[-2, -1]]);
      expect((l.apply([tf.ones([1, 2, 2]), tf.zeros([1, 2])]) as tf.Tensor).arraySync()).toEqual([[0, 0]]);
    });
  });

  it("needs [states, keys]", () => {
    expect(() => tf.tidy(() => void new MaskedMaxPooling({ name: "mx" }).apply(tf.zeros([1, 2, 2])))).toThrow("mx: expects [states, keys]");
  });
});

describe("AttentionPooling", () => {
  it("softmax weights over real steps only: with W = 0 every real step weighs the same (the masked mean)", () => {
    const l = new AttentionPooling({ units: 3, seed: 1 });
    expect((l.apply([tf.input({ shape: [null, 2] }), tf.input({ shape: [null] })]) as tf.SymbolicTensor).shape).toEqual([null, 2]);
    tf.tidy(() => {
      const [w, b, v] = l.getWeights();
      l.setWeights([tf.zerosLike(w!), b!, v!]);
      const y = (l.apply([states(), keys()]) as tf.Tensor).arraySync() as number[][];
      expect(y[0]![0]).toBeCloseTo(2, 5);
      expect(y[0]![1]).toBeCloseTo(3, 5);
      expect(y[1]![0]).toBeCloseTo(5, 5);
      expect(y[1]![1]).toBeCloseTo(6, 5);
    });
  });

  it("learned weights give a convex combination of the real steps (padding gets none)", () => {
    const l = new AttentionPooling({ units: 4, seed: 2 });
    l.apply([tf.input({ shape: [null, 2] }), tf.input({ shape: [null] })]);
    tf.tidy(() => {
      const y = (l.apply([states(), keys()]) as tf.Tensor).arraySync() as number[][];
      // Row 0 mixes (1, 2) and (3, 4) only: both coordinates between those bounds, on the segment.
      expect(y[0]![0]).toBeGreaterThanOrEqual(1 - 1e-5);
      expect(y[0]![0]).toBeLessThanOrEqual(3 + 1e-5);
      expect(y[0]![1]! - y[0]![0]!).toBeCloseTo(1, 5);
      expect(y[1]).toEqual([5, 6]);
    });
    expect(l.getConfig()).toMatchObject({ units: 4, seed: 2 });
  });
});
