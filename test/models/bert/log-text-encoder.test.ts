import * as tf from "@tensorflow/tfjs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBertEncoder } from "../../../lib/models/bert/bert-encoder.js";
import { disposeLogTextEncoder, encoderWeightsOf, loadEncoderWeightsInto, loadLogTextEncoder, readLogTextEncoderFile, saveLogTextEncoder, weightKey } from "../../../lib/models/bert/log-text-encoder.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { tinyEncoder } from "./text-encoder-fixtures.js";

describe("log-text encoder", () => {
  it("names weights <layer>/<weight>", () => {
    expect(weightKey("bert_block1_attention", "bert_block1_attention/query_kernel")).toBe("bert_block1_attention/query_kernel");
  });
  it("saves and loads tokenizer, config and weights exactly", async () => {
    const { encoder } = await tinyEncoder();
    const dir = mkdtempSync(join(tmpdir(), "enc-"));
    try {
      await saveLogTextEncoder(encoder, dir, { note: "test" });
      const back = await loadLogTextEncoder(dir);
      expect(back.tokenizer.vocab).toEqual(encoder.tokenizer.vocab);
      expect(back.config).toEqual(encoder.config);
      expect([...back.weights.keys()].sort()).toEqual([...encoder.weights.keys()].sort());
      for (const [k, t] of encoder.weights) expect(Array.from(back.weights.get(k)!.dataSync())).toEqual(Array.from(t.dataSync()));
      expect(readLogTextEncoderFile(dir).pretraining).toEqual({ note: "test" });
      disposeLogTextEncoder(back);
      writeFileSync(join(dir, "config.json"), JSON.stringify({ format: "other" }));
      await expect(loadLogTextEncoder(dir)).rejects.toThrow(/config\.json: not a loglab\.log-text-encoder v1 file/);
      await expect(loadLogTextEncoder(join(dir, "nope"))).rejects.toThrow(/config\.json is missing \(run `loglab pretrain`\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      disposeLogTextEncoder(encoder);
    }
  });
  it("copies weights into a model with LoRA adapters (adapters start fresh) and rejects other sizes", async () => {
    const { encoder } = await tinyEncoder();
    const g = buildBertEncoder({ ...encoder.config, loraRank: 2, loraTargets: ["query", "value"] }, new Rng(9), "bert");
    const model = tf.model({ inputs: g.inputs, outputs: g.hidden });
    const n = loadEncoderWeightsInto(model, encoder.weights);
    expect(n).toBe(encoder.weights.size);
    const after = encoderWeightsOf(model);
    expect(Array.from(after.get("bert_block1_attention/query_kernel")!.dataSync())).toEqual(Array.from(encoder.weights.get("bert_block1_attention/query_kernel")!.dataSync()));
    expect(after.has("bert_block1_attention/query_lora_a")).toBe(true);
    const wide = buildBertEncoder({ ...encoder.config, hidden: 32, heads: 2 }, new Rng(9), "bert");
    const wideModel = tf.model({ inputs: wide.inputs, outputs: wide.hidden });
    expect(() => loadEncoderWeightsInto(wideModel, encoder.weights)).toThrow(/is \[\d+,16\], the model's is \[\d+,32\]/);
    [model, wideModel].forEach((m) => m.dispose());
    after.forEach((t) => t.dispose());
    disposeLogTextEncoder(encoder);
  });
});
