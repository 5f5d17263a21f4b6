import * as tf from "@tensorflow/tfjs";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
import { loadSavedModel, readModelMeta, saveModelFolder, saveModelsWithMeta } from "../../../lib/models/nn/saved-model.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { maxDiff } from "./nn-helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-saved-model-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** One model holding every custom layer (moved from layers.test.ts). */
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

const tiny = (seed: number): tf.LayersModel => {
  const input = tf.input({ shape: [3] });
  return tf.model({ inputs: input, outputs: new FastDense({ units: 2, seed }).apply(input) as tf.SymbolicTensor });
};

describe("saved models", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  // Moved from test/models/nn/layers.test.ts.
  it("serialize: a model of every custom layer saves through the folder IOHandler and loads with identical outputs", async () => {
    const model = everyLayerModel();
    const x = tf.tensor2d([
      [1, 2, 3, 0, 0],
      [4, 5, 6, 1, 2],
    ]);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 2]);
    const dir = mkdtempSync(join(tmp, "every-"));
    await saveModelsWithMeta(dir, "meta.json", { format: "test", version: 1, params: {} }, { m: model });
    const loaded = await loadSavedModel(dir, "m");
    const y2 = loaded.predict(x) as tf.Tensor;
    expect(maxDiff(y, y2)).toBe(0);
    tf.dispose([x, y, y2]);
    model.dispose();
    loaded.dispose();
  });

  it("saveModelsWithMeta writes one sub-folder per model and the metadata; readModelMeta reads it back", async () => {
    const dir = join(tmp, "two");
    const a = tiny(1);
    const b = tiny(2);
    await saveModelsWithMeta(dir, "pair.json", { format: "loglab.pair", version: 3, params: { h: 2 }, extra: [1] }, { a, b });
    expect(readdirSync(dir).sort()).toEqual(["a", "b", "pair.json"]);
    expect(readdirSync(join(dir, "a")).sort()).toEqual(["model.json", "weights.bin"]);
    expect(readModelMeta(dir, "pair.json", "loglab.pair", 3)).toEqual({ format: "loglab.pair", version: 3, params: { h: 2 }, extra: [1] });
    const lb = await loadSavedModel(dir, "b");
    tf.tidy(() => {
      const x = tf.ones([1, 3]);
      expect(maxDiff(lb.predict(x) as tf.Tensor, b.predict(x) as tf.Tensor)).toBe(0);
    });
    [a, b, lb].forEach((m) => m.dispose());
  });

  it("saveModelFolder refuses a folder of someone else's files, replaces its own earlier save at once, with extra files; a failure leaves the old folder", async () => {
    const dir = join(tmp, "folder");
    mkdirSync(dir);
    writeFileSync(join(dir, "stale.txt"), "old");
    const m = tiny(3);
    await expect(saveModelFolder(dir, "meta.json", { format: "f", version: 1, params: null }, { model: m })).rejects.toThrow(/already holds files this writer did not make \(stale\.txt\)/);
    expect(readdirSync(dir)).toEqual(["stale.txt"]);
    rmSync(join(dir, "stale.txt"));
    await saveModelFolder(dir, "meta.json", { format: "f", version: 0, params: null }, { model: m });
    await saveModelFolder(dir, "meta.json", { format: "f", version: 1, params: null }, { model: m }, (t) => writeFileSync(join(t, "note.txt"), "hi"));
    expect(readdirSync(dir).sort()).toEqual(["meta.json", "model", "note.txt"]);
    await expect(
      saveModelFolder(dir, "meta.json", { format: "f", version: 2, params: null }, { model: m }, () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")).version).toBe(1);
    expect(readdirSync(tmp).filter((f) => f.startsWith("folder") || f.startsWith(".folder"))).toEqual(["folder"]);
    m.dispose();
  });

  it("readModelMeta names the folder or file and what is wrong", () => {
    const dir = join(tmp, "metas");
    mkdirSync(dir);
    expect(() => readModelMeta(dir, "m.json", "loglab.x", 1)).toThrow(`${dir}: m.json is missing (not a saved loglab.x model)`);
    const path = join(dir, "m.json");
    writeFileSync(path, "{");
    expect(() => readModelMeta(dir, "m.json", "loglab.x", 1)).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: not valid JSON`));
    writeFileSync(path, JSON.stringify({ format: "loglab.y", version: 1, params: {} }));
    expect(() => readModelMeta(dir, "m.json", "loglab.x", 1)).toThrow(`${path}: format is "loglab.y", expected "loglab.x"`);
    writeFileSync(path, JSON.stringify({ format: "loglab.x", version: 2, params: {} }));
    expect(() => readModelMeta(dir, "m.json", "loglab.x", 1)).toThrow(`${path}: version 2 is not supported (expected 1)`);
  });
});
