import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { FastGru } from "../../../lib/models/nn/fast-gru.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff, referenceGru, timeMajor } from "./nn-helpers.js";

describe("FastGru", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  for (const returnSequences of [false, true]) {
    it(`matches Keras' GRU maths (reset_after) on [B, T, D] (returnSequences ${returnSequences})`, () => {
      const l = new FastGru({ units: 3, returnSequences, seed: 5 });
      l.apply(tf.input({ shape: [null, 2] }));
      tf.tidy(() => {
        // Non-zero biases so both bias rows matter.
        l.setWeights([l.getWeights()[0]!, l.getWeights()[1]!, tf.randomNormal([2, 9], 0, 0.5, "float32", 6)]);
        const [k, r, b] = l.getWeights() as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const x = tf.randomNormal([2, 4, 2], 0, 1, "float32", 7) as tf.Tensor3D;
        const y = l.apply(x) as tf.Tensor;
        expect(y.shape).toEqual(returnSequences ? [2, 4, 3] : [2, 3]);
        const ref = referenceGru(timeMajor(x), k, r, b, 4, returnSequences);
        const want = returnSequences ? tf.transpose(tf.reshape(ref, [4, 2, 3]), [1, 0, 2]) : ref;
        expect(maxDiff(y, want)).toBeLessThan(1e-5);
      });
    });
  }

  it("weights: kernel [D, 3H], recurrent kernel [H, 3H] (seeded), bias [2, 3H] zeros; config and errors", () => {
    const l = new FastGru({ units: 2, seed: 3, name: "gru_x" });
    expect((l.apply(tf.input({ shape: [null, 4] })) as tf.SymbolicTensor).shape).toEqual([null, 2]);
    expect(l.getWeights().map((w) => w.shape)).toEqual([[4, 6], [2, 6], [2, 6]]);
    expect(Array.from(l.getWeights()[2]!.dataSync())).toEqual(new Array(12).fill(0));
    const twin = new FastGru({ units: 2, seed: 3 });
    twin.apply(tf.input({ shape: [null, 4] }));
    expect(Array.from(twin.getWeights()[0]!.dataSync())).toEqual(Array.from(l.getWeights()[0]!.dataSync()));
    expect(l.getConfig()).toMatchObject({ units: 2, returnSequences: false, seed: 3 });
    expect(() => tf.tidy(() => void l.apply(tf.zeros([1, 4])))).toThrow("gru_x: expected [batch, steps, features], got [1,4]");
  });
});
