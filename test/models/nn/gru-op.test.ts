import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { gruSequence } from "../../../lib/models/nn/gru-op.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff, referenceGru } from "./nn-helpers.js";

describe("gruSequence", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  // Moved from test/models/nn/lstm-op.test.ts.
  for (const returnSequences of [false, true]) {
    for (const T of [1, 4]) {
      it(`gruSequence: values and gradients match Keras' GRU maths (T=${T}, returnSequences=${returnSequences})`, () => {
        const B = 2;
        const D = 3;
        const H = 4;
        const x = tf.randomNormal([T * B, D], 0, 1, "float32", 6) as tf.Tensor2D;
        const wx = tf.randomNormal([D, 3 * H], 0, 0.5, "float32", 7) as tf.Tensor2D;
        const wh = tf.randomNormal([H, 3 * H], 0, 0.5, "float32", 8) as tf.Tensor2D;
        const b = tf.randomNormal([2, 3 * H], 0, 0.5, "float32", 9) as tf.Tensor2D;
        const proj = tf.randomNormal([returnSequences ? T * B : B, H], 0, 1, "float32", 10);
        const fast = (...a: tf.Tensor[]) => tf.sum(tf.mul(gruSequence(a[0] as tf.Tensor2D, a[1] as tf.Tensor2D, a[2] as tf.Tensor2D, a[3] as tf.Tensor2D, { steps: T, returnSequences }), proj));
        const ref = (...a: tf.Tensor[]) => tf.sum(tf.mul(referenceGru(a[0] as tf.Tensor2D, a[1] as tf.Tensor2D, a[2] as tf.Tensor2D, a[3] as tf.Tensor2D, T, returnSequences), proj));
        expect(Math.abs(fast(x, wx, wh, b).dataSync()[0]! - ref(x, wx, wh, b).dataSync()[0]!)).toBeLessThan(1e-5);
        const g1 = tf.grads(fast)([x, wx, wh, b]);
        const g2 = tf.grads(ref)([x, wx, wh, b]);
        g1.forEach((g, i) => expect(maxDiff(g, g2[i]!)).toBeLessThan(1e-5));
        tf.dispose([x, wx, wh, b, proj, ...g1, ...g2]);
      });
    }
  }

  it("frees every intermediate tensor across a training step", () => {
    const x = tf.randomNormal([6, 2], 0, 1, "float32", 11) as tf.Tensor2D;
    const wx = tf.variable(tf.randomNormal([2, 6], 0, 0.5, "float32", 12));
    const wh = tf.variable(tf.randomNormal([2, 6], 0, 0.5, "float32", 13));
    const b = tf.variable(tf.zeros([2, 6]));
    const opt = tf.train.adam(0.01);
    const step = () => opt.minimize(() => tf.sum(gruSequence(x, wx as unknown as tf.Tensor2D, wh as unknown as tf.Tensor2D, b as unknown as tf.Tensor2D, { steps: 3, returnSequences: true })) as tf.Scalar);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    opt.dispose();
    tf.dispose([x, wx, wh, b]);
  });

  it("zero weights and biases keep the state at 0 (h' = z·h + (1 − z)·n with n = tanh(0))", () => {
    tf.tidy(() => {
      const h = gruSequence(tf.ones([6, 2]), tf.zeros([2, 9]), tf.zeros([3, 9]), tf.zeros([2, 9]), { steps: 3, returnSequences: false });
      expect(h.shape).toEqual([2, 3]);
      expect(Array.from(h.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    });
  });

  it("checks the shapes: rows divisible into steps, weights sized for the units", () => {
    tf.tidy(() => {
      expect(() => gruSequence(tf.zeros([5, 2]), tf.zeros([2, 9]), tf.zeros([3, 9]), tf.zeros([2, 9]), { steps: 2, returnSequences: false })).toThrow("gruSequence: 5 rows do not divide into 2 steps");
      expect(() => gruSequence(tf.zeros([4, 2]), tf.zeros([2, 8]), tf.zeros([3, 9]), tf.zeros([2, 9]), { steps: 2, returnSequences: false })).toThrow(/gruSequence: kernel 2,8, recurrent 3,9, bias 2,9 do not fit 3 units/);
      expect(() => gruSequence(tf.zeros([4, 2]), tf.zeros([2, 9]), tf.zeros([3, 9]), tf.zeros([1, 9]), { steps: 2, returnSequences: false })).toThrow(/do not fit 3 units/);
    });
  });
});
