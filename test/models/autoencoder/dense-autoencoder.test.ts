import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { CountVectorizer } from "../../../lib/models/autoencoder/count-vectors.js";
import { buildDenseAutoencoder, encodeRows, encoderOf, reconstructionErrors, sessionReconstructionErrors, trainAutoencoder, vectorExamples } from "../../../lib/models/autoencoder/dense-autoencoder.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";

const training = { epochs: 30, batchSize: 4, learningRate: 0.02, lrSchedule: "constant" as const, lrPatience: 1, earlyStoppingPatience: 0, maxTrainSeconds: 0 };
const rows = [Float32Array.of(1, 0, 0, 1), Float32Array.of(0, 1, 1, 0), Float32Array.of(1, 1, 0, 0)];

describe("dense autoencoder parts", () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it("D → hidden → latent → mirrored hidden → D, with named layers; the encoder shares its weights", () => {
    const m = buildDenseAutoencoder(4, [6, 5], 2, new Rng(1));
    expect(m.layers.map((l) => l.name)).toEqual(["counts", "encoder_1", "encoder_2", "latent", "decoder_1", "decoder_2", "reconstruction"]);
    expect(m.outputs[0]!.shape).toEqual([null, 4]);
    expect((m.getLayer("decoder_1").getWeights()[0]!).shape).toEqual([2, 5]);
    const enc = encoderOf(m);
    expect(enc.outputs[0]!.shape).toEqual([null, 2]);
    expect(enc.getLayer("latent")).toBe(m.getLayer("latent"));
    const z = encodeRows(enc, rows, 2);
    expect(z).toHaveLength(3);
    expect(z[0]).toHaveLength(2);
    tf.tidy(() => {
      const direct = (enc.predict(tf.tensor2d([Array.from(rows[2]!)])) as tf.Tensor).dataSync();
      expect(Array.from(z[2]!)).toEqual(Array.from(direct));
    });
    m.dispose();
  });

  it("vectorExamples: each row is its own target, with its weight", () => {
    const ex = vectorExamples(rows, Float32Array.of(1, 2, 3));
    expect(ex.count).toBe(3);
    tf.tidy(() => {
      const b = ex.batch(Int32Array.of(2, 0));
      expect((b.x as tf.Tensor).arraySync()).toEqual([[1, 1, 0, 0], [1, 0, 0, 1]]);
      expect(b.y.arraySync()).toEqual((b.x as tf.Tensor).arraySync());
      expect(Array.from(b.w.dataSync())).toEqual([3, 1]);
    });
  });

  it("reconstructionErrors: the mean squared error per row, the same in any batch size", () => {
    const m = buildDenseAutoencoder(4, [], 2, new Rng(2));
    tf.tidy(() => m.setWeights(m.getWeights().map((w) => tf.zerosLike(w)))); // reconstructs 0
    expect(Array.from(reconstructionErrors(m, rows, 1))).toEqual([0.5, 0.5, 0.5]);
    expect(Array.from(reconstructionErrors(m, [Float32Array.of(2, 0, 0, 0)]))).toEqual([1]);
    expect(reconstructionErrors(m, [])).toEqual(new Float64Array(0));
    m.dispose();
  });

  it("sessionReconstructionErrors: each session gets its count vector's error", () => {
    const v = CountVectorizer.fit([[1, 2], [2, 2]]);
    const m = buildDenseAutoencoder(v.width, [3], 2, new Rng(3));
    const s = sessionReconstructionErrors(m, v, [[1, 2], [2, 1], [2, 2]]);
    expect(s[0]).toBe(s[1]);
    expect(Array.from(s)).toEqual(Array.from(reconstructionErrors(m, v.transform([[1, 2], [2, 1], [2, 2]]))));
    m.dispose();
  });

  it("trainAutoencoder lowers the reconstruction error, is seeded, and leaves no tensors behind", async () => {
    const fit = async (seed: number) => {
      const m = buildDenseAutoencoder(4, [4], 3, new Rng(seed));
      const before = reconstructionErrors(m, rows);
      const count = tf.memory().numTensors;
      const r = await trainAutoencoder(m, vectorExamples(rows, Float32Array.of(1, 1, 1)), null, training, new Rng(seed), "test");
      expect(tf.memory().numTensors).toBe(count);
      const after = reconstructionErrors(m, rows);
      m.dispose();
      return { before, after, r };
    };
    const a = await fit(4);
    expect(a.r.history).toHaveLength(30);
    expect(a.after.reduce((s, v) => s + v, 0)).toBeLessThan(a.before.reduce((s, v) => s + v, 0) / 2);
    expect(Array.from((await fit(4)).after)).toEqual(Array.from(a.after));
  });

  it("with validation, early stopping follows the patience; without, it is off", async () => {
    const m = buildDenseAutoencoder(4, [4], 3, new Rng(5));
    // Validation rows the model cannot learn from the training rows.
    const val = vectorExamples([Float32Array.of(5, -5, 5, -5)], Float32Array.of(1));
    const r = await trainAutoencoder(m, vectorExamples(rows, Float32Array.of(1, 1, 1)), val, { ...training, epochs: 200, learningRate: 0.05, earlyStoppingPatience: 2 }, new Rng(5), "test");
    expect(r.history.length).toBeLessThan(200);
    expect(r.stoppedBecause).toMatch(/early stopping/);
    m.dispose();
  });
});
