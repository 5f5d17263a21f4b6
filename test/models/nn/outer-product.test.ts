import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { OuterProduct } from "../../../lib/models/nn/outer-product.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("OuterProduct", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("flattens f ⊗ g row by row: entry h·K + k is f[h]·g[k]", () => {
    const layer = new OuterProduct();
    const f = tf.tensor2d([[1, 2], [3, -1]]);
    const g = tf.tensor2d([[0.5, 0.25, 0.25], [0, 1, 0]]);
    const out = layer.apply([f, g]) as tf.Tensor;
    expect(out.shape).toEqual([2, 6]);
    expect(Array.from(out.dataSync(), (v) => v + 0)).toEqual([0.5, 0.25, 0.25, 1, 0.5, 0.5, 0, 3, 0, 0, -1, 0]); // + 0: −0 → 0
    expect(layer.computeOutputShape([[null, 2], [null, 3]])).toEqual([null, 6]);
  });

  it("passes gradients to both inputs (CDAN's reversal reaches features and predictions)", () => {
    const f = tf.tensor2d([[1, 2]]);
    const g = tf.tensor2d([[0.5, 0.5]]);
    const layer = new OuterProduct();
    const [df, dg] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(layer.apply([a, b]) as tf.Tensor))([f, g]);
    expect(Array.from(df!.dataSync())).toEqual([1, 1]); // Σ_k g_k
    expect(Array.from(dg!.dataSync())).toEqual([3, 3]); // Σ_h f_h
  });
});
