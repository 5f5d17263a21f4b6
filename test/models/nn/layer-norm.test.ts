import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { LayerNorm } from "../../../lib/models/nn/layer-norm.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("LayerNorm", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("normalises the last axis: (x − mean) / √(var + ε), then γ·y + β", () => {
    const l = new LayerNorm({ epsilon: 0 });
    l.apply(tf.input({ shape: [null, 4] }));
    tf.tidy(() => {
      // Row [1, 2, 3, 4]: mean 2.5, variance 1.25.
      const y = (l.apply(tf.tensor3d([[[1, 2, 3, 4], [5, 5, 5, 6]]])) as tf.Tensor).arraySync() as number[][][];
      const s = Math.sqrt(1.25);
      [-1.5, -0.5, 0.5, 1.5].forEach((c, i) => expect(y[0]![0]![i]).toBeCloseTo(c / s, 5));
      l.setWeights([tf.tensor1d([2, 2, 2, 2]), tf.tensor1d([1, 0, 0, 0])]);
      const z = (l.apply(tf.tensor2d([[1, 2, 3, 4]])) as tf.Tensor).arraySync() as number[][];
      expect(z[0]![0]).toBeCloseTo((2 * -1.5) / s + 1, 5);
      expect(z[0]![3]).toBeCloseTo((2 * 1.5) / s, 5);
    });
  });

  it("ε keeps a constant row finite (zero output); default ε is 1e-5", () => {
    const l = new LayerNorm();
    expect(l.epsilon).toBe(1e-5);
    l.apply(tf.input({ shape: [3] }));
    tf.tidy(() => {
      expect(Array.from((l.apply(tf.tensor2d([[7, 7, 7]])) as tf.Tensor).dataSync())).toEqual([0, 0, 0]);
    });
    expect(l.getConfig()).toMatchObject({ epsilon: 1e-5 });
  });

  it("keeps the input shape; an unknown width is an error naming the layer", () => {
    expect((new LayerNorm({}).apply(tf.input({ shape: [null, 6] })) as tf.SymbolicTensor).shape).toEqual([null, null, 6]);
    expect(() => new LayerNorm({ name: "ln_x" }).apply(tf.input({ shape: [null, null] }))).toThrow(/ln_x: the input's last dimension must be known/);
  });
});
