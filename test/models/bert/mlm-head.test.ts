import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildBertEncoder } from "../../../lib/models/bert/bert-encoder.js";
import { applyMlmHead, maskedTokenCrossEntropy } from "../../../lib/models/bert/mlm-head.js";
import { selectionTensor } from "../../../lib/models/bert/select-positions.js";
import { trainWeighted, type WeightedExamples } from "../../../lib/models/nn/weighted-training.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

describe("masked-LM head", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("maskedTokenCrossEntropy: mean cross-entropy over each sequence's used slots", () => {
    tf.tidy(() => {
      const logits = tf.tensor3d([[[0, 0], [2, 0]], [[0, 1], [5, 5]]]);
      const targets = tf.tensor3d([[[1, 0], [1, 0]], [[0, 1], [0, 0]]]); // sequence 2 uses one slot
      const l = maskedTokenCrossEntropy(targets, logits).dataSync();
      expect(l[0]).toBeCloseTo((Math.log(2) + Math.log(1 + Math.exp(-2))) / 2, 5);
      expect(l[1]).toBeCloseTo(Math.log(1 + Math.exp(-1)), 5);
      expect(maskedTokenCrossEntropy(tf.zeros([1, 2, 2]), tf.ones([1, 2, 2])).dataSync()[0]).toBe(0);
    });
  });

  it("maskedTokenCrossEntropy: a slot's target scaled by w contributes w × its cross-entropy, still averaged over used slots", () => {
    tf.tidy(() => {
      const logits = tf.tensor3d([[[0, 0], [2, 0]]]);
      const weighted = maskedTokenCrossEntropy(tf.tensor3d([[[1, 0], [0, 0.25]]]), logits).dataSync()[0]!;
      expect(weighted).toBeCloseTo((Math.log(2) + 0.25 * Math.log(1 + Math.exp(2))) / 2, 5);
      // weight 0 leaves the slot unused
      expect(maskedTokenCrossEntropy(tf.tensor3d([[[1, 0], [0, 0]]]), logits).dataSync()[0]).toBeCloseTo(Math.log(2), 5);
    });
  });

  it("an encoder with the head learns a toy masked-key task (each sequence repeats one of two patterns)", async () => {
    // tokens 5..8; pattern A = 5 6 5 6 5 6, pattern B = 7 8 7 8 7 8; one position masked (id 4).
    const rng = new Rng(11);
    const V = 9;
    const g = buildBertEncoder({ vocabSize: V, hidden: 16, layers: 1, heads: 2, ffDim: 32, maxLength: 8, dropout: 0 }, rng.fork("init"));
    const sel = tf.input({ shape: [null, null], name: "selection" });
    const logits = applyMlmHead(g.hidden, sel, 16, V, rng.fork("head"));
    const model = tf.model({ inputs: [...g.inputs, sel], outputs: logits });
    const make = (i: number, pos: number) => {
      const a = i % 2 === 0 ? [5, 6] : [7, 8];
      const row = [2, ...Array.from({ length: 6 }, (_, j) => a[j % 2]!)];
      const target = row[pos]!;
      row[pos] = 4;
      return { row, target };
    };
    const examples: WeightedExamples = {
      count: 24,
      batch(idx) {
        const items = Array.from(idx, (i) => make(i, 1 + (i % 6)));
        const positions = Array.from(idx, (i) => [1 + (i % 6)]);
        return {
          x: [tf.tensor2d(items.map((e) => e.row)), selectionTensor(positions, 7)],
          y: tf.oneHot(items.map((e) => e.target), V).reshape([idx.length, 1, V]),
          w: tf.ones([idx.length]) as tf.Tensor1D,
        };
      },
    };
    const r = await trainWeighted(model, examples, null, maskedTokenCrossEntropy, { epochs: 25, batchSize: 8, learningRate: 0.02, schedule: { kind: "constant" }, earlyStopping: null, rng: rng.fork("batches") });
    expect(r.history[r.history.length - 1]!.loss).toBeLessThan(0.1);
    tf.tidy(() => {
      const b = examples.batch(Int32Array.from({ length: 24 }, (_, i) => i));
      const pred = (model.apply(b.x) as tf.Tensor).argMax(-1).dataSync();
      const truth = (b.y as tf.Tensor).argMax(-1).dataSync();
      expect(Array.from(pred)).toEqual(Array.from(truth));
    });
    model.dispose();
  });
});
