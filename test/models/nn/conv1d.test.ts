import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { Conv1d } from "../../../lib/models/nn/conv1d.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

/** "Same" 1-D convolution by hand: y[b][t][f] = bias[f] + Σ_j Σ_d x[b][t + j − before][d]·K[j·D + d][f]. */
function handConv(x: number[][][], K: number[][], bias: number[], k: number): number[][][] {
  const before = Math.floor((k - 1) / 2);
  return x.map((seq) =>
    seq.map((_, t) =>
      bias.map((b, f) => {
        let s = b;
        for (let j = 0; j < k; j++) {
          const src = t + j - before;
          if (src < 0 || src >= seq.length) continue;
          seq[src]!.forEach((v, d) => (s += v * K[j * seq[0]!.length + d]![f]!));
        }
        return s;
      }),
    ),
  );
}

describe("Conv1d", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  for (const k of [1, 2, 3]) {
    it(`kernel ${k}: a "same"-padded convolution over time, [B, T, D] → [B, T, F]`, () => {
      const layer = new Conv1d({ filters: 2, kernelSize: k, activation: "linear", seed: 3 });
      layer.apply(tf.input({ shape: [null, 2] }));
      const x = [
        [[1, 2], [3, -1], [0, 4], [2, 2]],
        [[-1, 0], [1, 1], [5, 0], [0, -3]],
      ];
      tf.tidy(() => {
        const [K, b] = layer.getWeights().map((w) => w.arraySync()) as [number[][], number[]];
        expect(K).toHaveLength(k * 2);
        const y = layer.apply(tf.tensor3d(x)) as tf.Tensor;
        expect(y.shape).toEqual([2, 4, 2]);
        const want = handConv(x, K, b, k);
        (y.arraySync() as number[][][]).forEach((seq, i) => seq.forEach((row, t) => row.forEach((v, f) => expect(v).toBeCloseTo(want[i]![t]![f]!, 5))));
      });
    });
  }

  it("applies ReLU by default; trains without leaking tensors", async () => {
    const input = tf.input({ shape: [null, 2] });
    const conv = new Conv1d({ filters: 3, kernelSize: 3, seed: 1 });
    const model = tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
    expect(conv.activation).toBe("relu");
    tf.tidy(() => {
      for (const v of (model.predict(tf.randomNormal([2, 5, 2], 0, 1, "float32", 2)) as tf.Tensor).dataSync()) expect(v).toBeGreaterThanOrEqual(0);
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
    const x = tf.randomNormal([4, 5, 2], 0, 1, "float32", 3);
    const y = tf.ones([4, 5, 3]);
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    const h = await model.fit(x, y, { epochs: 3, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect((h.history.loss as number[])[2]).toBeLessThan((h.history.loss as number[])[0]!);
    tf.dispose([x, y]);
    model.dispose();
  });

  it("checks kernelSize; shapes and config", () => {
    expect(() => new Conv1d({ filters: 2, kernelSize: 0, seed: 1 })).toThrow("Conv1d: kernelSize must be ≥ 1, got 0");
    const c = new Conv1d({ filters: 6, kernelSize: 5, seed: 9 });
    expect((c.apply(tf.input({ shape: [null, 4] })) as tf.SymbolicTensor).shape).toEqual([null, null, 6]);
    expect(c.getConfig()).toMatchObject({ filters: 6, kernelSize: 5, activation: "relu", seed: 9 });
  });
});
