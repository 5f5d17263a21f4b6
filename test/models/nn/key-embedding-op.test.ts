import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { keyEmbeddingGather, keyEmbeddingLookup } from "../../../lib/models/nn/key-embedding-op.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("keyEmbeddingLookup", () => {
  beforeAll(async () => {
    await selectBackend();
  });
  const table = () => tf.tensor2d([
    [0, 0],
    [1, 2],
    [3, 4],
    [5, 6],
  ]);

  it("picks the table rows of the keys, in order, repeats allowed", () => {
    tf.tidy(() => {
      expect(keyEmbeddingLookup(table(), Int32Array.of(3, 1, 1, 0)).arraySync()).toEqual([
        [5, 6],
        [1, 2],
        [1, 2],
        [0, 0],
      ]);
      expect(keyEmbeddingLookup(table(), new Int32Array(0)).shape).toEqual([0, 2]);
    });
  });

  it("the gradient adds each output row's gradient into the row it came from", () => {
    tf.tidy(() => {
      const dy = tf.tensor2d([
        [1, 10],
        [2, 20],
        [3, 30],
      ]);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(keyEmbeddingLookup(t as tf.Tensor2D, Int32Array.of(1, 3, 1)), dy)))(table());
      expect(g.arraySync()).toEqual([
        [0, 0],
        [4, 40],
        [0, 0],
        [2, 20],
      ]);
    });
  });

  it("leaves no tensors behind across a training step", () => {
    const t = tf.variable(tf.randomNormal([4, 2], 0, 1, "float32", 1));
    const opt = tf.train.sgd(0.1);
    const step = () => opt.minimize(() => tf.sum(tf.square(keyEmbeddingLookup(t as unknown as tf.Tensor2D, Int32Array.of(1, 2, 2)))) as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(before);
    // Rows never looked up do not move.
    const v = t.arraySync() as number[][];
    const fresh = tf.tidy(() => tf.randomNormal([4, 2], 0, 1, "float32", 1).arraySync() as number[][]);
    expect(v[0]).toEqual(fresh[0]);
    expect(v[3]).toEqual(fresh[3]);
    expect(v[1]).not.toEqual(fresh[1]);
    opt.dispose();
    t.dispose();
  });

  it("a key outside [0, V) is an error naming the key and its position", () => {
    tf.tidy(() => {
      expect(() => keyEmbeddingLookup(table(), Int32Array.of(0, 4))).toThrow("keyEmbeddingLookup: key 4 at 1 is outside [0, 4)");
      expect(() => keyEmbeddingLookup(table(), Int32Array.of(-1))).toThrow("keyEmbeddingLookup: key -1 at 0 is outside [0, 4)");
    });
  });

  it("the GPU path (gather, gradient UnsortedSegmentSum) gives the same rows and gradient (checked on the cpu backend)", async () => {
    await tf.setBackend("cpu");
    try {
      tf.tidy(() => {
        const keys = Int32Array.of(3, 1, 1, 0);
        expect(keyEmbeddingGather(table(), keys).arraySync()).toEqual(keyEmbeddingLookup(table(), keys).arraySync());
        const dy = tf.tensor2d([[1, 1], [2, 3], [4, 5], [6, 7]]);
        const g1 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(keyEmbeddingGather(t as tf.Tensor2D, keys), dy)))(table());
        const g2 = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(keyEmbeddingLookup(t as tf.Tensor2D, keys), dy)))(table());
        expect(g1.arraySync()).toEqual(g2.arraySync());
        expect(g1.arraySync()).toEqual([[6, 7], [6, 8], [0, 0], [1, 1]]);
      });
    } finally {
      await selectBackend({ force: "wasm" });
    }
  });
});
