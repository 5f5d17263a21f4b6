import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../../lib/runtime/backend.js";
import { folderIOHandler, loadLayersModel, loadNamedTensors, saveLayersModel, saveNamedTensors } from "../../lib/runtime/model-io.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-model-io-"));
beforeAll(async () => {
  await selectBackend();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function smallModel(seed: number): tf.LayersModel {
  const m = tf.sequential();
  m.add(tf.layers.dense({ inputShape: [4], units: 8, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  m.add(tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  return m;
}

describe("folderIOHandler", () => {
  it("round-trips a layers model through model.json + weights.bin with identical predictions", async () => {
    const model = smallModel(1);
    const x = tf.tensor2d([[0.1, 0.2, 0.3, 0.4], [1, -1, 0.5, 2]]);
    const before = (model.predict(x) as tf.Tensor).arraySync();
    const target = join(dir, "m1");
    await saveLayersModel(model, target);
    expect(readdirSync(target).sort()).toEqual(["model.json", "weights.bin"]);
    const loaded = await loadLayersModel(target);
    const after = (loaded.predict(x) as tf.Tensor).arraySync();
    expect(after).toEqual(before);
    x.dispose();
    model.dispose();
    loaded.dispose();
  });

  it("leaves no temporary files behind and overwrites an older save", async () => {
    const target = join(dir, "m2");
    await saveLayersModel(smallModel(2), target);
    await saveLayersModel(smallModel(3), target);
    expect(readdirSync(target).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("names the folder when model.json is missing or corrupt", async () => {
    await expect(tf.loadLayersModel(folderIOHandler(join(dir, "nope")))).rejects.toThrow(/No saved model at .*nope/);
    const bad = join(dir, "bad");
    await saveLayersModel(smallModel(4), bad);
    writeFileSync(join(bad, "model.json"), "{not json");
    await expect(loadLayersModel(bad)).rejects.toThrow(/model\.json is not valid JSON/);
  });
});

describe("weights checks (issue 10, cases 4 and 9)", () => {
  it("a truncated, doubled or changed weights.bin is an error naming the file, not a shape error or NaN scores", async () => {
    const target = join(dir, "checked");
    await saveLayersModel(smallModel(5), target);
    const w = join(target, "weights.bin");
    const bytes = readFileSync(w);
    writeFileSync(w, bytes.subarray(0, bytes.length - 8));
    await expect(loadLayersModel(target)).rejects.toThrow(new RegExp(`checked/weights\\.bin: ${bytes.length - 8} bytes, but .*model\\.json's weight specs need ${bytes.length}`));
    writeFileSync(w, Buffer.concat([bytes, bytes]));
    await expect(loadLayersModel(target)).rejects.toThrow(/weights\.bin: \d+ bytes, but/);
    const flipped = Buffer.from(bytes);
    flipped[3]! ^= 0x10;
    writeFileSync(w, flipped);
    await expect(loadLayersModel(target)).rejects.toThrow(/checked\/weights\.bin: checksum mismatch/);
  });
  it("named tensors: the .bin is checked against the size and SHA-256 recorded in the .json", async () => {
    const t = { w: tf.tensor2d([[1, 2], [3, 4]]) };
    await saveNamedTensors(dir, "ck", t);
    const bin = join(dir, "ck.bin");
    const bytes = readFileSync(bin);
    writeFileSync(bin, bytes.subarray(0, 12));
    expect(() => loadNamedTensors(dir, "ck")).toThrow(/ck\.bin: 12 bytes, but .*ck\.json's weight specs need 16/);
    const flipped = Buffer.from(bytes);
    flipped[0]! ^= 1;
    writeFileSync(bin, flipped);
    expect(() => loadNamedTensors(dir, "ck")).toThrow(/ck\.bin: checksum mismatch/);
    tf.dispose(t);
  });
});

describe("saveNamedTensors", () => {
  it("round-trips named tensors exactly", async () => {
    const t = { w: tf.tensor2d([[1.5, -2], [3, 4.25]]), b: tf.tensor1d([0.5, 7], "float32"), ids: tf.tensor1d([3, 1, 2], "int32") };
    await saveNamedTensors(dir, "weights", t);
    expect(existsSync(join(dir, "weights.json"))).toBe(true);
    const back = loadNamedTensors(dir, "weights");
    expect(Object.keys(back).sort()).toEqual(["b", "ids", "w"]);
    expect(back.w!.arraySync()).toEqual([[1.5, -2], [3, 4.25]]);
    expect(back.ids!.dtype).toBe("int32");
    expect(back.ids!.arraySync()).toEqual([3, 1, 2]);
    tf.dispose([...Object.values(t), ...Object.values(back)]);
  });

  it("rejects an unknown format", async () => {
    writeFileSync(join(dir, "odd.json"), JSON.stringify({ format: "other", version: 9, specs: [] }));
    writeFileSync(join(dir, "odd.bin"), "");
    expect(() => loadNamedTensors(dir, "odd")).toThrow(/unknown format other v9/);
  });
});
