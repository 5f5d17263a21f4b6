import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { PositionalEmbedding } from "../../../lib/models/nn/positional-embedding.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("PositionalEmbedding", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("adds row t of its table to step t of every sequence, for any T up to maxLength", () => {
    const l = new PositionalEmbedding({ maxLength: 4, seed: 1 });
    l.apply(tf.input({ shape: [null, 2] }));
    tf.tidy(() => {
      l.setWeights([tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]])]);
      expect((l.apply(tf.zeros([2, 3, 2])) as tf.Tensor).arraySync()).toEqual([
        [[1, 2], [3, 4], [5, 6]],
        [[1, 2], [3, 4], [5, 6]],
      ]);
      expect((l.apply(tf.ones([1, 1, 2])) as tf.Tensor).arraySync()).toEqual([[[2, 3]]]);
    });
  });

  it("a sequence longer than the table is an error naming the layer", () => {
    const l = new PositionalEmbedding({ maxLength: 2, seed: 1, name: "pos_x" });
    l.apply(tf.input({ shape: [null, 2] }));
    expect(() => tf.tidy(() => void l.apply(tf.zeros([1, 3, 2])))).toThrow("pos_x: sequence of 3 steps is longer than maxLength 2");
  });

  it("seeded uniform(−0.05, 0.05) table, shape [maxLength, D]; config", () => {
    const l = new PositionalEmbedding({ maxLength: 5, seed: 3 });
    expect((l.apply(tf.input({ shape: [null, 4] })) as tf.SymbolicTensor).shape).toEqual([null, null, 4]);
    const t = l.getWeights()[0]!;
    expect(t.shape).toEqual([5, 4]);
    for (const v of t.dataSync()) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
    expect(l.getConfig()).toMatchObject({ maxLength: 5, seed: 3 });
  });
});
