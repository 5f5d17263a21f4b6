import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { SelectPositions, selectionTensor } from "../../../lib/models/bert/select-positions.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff } from "../nn/nn-helpers.js";

describe("SelectPositions", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("selectionTensor: one-hot rows per listed position, zero rows for unused slots", () => {
    tf.tidy(() => {
      const s = selectionTensor([[1, 2], [0]], 3);
      expect(s.arraySync()).toEqual([[[0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 0, 0]]]);
    });
    expect(() => selectionTensor([[3]], 3)).toThrow("position 3 is outside [0, 3)");
  });

  it("picks the listed rows; its gradient equals autodiff of a plain matMul", () => {
    const l = new SelectPositions();
    expect(l.computeOutputShape([[null, null, 4], [null, 2, null]])).toEqual([null, 2, 4]);
    tf.tidy(() => {
      const x = tf.randomNormal([2, 3, 4], 0, 1, "float32", 3) as tf.Tensor3D;
      const sel = selectionTensor([[2, 0], [1]], 3);
      const y = l.apply([x, sel]) as tf.Tensor;
      expect(maxDiff(tf.slice(y, [0, 0, 0], [1, 1, 4]), tf.slice(x, [0, 2, 0], [1, 1, 4]))).toBe(0);
      expect(maxDiff(tf.slice(y, [1, 1, 0], [1, 1, 4]), tf.zeros([1, 1, 4]))).toBe(0);
      const w = tf.randomNormal([2, 2, 4], 0, 1, "float32", 4);
      const ours = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(l.apply([t, sel]) as tf.Tensor, w)))(x);
      const ref = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.matMul(sel, t), w)))(x);
      expect(maxDiff(ours, ref)).toBeLessThan(1e-6);
    });
  });
});
