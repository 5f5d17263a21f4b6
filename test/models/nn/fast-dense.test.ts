import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { activate, FastDense } from "../../../lib/models/nn/fast-dense.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff } from "./nn-helpers.js";

describe("activate", () => {
  beforeAll(async () => {
    await selectBackend();
  });
  it("linear, relu, sigmoid, tanh (as 2σ(2x) − 1) and GELU (x·σ(1.702x)) at known points", () => {
    tf.tidy(() => {
      const x = tf.tensor1d([-2, 0, 0.5, 3]);
      const v = (a: Parameters<typeof activate>[1]) => Array.from(activate(x, a).dataSync());
      const sig = (z: number) => 1 / (1 + Math.exp(-z));
      expect(v("linear")).toEqual([-2, 0, 0.5, 3]);
      expect(v("relu")).toEqual([0, 0, 0.5, 3]);
      [-2, 0, 0.5, 3].forEach((z, i) => {
        expect(v("sigmoid")[i]).toBeCloseTo(sig(z), 6);
        expect(v("tanh")[i]).toBeCloseTo(Math.tanh(z), 6);
        expect(v("gelu")[i]).toBeCloseTo(z * sig(1.702 * z), 6);
      });
      expect(activate(x, "linear")).toBe(x);
    });
  });
});

describe("FastDense", () => {
  it("y = activation(x·W + b) over the last axis of any rank", () => {
    const layer = new FastDense({ units: 2, activation: "relu", seed: 1 });
    layer.apply(tf.input({ shape: [null, 3] }));
    tf.tidy(() => {
      layer.setWeights([tf.tensor2d([[1, -1], [2, 0], [0, 1]]), tf.tensor1d([0.5, -10])]);
      const y = layer.apply(tf.tensor3d([[[1, 1, 1], [0, 0, 0]]])) as tf.Tensor;
      expect(y.shape).toEqual([1, 2, 2]);
      expect(y.arraySync()).toEqual([[[3.5, 0], [0.5, 0]]]);
    });
  });

  it("matches tf.layers.dense with the same weights (2-D input, linear, no bias)", () => {
    const ours = new FastDense({ units: 4, useBias: false, seed: 2 });
    const theirs = tf.layers.dense({ units: 4, useBias: false });
    const input = tf.input({ shape: [5] });
    ours.apply(input);
    theirs.apply(input);
    theirs.setWeights(ours.getWeights());
    expect(ours.getWeights()).toHaveLength(1);
    tf.tidy(() => {
      const x = tf.randomNormal([3, 5], 0, 1, "float32", 3);
      expect(maxDiff(ours.apply(x) as tf.Tensor, theirs.apply(x) as tf.Tensor)).toBeLessThan(1e-5);
    });
  });

  it("output shapes, seeded Glorot kernel, zero bias, config and a clear error for an unknown input width", () => {
    const l = new FastDense({ units: 7, seed: 5 });
    expect((l.apply(tf.input({ shape: [null, null, 3] })) as tf.SymbolicTensor).shape).toEqual([null, null, null, 7]);
    const again = new FastDense({ units: 7, seed: 5 });
    again.apply(tf.input({ shape: [3] }));
    expect(Array.from(l.getWeights()[0]!.dataSync())).toEqual(Array.from(again.getWeights()[0]!.dataSync()));
    expect(Array.from(l.getWeights()[1]!.dataSync())).toEqual(new Array(7).fill(0));
    expect(l.getConfig()).toMatchObject({ units: 7, activation: "linear", useBias: true, seed: 5 });
    expect(() => new FastDense({ units: 2, seed: 1, name: "d_unknown" }).apply(tf.input({ shape: [null, null] }))).toThrow(/d_unknown: the input's last dimension must be known/);
  });
});
