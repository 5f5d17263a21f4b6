import * as tf from "@tensorflow/tfjs";
import { FastDense } from "../nn/fast-dense.js";
import { distinctRows, type CountVectorizer } from "./count-vectors.js";
import { meanSquaredErrorPerExample, trainWeighted, type WeightedExamples, type WeightedTrainingResult } from "../nn/weighted-training.js";
import { weightedTrainingSchedule, type TrainingParams } from "../nn/training-params.js";
import type { Rng } from "../../runtime/rng.js";

/** Training settings shared by the count-vector autoencoders. */
export type AutoencoderTraining = TrainingParams;

/**
 * A dense autoencoder D → h1 → … → latent → … → h1 → D (ReLU hidden layers, linear latent and
 * output). The latent layer is named "latent" so an encoder can be cut out of a loaded model.
 */
export function buildDenseAutoencoder(inputDim: number, hidden: readonly number[], latentDim: number, rng: Rng): tf.LayersModel {
  const input = tf.input({ shape: [inputDim], name: "counts" });
  let h = input;
  hidden.forEach((u, i) => (h = new FastDense({ units: u, activation: "relu", seed: rng.seedInt(), name: `encoder_${i + 1}` }).apply(h) as tf.SymbolicTensor));
  h = new FastDense({ units: latentDim, seed: rng.seedInt(), name: "latent" }).apply(h) as tf.SymbolicTensor;
  [...hidden].reverse().forEach((u, i) => (h = new FastDense({ units: u, activation: "relu", seed: rng.seedInt(), name: `decoder_${i + 1}` }).apply(h) as tf.SymbolicTensor));
  const out = new FastDense({ units: inputDim, seed: rng.seedInt(), name: "reconstruction" }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out, name: "dense_autoencoder" });
}

/** The encoder half of {@link buildDenseAutoencoder}'s model (shares its weights). */
export function encoderOf(autoencoder: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: autoencoder.inputs, outputs: autoencoder.getLayer("latent").output as tf.SymbolicTensor });
}

/** Weighted examples of vectors reconstructing themselves. */
export function vectorExamples(rows: readonly Float32Array[], weights: Float32Array): WeightedExamples {
  const D = rows[0]?.length ?? 0;
  return {
    count: rows.length,
    batch(indices) {
      const x = new Float32Array(indices.length * D);
      const w = new Float32Array(indices.length);
      indices.forEach((i, b) => {
        x.set(rows[i]!, b * D);
        w[b] = weights[i]!;
      });
      const xt = tf.tensor2d(x, [indices.length, D]);
      return { x: xt, y: xt, w: tf.tensor1d(w) };
    },
  };
}

/** Trains an autoencoder on weighted vectors (MSE), with validation for early stopping. */
export function trainAutoencoder(
  model: tf.LayersModel,
  train: WeightedExamples,
  validation: WeightedExamples | null,
  t: AutoencoderTraining,
  rng: Rng,
  label: string,
): Promise<WeightedTrainingResult> {
  const schedule = weightedTrainingSchedule(t, 1e-6);
  return trainWeighted(model, train, validation, meanSquaredErrorPerExample, {
    ...schedule,
    earlyStopping: validation ? schedule.earlyStopping : null,
    clipNorm: 1,
    rng,
    label,
  });
}

/** Mean squared reconstruction error of each row, in batches. */
export function reconstructionErrors(model: tf.LayersModel, rows: readonly Float32Array[], batchSize = 2048): Float64Array {
  const D = rows[0]?.length ?? 0;
  const out = new Float64Array(rows.length);
  for (let s = 0; s < rows.length; s += batchSize) {
    const n = Math.min(batchSize, rows.length - s);
    const x = new Float32Array(n * D);
    for (let i = 0; i < n; i++) x.set(rows[s + i]!, i * D);
    const err = tf.tidy(() => {
      const xt = tf.tensor2d(x, [n, D]);
      return meanSquaredErrorPerExample(xt, model.predict(xt) as tf.Tensor).dataSync();
    });
    out.set(err, s);
  }
  return out;
}

/** Each session's reconstruction error: its count vector's, each distinct vector through the model once. */
export function sessionReconstructionErrors(model: tf.LayersModel, vectorizer: CountVectorizer, sequences: readonly (readonly number[])[]): Float64Array {
  const d = distinctRows(vectorizer.transform(sequences));
  const err = reconstructionErrors(model, d.rows);
  return Float64Array.from(d.rowOf, (i) => err[i]!);
}

/** The rows' latent codes from an encoder, in batches. */
export function encodeRows(encoder: tf.LayersModel, rows: readonly Float32Array[], batchSize = 2048): Float64Array[] {
  const D = rows[0]?.length ?? 0;
  const out: Float64Array[] = [];
  for (let s = 0; s < rows.length; s += batchSize) {
    const n = Math.min(batchSize, rows.length - s);
    const x = new Float32Array(n * D);
    for (let i = 0; i < n; i++) x.set(rows[s + i]!, i * D);
    const z = tf.tidy(() => encoder.predict(tf.tensor2d(x, [n, D])) as tf.Tensor2D);
    const L = z.shape[1];
    const v = z.dataSync();
    z.dispose();
    for (let i = 0; i < n; i++) out.push(Float64Array.from(v.subarray(i * L, (i + 1) * L)));
  }
  return out;
}
