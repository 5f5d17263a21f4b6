import { describe, expect, it } from "vitest";
import { validateBertConfig, type BertEncoderConfig } from "../../../lib/models/bert/bert-config.js";

const ok: BertEncoderConfig = { vocabSize: 20, hidden: 16, layers: 2, heads: 4, ffDim: 32, maxLength: 64, dropout: 0.1 };

describe("validateBertConfig", () => {
  it("accepts a valid config, with extra inputs and LoRA", () => {
    expect(() => validateBertConfig(ok)).not.toThrow();
    expect(() => validateBertConfig({ ...ok, tokenDim: 12, extraInputs: [{ name: "severity", vocabSize: 6, dim: 4, combine: "concat" }], loraRank: 4, loraTargets: ["query", "value"] })).not.toThrow();
    expect(() => validateBertConfig({ ...ok, extraInputs: [{ name: "segment", vocabSize: 2, dim: 16, combine: "add" }] })).not.toThrow();
  });

  it("names the bad field", () => {
    expect(() => validateBertConfig({ ...ok, hidden: 18 })).toThrow("hidden 18 does not divide into 4 heads");
    expect(() => validateBertConfig({ ...ok, layers: 0 })).toThrow("layers must be an integer ≥ 1");
    expect(() => validateBertConfig({ ...ok, dropout: 1 })).toThrow("dropout must be in [0, 1)");
    expect(() => validateBertConfig({ ...ok, extraInputs: [{ name: "tokens", vocabSize: 2, dim: 16, combine: "add" }] })).toThrow('input name "tokens" is used twice');
    expect(() => validateBertConfig({ ...ok, extraInputs: [{ name: "s", vocabSize: 2, dim: 8, combine: "add" }] })).toThrow('extra input "s" is added (after any concatenation\'s dense layer), so its dim must be hidden = 16, got 8');
    expect(() => validateBertConfig({ ...ok, tokenDim: 8 })).toThrow("tokenDim 8 ≠ hidden 16 needs a concatenated extra input");
    expect(() => validateBertConfig({ ...ok, loraRank: -1 })).toThrow("loraRank must be an integer ≥ 0");
    expect(() => validateBertConfig({ ...ok, loraTargets: ["bias" as "query"] })).toThrow('unknown LoRA target "bias"');
  });
});
