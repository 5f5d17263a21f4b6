import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { RepeatToLength } from "../../../lib/models/nn/repeat-to-length.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("RepeatToLength", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("[v, keys] → v repeated once per key step: [B, D] and [B, T] → [B, T, D]", () => {
    const l = new RepeatToLength();
    expect((l.apply([tf.input({ shape: [3] }), tf.input({ shape: [null] })]) as tf.SymbolicTensor).shape).toEqual([null, null, 3]);
    tf.tidy(() => {
      const y = l.apply([tf.tensor2d([[1, 2], [3, 4]]), tf.zeros([2, 3])]) as tf.Tensor;
      expect(y.arraySync()).toEqual([
        [[1, 2], [1, 2], [1, 2]],
        [[3, 4], [3, 4], [3, 4]],
      ]);
    });
  });

  it("the gradient sums over the T copies", () => {
    tf.tidy(() => {
      const l = new RepeatToLength();
      const keys = tf.zeros([1, 4]);
      const g = tf.grad((v: tf.Tensor) => tf.sum(l.apply([v, keys]) as tf.Tensor))(tf.tensor2d([[0.5, -1]]));
      expect(g.arraySync()).toEqual([[4, 4]]);
    });
  });

  it("needs exactly [vector, keys]", () => {
    expect(() => tf.tidy(() => void new RepeatToLength({ name: "rep_x" }).apply(tf.zeros([1, 2])))).toThrow("rep_x: expects [vector, keys]");
  });
});
