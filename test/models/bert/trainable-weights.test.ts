import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildBertEncoder } from "../../../lib/models/bert/bert-encoder.js";
import { countParameters, setTrainableWeights } from "../../../lib/models/bert/trainable-weights.js";
import { FastDense } from "../../../lib/models/nn/fast-dense.js";
import { meanSquaredErrorPerExample, trainWeighted } from "../../../lib/models/nn/weighted-training.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { maxDiff } from "../nn/nn-helpers.js";

describe("trainable weights", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("LoRA set-up: only the adapters and the head train; counts add up; frozen weights do not move", async () => {
    const H = 8;
    const g = buildBertEncoder({ vocabSize: 10, hidden: H, layers: 2, heads: 2, ffDim: 16, maxLength: 8, dropout: 0, loraRank: 2 }, new Rng(1));
    const head = new FastDense({ units: 1, seed: 3, name: "head_logit" }).apply(g.cls) as tf.SymbolicTensor;
    const model = tf.model({ inputs: g.inputs, outputs: head });
    const all = countParameters(model);
    expect(all.trainable).toBe(all.total);
    const kept = setTrainableWeights(model, (layer, weight) => weight.includes("_lora_") || layer.startsWith("head"));
    expect(kept).toEqual([
      "bert_block1_attention/query_lora_a", "bert_block1_attention/query_lora_b", "bert_block1_attention/value_lora_a", "bert_block1_attention/value_lora_b",
      "bert_block2_attention/query_lora_a", "bert_block2_attention/query_lora_b", "bert_block2_attention/value_lora_a", "bert_block2_attention/value_lora_b",
      "head_logit/kernel", "head_logit/bias",
    ]);
    const c = countParameters(model);
    expect(c.total).toBe(all.total);
    expect(c.trainable).toBe(2 * 2 * (H * 2 + 2 * H) + H + 1);
    const byName = () => new Map(model.getLayer("bert_block1_attention").weights.map((w) => [w.originalName.split("/")[1]!, w.read().clone()]));
    const before = byName();
    const examples = { count: 4, batch: (idx: Int32Array) => ({ x: tf.tensor2d(Array.from(idx, (i) => [2, 5 + i, 6])), y: tf.ones([idx.length, 1]), w: tf.ones([idx.length]) as tf.Tensor1D }) };
    await trainWeighted(model, examples, null, meanSquaredErrorPerExample, { epochs: 3, batchSize: 2, learningRate: 0.05, schedule: { kind: "constant" }, earlyStopping: null, rng: new Rng(2) });
    const after = byName();
    for (const p of ["query", "key", "value", "output"]) for (const k of ["kernel", "bias"]) expect(maxDiff(before.get(`${p}_${k}`)!, after.get(`${p}_${k}`)!)).toBe(0);
    expect(maxDiff(after.get("query_lora_b")!, before.get("query_lora_b")!)).toBeGreaterThan(0); // moved off zero
    model.dispose();
  });
});
