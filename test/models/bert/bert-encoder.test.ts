import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BertEncoderConfig } from "../../../lib/models/bert/bert-config.js";
import { bertEncoderModel, buildBertEncoder } from "../../../lib/models/bert/bert-encoder.js";
import { meanSquaredErrorPerExample, trainWeighted } from "../../../lib/models/nn/weighted-training.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { loadLayersModel, saveLayersModel } from "../../../lib/runtime/model-io.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { maxDiff } from "../nn/nn-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-bert-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const small: BertEncoderConfig = { vocabSize: 12, hidden: 8, layers: 2, heads: 2, ffDim: 16, maxLength: 16, dropout: 0 };
const out = (m: tf.LayersModel, x: tf.Tensor | tf.Tensor[], training = false) => m.apply(x, { training }) as tf.Tensor[];

describe("buildBertEncoder", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("gives per-position hidden states [B, T, H] and the [CLS] vector [B, H] (= hidden at position 0)", () => {
    const m = bertEncoderModel(small, new Rng(1));
    expect(m.inputs.map((i) => i.name.replace(/_\d+$/, ""))).toEqual(["tokens"]);
    expect(m.layers.map((l) => l.name)).toContain("bert_block2_attention");
    tf.tidy(() => {
      const [h, cls] = out(m, tf.tensor2d([[2, 5, 6, 7], [2, 8, 0, 0]]));
      expect(h!.shape).toEqual([2, 4, 8]);
      expect(cls!.shape).toEqual([2, 8]);
      expect(maxDiff(cls!, tf.reshape(tf.slice(h!, [0, 0, 0], [2, 1, 8]), [2, 8]))).toBe(0);
    });
  });

  it("padding changes nothing at the real positions", () => {
    const m = bertEncoderModel(small, new Rng(2));
    tf.tidy(() => {
      const [h1] = out(m, tf.tensor2d([[2, 5, 6]]));
      const [h2] = out(m, tf.tensor2d([[2, 5, 6, 0, 0, 0]]));
      expect(maxDiff(h1!, tf.slice(h2!, [0, 0, 0], [1, 3, 8]))).toBeLessThan(1e-5);
    });
  });

  it("the same seed builds the same weights", () => {
    const a = bertEncoderModel(small, new Rng(3)).getWeights();
    const b = bertEncoderModel(small, new Rng(3)).getWeights();
    expect(a.length).toBe(b.length);
    a.forEach((t, i) => expect(maxDiff(t, b[i]!)).toBe(0));
  });

  it("extra inputs: a concatenated one goes through a dense layer to H; an added one is summed; both change the output", () => {
    const cfg: BertEncoderConfig = { ...small, tokenDim: 6, extraInputs: [{ name: "severity", vocabSize: 6, dim: 3, combine: "concat" }, { name: "segment", vocabSize: 2, dim: 8, combine: "add" }] };
    const g = buildBertEncoder(cfg, new Rng(4), "enc");
    const m = tf.model({ inputs: g.inputs, outputs: [g.hidden, g.cls] });
    expect(m.inputs.map((i) => i.name.replace(/_\d+$/, ""))).toEqual(["tokens", "severity", "segment"]);
    expect(m.getLayer("enc_input_projection").getWeights()[0]!.shape).toEqual([9, 8]);
    tf.tidy(() => {
      const tokens = tf.tensor2d([[2, 5, 6]]);
      const [, c1] = out(m, [tokens, tf.tensor2d([[0, 1, 1]]), tf.tensor2d([[0, 0, 0]])]);
      const [, c2] = out(m, [tokens, tf.tensor2d([[0, 1, 4]]), tf.tensor2d([[0, 0, 0]])]);
      const [, c3] = out(m, [tokens, tf.tensor2d([[0, 1, 1]]), tf.tensor2d([[0, 1, 1]])]);
      expect(maxDiff(c1!, c2!)).toBeGreaterThan(1e-4);
      expect(maxDiff(c1!, c3!)).toBeGreaterThan(1e-4);
    });
  });

  it("dropout: off outside training, reproducible in training with the same seed", () => {
    const cfg = { ...small, dropout: 0.3 };
    const a = bertEncoderModel(cfg, new Rng(5));
    const b = bertEncoderModel(cfg, new Rng(5));
    tf.tidy(() => {
      const x = tf.tensor2d([[2, 5, 6, 7]]);
      expect(maxDiff(out(a, x)[0]!, out(b, x)[0]!)).toBe(0);
      const ta = out(a, x, true)[0]!;
      expect(maxDiff(ta, out(a, x)[0]!)).toBeGreaterThan(1e-3);
      expect(maxDiff(ta, out(b, x, true)[0]!)).toBe(0);
    });
  });

  it("saves and loads through model-io with the same outputs (LoRA adapters included)", async () => {
    const m = bertEncoderModel({ ...small, dropout: 0.1, loraRank: 2 }, new Rng(6));
    // give the (zero-initialised) LoRA B matrices values so that they matter
    m.setWeights(m.getWeights().map((w) => tf.add(w, tf.randomNormal(w.shape, 0, 0.05, "float32", 9))));
    await saveLayersModel(m, join(tmp, "enc"));
    const again = await loadLayersModel(join(tmp, "enc"));
    tf.tidy(() => {
      const x = tf.tensor2d([[2, 5, 6, 7], [2, 9, 0, 0]]);
      const [h1, c1] = out(m, x);
      const [h2, c2] = out(again, x);
      expect(maxDiff(h1!, h2!)).toBeLessThan(1e-6);
      expect(maxDiff(c1!, c2!)).toBeLessThan(1e-6);
    });
    again.dispose();
    m.dispose();
  });

  it("leaves no tensors behind across training steps and inference", async () => {
    const g = buildBertEncoder({ ...small, dropout: 0.1 }, new Rng(7));
    const m = tf.model({ inputs: g.inputs, outputs: g.cls });
    const examples = {
      count: 6,
      batch: (idx: Int32Array) => ({ x: tf.tensor2d(Array.from(idx, (i) => [2, 5 + (i % 3), 6, 0])), y: tf.zeros([idx.length, 8]), w: tf.ones([idx.length]) as tf.Tensor1D }),
    };
    const opts = { epochs: 2, batchSize: 3, learningRate: 0.01, schedule: { kind: "constant" as const }, earlyStopping: null, rng: new Rng(1), warmupSteps: 2 };
    await trainWeighted(m, examples, null, meanSquaredErrorPerExample, opts); // first run creates the optimizer's slots lazily
    const before = tf.memory().numTensors;
    await trainWeighted(m, examples, examples, meanSquaredErrorPerExample, opts);
    tf.tidy(() => void (m.predict(tf.tensor2d([[2, 5, 6]])) as tf.Tensor).dataSync());
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});
