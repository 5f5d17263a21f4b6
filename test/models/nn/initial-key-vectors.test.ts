import { describe, expect, it } from "vitest";
import { Rng } from "../../../lib/runtime/rng.js";
import { SessionClassifier, SESSION_CLASSIFIER_DEFAULTS } from "../../../lib/models/sequence/session-classifier.js";
import { buildClassifier } from "../../../lib/models/sequence/classifier-models.js";
import { initialiseKeyEmbedding } from "../../../lib/models/nn/initial-key-vectors.js";
import { selectBackend } from "../../../lib/runtime/backend.js";

describe("initialiseKeyEmbedding", () => {
  it("sets the rows of keys with a vector, keeps the rest, freezes on request, checks the size", async () => {
    await selectBackend();
    const model = buildClassifier("lstm", { inputDim: 5, embeddingDim: 2, hiddenUnits: 2, filters: 2, kernelSize: 2, heads: 1, blocks: 1, ffnDim: 2, maxLength: 4 }, new Rng(1));
    const before = Array.from(model.getLayer("embedding").getWeights()[0]!.dataSync());
    const set = initialiseKeyEmbedding(model, "embedding", [10, 20, 30], (k) => k / 10, { dim: 2, freeze: true, source: "t", vector: (k) => (k === 20 ? [7, 8] : null) });
    const after = Array.from(model.getLayer("embedding").getWeights()[0]!.dataSync());
    expect(set).toBe(1);
    expect(after.slice(4, 6)).toEqual([7, 8]);
    expect(after.slice(0, 4)).toEqual(before.slice(0, 4));
    expect(model.getLayer("embedding").trainable).toBe(false);
    expect(() => initialiseKeyEmbedding(model, "embedding", [10], () => 1, { dim: 3, freeze: false, source: "t", vector: () => [1, 2, 3] })).toThrow(/set embeddingDim to 3/);
    model.dispose();
  });
  it("a classifier fitted with frozen key vectors keeps them and reports it", async () => {
    const seqs = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? [1, 3, 2] : [1, 2, 2]));
    const labels = Uint8Array.from(seqs, (s) => (s[1] === 3 ? 1 : 0));
    const c = new SessionClassifier("gru", { ...SESSION_CLASSIFIER_DEFAULTS, embeddingDim: 2, hiddenUnits: 4, epochs: 2, earlyStoppingPatience: 0 }, new Rng(2), { dim: 2, freeze: true, source: "t", vector: (k) => [k, -k] });
    const r = await c.fit({ sequences: seqs, labels });
    expect(r.embeddingsInitialised).toBe(3);
    expect(r.embeddingsFrozen).toBe(true);
    c.dispose();
  });
});
