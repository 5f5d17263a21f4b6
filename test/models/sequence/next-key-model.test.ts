import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildNextKeyModel } from "../../../lib/models/sequence/next-key-model.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

const shape = { window: 4, inputDim: 7, classes: 5, embeddingDim: 3, hiddenUnits: 6, layers: 2 };

describe("buildNextKeyModel", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("DeepLog's stack: key embedding → stacked LSTMs → logits over the known keys", () => {
    const m = buildNextKeyModel(shape, new Rng(1));
    expect(m.inputs[0]!.shape).toEqual([null, 4]);
    expect(m.outputs[0]!.shape).toEqual([null, 5]);
    expect(m.layers.map((l) => l.name)).toEqual(["keys", "embedding", "lstm_1", "lstm_2", "next_key_logits"]);
    tf.tidy(() => {
      const y = m.predict(tf.tensor2d([[0, 1, 2, 6], [3, 3, 3, 3]])) as tf.Tensor;
      expect(y.shape).toEqual([2, 5]);
    });
    m.dispose();
  });

  it("one layer is allowed, none is not; the same seed builds the same weights", () => {
    const one = buildNextKeyModel({ ...shape, layers: 1 }, new Rng(2));
    expect(one.layers.filter((l) => l.name.startsWith("lstm_")).map((l) => l.name)).toEqual(["lstm_1"]);
    const twin = buildNextKeyModel({ ...shape, layers: 1 }, new Rng(2));
    const other = buildNextKeyModel({ ...shape, layers: 1 }, new Rng(3));
    const flat = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));
    expect(flat(twin)).toEqual(flat(one));
    expect(flat(other)).not.toEqual(flat(one));
    [one, twin, other].forEach((m) => m.dispose());
    expect(() => buildNextKeyModel({ ...shape, layers: 0 }, new Rng(1))).toThrow("next-key model: layers must be ≥ 1, got 0");
  });
});
