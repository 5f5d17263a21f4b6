import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { dannLambda, dannLearningRate, GradientReversal } from "../../../lib/models/nn/gradient-reversal.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("GradientReversal", () => {
  beforeAll(async () => {
    await selectBackend();
  });
  it("is the identity forward and multiplies the gradient by −λ backward", () => {
    const l = new GradientReversal({ lambda: 0.5 });
    tf.tidy(() => {
      const x = tf.tensor2d([[1, -2, 3]]);
      expect(Array.from((l.apply(x) as tf.Tensor).dataSync())).toEqual([1, -2, 3]);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(l.apply(t) as tf.Tensor, tf.tensor2d([[1, 2, 3]]))))(x);
      expect(Array.from(g.dataSync())).toEqual([-0.5, -1, -1.5]);
      l.lambda = 0;
      const g0 = tf.grad((t: tf.Tensor) => tf.sum(l.apply(t) as tf.Tensor))(x);
      expect(Array.from(g0.dataSync()).map((v) => Math.abs(v))).toEqual([0, 0, 0]);
    });
    expect(l.getConfig()).toMatchObject({ lambda: 0 });
  });
  it("leaves no tensors behind", () => {
    const l = new GradientReversal({ lambda: 1 });
    const x = tf.ones([2, 3]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.tidy(() => {
      tf.grad((t: tf.Tensor) => tf.sum(l.apply(t) as tf.Tensor))(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe("DANN schedules", () => {
  it("λ rises from 0 to about 1 (Ganin et al.'s γ = 10); the rate anneals as μ₀/(1+10p)^0.75", () => {
    expect(dannLambda(0)).toBe(0);
    expect(dannLambda(0.5)).toBeCloseTo(2 / (1 + Math.exp(-5)) - 1, 12);
    expect(dannLambda(1)).toBeCloseTo(0.99991, 5);
    expect(dannLambda(2)).toBe(dannLambda(1));
    expect(dannLearningRate(0.01, 0)).toBe(0.01);
    expect(dannLearningRate(0.01, 1)).toBeCloseTo(0.01 / Math.pow(11, 0.75), 12);
  });
});
