import { describe, expect, it } from "vitest";
import { DENSE_AE_DEFAULTS } from "../../../lib/models/autoencoder/dense-ae.js";
import { autoencoderEntries } from "../../../lib/models/autoencoder/entries.js";
import { IFOREST_AE_DEFAULTS } from "../../../lib/models/autoencoder/iforest-ae.js";
import { LSTM_AE_DEFAULTS } from "../../../lib/models/autoencoder/lstm-ae.js";
import { Rng } from "../../../lib/runtime/rng.js";

describe("autoencoder registry entries", () => {
  it("dense AE and LSTM AE learn from normal sessions; the Isolation-Forest hybrids from unlabelled ones", () => {
    expect(Object.keys(autoencoderEntries)).toEqual(["dense-ae", "lstm-ae", "iforest-ae", "iforest-2ae"]);
    expect(Object.values(autoencoderEntries).map((e) => e.supervision)).toEqual(["semi-supervised", "semi-supervised", "unsupervised", "unsupervised"]);
    expect(autoencoderEntries["dense-ae"].defaults).toBe(DENSE_AE_DEFAULTS);
    expect(autoencoderEntries["lstm-ae"].defaults).toBe(LSTM_AE_DEFAULTS);
    expect(autoencoderEntries["iforest-ae"].defaults).toBe(IFOREST_AE_DEFAULTS);
    expect(autoencoderEntries["iforest-2ae"].defaults).toBe(IFOREST_AE_DEFAULTS);
  });

  it("each entry creates a detector under its own name with its supervision", () => {
    for (const [name, e] of Object.entries(autoencoderEntries)) {
      const d = e.create(e.defaults as never, { rng: new Rng(1) });
      expect(d.name, name).toBe(name);
      expect(d.supervision, name).toBe(e.supervision);
      d.dispose();
    }
  });

  it("loading a folder that holds no such model names the missing file", async () => {
    await expect(autoencoderEntries["dense-ae"].load("/nonexistent")).rejects.toThrow("/nonexistent: dense-ae.json is missing");
    await expect(autoencoderEntries["iforest-2ae"].load("/nonexistent")).rejects.toThrow("/nonexistent: iforest-ae.json is missing");
  });
});
