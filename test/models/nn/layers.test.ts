import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Conv1d } from "../../../lib/models/nn/conv1d.js";
import { FastDense } from "../../../lib/models/nn/fast-dense.js";
import { FastGru } from "../../../lib/models/nn/fast-gru.js";
import { FastLstm } from "../../../lib/models/nn/fast-lstm.js";
import { KeyEmbedding } from "../../../lib/models/nn/key-embedding.js";
import { LayerNorm } from "../../../lib/models/nn/layer-norm.js";
import { MultiHeadSelfAttention } from "../../../lib/models/nn/multi-head-attention.js";
import { PositionalEmbedding } from "../../../lib/models/nn/positional-embedding.js";
import { RepeatToLength } from "../../../lib/models/nn/repeat-to-length.js";
import { AttentionPooling, MaskedMeanPooling } from "../../../lib/models/nn/sequence-pooling.js";
import { loadSavedModel, saveModelsWithMeta } from "../../../lib/models/nn/saved-model.js";
import { meanSquaredErrorPerExample, trainWeighted, type WeightedExamples } from "../../../lib/models/nn/weighted-training.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);

/** One model holding every custom layer. */
function everyLayerModel(): tf.LayersModel {
  const keys = tf.input({ shape: [null] });
  const e = new KeyEmbedding({ inputDim: 7, outputDim: 8, seed: 1 }).apply(keys) as tf.SymbolicTensor;
  const c = new Conv1d({ filters: 8, kernelSize: 3, seed: 2 }).apply(e) as tf.SymbolicTensor;
  const p = new PositionalEmbedding({ maxLength: 12, seed: 3 }).apply(c) as tf.SymbolicTensor;
  const a = new MultiHeadSelfAttention({ heads: 2, seed: 4 }).apply([p, keys]) as tf.SymbolicTensor;
  const n = new LayerNorm({}).apply(a) as tf.SymbolicTensor;
  const l = new FastLstm({ units: 6, returnSequences: true, goBackwards: true, seed: 5 }).apply(n) as tf.SymbolicTensor;
  const g = new FastGru({ units: 6, returnSequences: true, seed: 6 }).apply(l) as tf.SymbolicTensor;
  const ap = new AttentionPooling({ units: 4, seed: 7 }).apply([g, keys]) as tf.SymbolicTensor;
  const mp = new MaskedMeanPooling({}).apply([n, keys]) as tf.SymbolicTensor;
  const r = new RepeatToLength({}).apply([ap, keys]) as tf.SymbolicTensor;
  const last = new FastLstm({ units: 5, seed: 8 }).apply(r) as tf.SymbolicTensor;
  const out = new FastDense({ units: 2, activation: "gelu", seed: 9 }).apply(tf.layers.concatenate().apply([last, mp]) as tf.SymbolicTensor) as tf.SymbolicTensor;
  return tf.model({ inputs: keys, outputs: out });
}

describe("custom layers", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("serialize: a model of every custom layer saves through the folder IOHandler and loads with identical outputs", async () => {
    const model = everyLayerModel();
    const x = tf.tensor2d([
      [1, 2, 3, 0, 0],
      [4, 5, 6, 1, 2],
    ]);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 2]);
    const dir = mkdtempSync(join(tmpdir(), "loglab-layers-"));
    dirs.push(dir);
    await saveModelsWithMeta(dir, "meta.json", { format: "test", version: 1, params: {} }, { m: model });
    const loaded = await loadSavedModel(dir, "m");
    const y2 = loaded.predict(x) as tf.Tensor;
    expect(maxDiff(y, y2)).toBe(0);
    tf.dispose([x, y, y2]);
    model.dispose();
    loaded.dispose();
  });

  it("padding keys (0) are masked: attention and mean pooling ignore them", () => {
    tf.tidy(() => {
      const keys = tf.input({ shape: [null] });
      const e = new KeyEmbedding({ inputDim: 5, outputDim: 4, seed: 1 }).apply(keys) as tf.SymbolicTensor;
      const a = new MultiHeadSelfAttention({ heads: 2, seed: 2 }).apply([e, keys]) as tf.SymbolicTensor;
      const m = new MaskedMeanPooling({}).apply([a, keys]) as tf.SymbolicTensor;
      const model = tf.model({ inputs: keys, outputs: m });
      const short = model.predict(tf.tensor2d([[1, 2, 3]])) as tf.Tensor;
      const padded = model.predict(tf.tensor2d([[1, 2, 3, 0, 0]])) as tf.Tensor;
      expect(maxDiff(short, padded)).toBeLessThan(1e-5);
    });
  });

  it("the weighted loop: a weight of 3 trains like three copies, tensors stay flat, early stopping stops", async () => {
    const rows = [Float32Array.of(1, 0), Float32Array.of(0, 1)];
    const examples = (weights: number[], copies: number[]): WeightedExamples => {
      const all: Float32Array[] = [];
      const w: number[] = [];
      rows.forEach((r, i) => {
        for (let c = 0; c < copies[i]!; c++) {
          all.push(r);
          w.push(weights[i]!);
        }
      });
      return {
        count: all.length,
        batch(idx) {
          const x = tf.tensor2d(Array.from(idx, (i) => Array.from(all[i]!)));
          return { x, y: x.clone(), w: tf.tensor1d(Array.from(idx, (i) => w[i]!)) };
        },
      };
    };
    const make = () => {
      const input = tf.input({ shape: [2] });
      return tf.model({ inputs: input, outputs: new FastDense({ units: 2, seed: 3 }).apply(input) as tf.SymbolicTensor });
    };
    const opts = { epochs: 5, batchSize: 8, learningRate: 0.1, schedule: { kind: "constant" as const }, earlyStopping: null, rng: new Rng(1) };
    const a = make();
    const b = make();
    const before = tf.memory().numTensors;
    const ra = await trainWeighted(a, examples([3, 1], [1, 1]), null, meanSquaredErrorPerExample, opts);
    await trainWeighted(b, examples([1, 1], [3, 1]), null, meanSquaredErrorPerExample, { ...opts, rng: new Rng(1) });
    expect(tf.memory().numTensors).toBe(before);
    expect(ra.history).toHaveLength(5);
    const wa = a.getWeights();
    const wb = b.getWeights();
    wa.forEach((t, i) => expect(maxDiff(t, wb[i]!)).toBeLessThan(1e-5));
    const c = make();
    const rc = await trainWeighted(c, examples([1, 1], [1, 1]), examples([1, 1], [1, 1]), meanSquaredErrorPerExample, { ...opts, epochs: 200, learningRate: 0.5, earlyStopping: { patience: 2, minDelta: 1e-3 } });
    expect(rc.history.length).toBeLessThan(200);
    expect(rc.stoppedBecause).toMatch(/early stopping/);
    [a, b, c].forEach((m) => m.dispose());
  });
});
