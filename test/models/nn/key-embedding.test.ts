import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { KeyEmbedding } from "../../../lib/models/nn/key-embedding.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("KeyEmbedding", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("[B, T] keys → [B, T, E] rows of its table; symbolic shapes keep unknown sizes", () => {
    const layer = new KeyEmbedding({ inputDim: 5, outputDim: 3, seed: 1 });
    const sym = layer.apply(tf.input({ shape: [null] })) as tf.SymbolicTensor;
    expect(sym.shape).toEqual([null, null, 3]);
    tf.tidy(() => {
      const table = layer.getWeights()[0]!.arraySync() as number[][];
      const out = layer.apply(tf.tensor2d([[4, 0], [2, 2]])) as tf.Tensor;
      expect(out.shape).toEqual([2, 2, 3]);
      const rows = out.arraySync() as number[][][];
      expect(rows[0]![0]).toEqual(table[4]);
      expect(rows[1]![1]).toEqual(table[2]);
    });
  });

  it("is initialised uniform(−0.05, 0.05) from its seed: same seed same table", () => {
    const table = (seed: number) => {
      const l = new KeyEmbedding({ inputDim: 20, outputDim: 4, seed });
      l.apply(tf.input({ shape: [null] }));
      return l.getWeights()[0]!.dataSync();
    };
    const a = table(7);
    expect(Array.from(a)).toEqual(Array.from(table(7)));
    expect(Array.from(a)).not.toEqual(Array.from(table(8)));
    for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
  });

  it("trains on this backend (its gradient needs no UnsortedSegmentSum) without leaking tensors", () => {
    const keys = tf.input({ shape: [3] });
    const model = tf.model({ inputs: keys, outputs: new KeyEmbedding({ inputDim: 4, outputDim: 2, seed: 2 }).apply(keys) as tf.SymbolicTensor });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: "meanSquaredError" });
    const x = tf.tensor2d([[1, 2, 1]]);
    const y = tf.ones([1, 3, 2]);
    const before = tf.memory().numTensors;
    return model.fit(x, y, { epochs: 3, verbose: 0 }).then((h) => {
      expect((h.history.loss as number[])[2]).toBeLessThan((h.history.loss as number[])[0]!);
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([x, y]);
      model.dispose();
    });
  });

  it("getConfig carries its sizes and seed", () => {
    expect(new KeyEmbedding({ inputDim: 9, outputDim: 4, seed: 3 }).getConfig()).toMatchObject({ inputDim: 9, outputDim: 4, seed: 3 });
    expect(KeyEmbedding.className).toBe("LoglabKeyEmbedding");
  });
});
