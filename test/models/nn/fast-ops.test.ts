import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { batchMatMul, dense2d, fastSlice, matMul2d, sumRows, tanhFast } from "../../../lib/models/nn/fast-ops.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

describe("fast ops (wasm)", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("fastSlice equals tf.slice for rows, columns and inner blocks of rank 2–4", () => {
    tf.tidy(() => {
      const x2 = tf.randomNormal([7, 9], 0, 1, "float32", 1);
      const x3 = tf.randomNormal([4, 5, 6], 0, 1, "float32", 2);
      const x4 = tf.randomNormal([3, 4, 5, 2], 0, 1, "float32", 3);
      const cases: [tf.Tensor, number[], number[]][] = [
        [x2, [2, 0], [3, 9]],
        [x2, [0, 3], [7, 4]],
        [x2, [1, 2], [5, 5]],
        [x3, [1, 0, 0], [2, 5, 6]],
        [x3, [0, 2, 0], [4, 3, 6]],
        [x3, [1, 1, 2], [3, 3, 3]],
        [x4, [1, 1, 0, 0], [2, 2, 5, 2]],
        [x4, [0, 0, 1, 1], [3, 4, 3, 1]],
      ];
      for (const [x, b, s] of cases) expect(maxDiff(fastSlice(x, b, s), tf.slice(x, b, s))).toBe(0);
    });
  });

  it("fastSlice's gradient pads like tf.slice's", () => {
    const x = tf.randomNormal([5, 6], 0, 1, "float32", 4);
    const w = tf.randomNormal([2, 3], 0, 1, "float32", 5);
    const ga = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(fastSlice(t, [1, 2], [2, 3]), w)))(x);
    const gb = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.slice(t, [1, 2], [2, 3]), w)))(x);
    expect(maxDiff(ga, gb)).toBe(0);
    tf.dispose([x, w, ga, gb]);
  });

  it("rejects a slice outside the tensor", () => {
    const x = tf.zeros([2, 2]);
    expect(() => fastSlice(x, [1, 0], [2, 2])).toThrow(/outside/);
    x.dispose();
  });

  it("matMul2d, batchMatMul and dense2d give tf.matMul's values and gradients", () => {
    const a = tf.randomNormal([4, 3], 0, 1, "float32", 6) as tf.Tensor2D;
    const b = tf.randomNormal([3, 5], 0, 1, "float32", 7) as tf.Tensor2D;
    const bias = tf.randomNormal([5], 0, 1, "float32", 8) as tf.Tensor1D;
    const proj = tf.randomNormal([4, 5], 0, 1, "float32", 9);
    const f1 = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => tf.sum(tf.mul(dense2d(x as tf.Tensor2D, y as tf.Tensor2D, z as tf.Tensor1D), proj));
    const f2 = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), z), proj));
    const g1 = tf.grads(f1)([a, b, bias]);
    const g2 = tf.grads(f2)([a, b, bias]);
    g1.forEach((g, i) => expect(maxDiff(g, g2[i]!)).toBeLessThan(1e-5));
    expect(maxDiff(matMul2d(a, b), tf.matMul(a, b))).toBeLessThan(1e-6);
    const a3 = tf.randomNormal([2, 4, 3], 0, 1, "float32", 10) as tf.Tensor3D;
    const b3 = tf.randomNormal([2, 3, 5], 0, 1, "float32", 11) as tf.Tensor3D;
    const h1 = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(batchMatMul(x as tf.Tensor3D, y as tf.Tensor3D))))([a3, b3]);
    const h2 = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D))))([a3, b3]);
    h1.forEach((g, i) => expect(maxDiff(g, h2[i]!)).toBeLessThan(1e-4));
    tf.dispose([a, b, bias, proj, a3, b3, ...g1, ...g2, ...h1, ...h2]);
  });

  it("tanhFast and sumRows match tf.tanh and tf.sum", () => {
    tf.tidy(() => {
      const x = tf.randomNormal([6, 7], 0, 2, "float32", 12) as tf.Tensor2D;
      expect(maxDiff(tanhFast(x), tf.tanh(x))).toBeLessThan(1e-5);
      expect(maxDiff(sumRows(x), tf.sum(x, 0))).toBeLessThan(1e-5);
    });
  });
});
