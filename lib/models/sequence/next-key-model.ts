import * as tf from "@tensorflow/tfjs";
import { FastDense } from "../nn/fast-dense.js";
import { FastLstm } from "../nn/fast-lstm.js";
import { KeyEmbedding } from "../nn/key-embedding.js";
import type { Rng } from "../../runtime/rng.js";

/** Shape of a next-key model (DeepLog's LSTM). */
export interface NextKeyModelShape {
  /** Keys per input window. */
  window: number;
  /** Input index space (padding + known keys + unknown). */
  inputDim: number;
  /** Softmax classes (the known keys). */
  classes: number;
  embeddingDim: number;
  hiddenUnits: number;
  /** Stacked LSTM layers (DeepLog: 2). */
  layers: number;
}

/**
 * DeepLog's model (Du et al., CCS'17, §3.1): key embedding → `layers` stacked LSTMs of
 * `hiddenUnits` → a dense layer over the known keys. Input [B, window] key indices (float32),
 * output [B, classes] logits (the softmax is applied where probabilities are needed; ranks only
 * need the logits' order).
 */
export function buildNextKeyModel(shape: NextKeyModelShape, rng: Rng): tf.LayersModel {
  if (shape.layers < 1) throw new Error(`next-key model: layers must be ≥ 1, got ${shape.layers}`);
  const input = tf.input({ shape: [shape.window], name: "keys" });
  let h = new KeyEmbedding({ inputDim: shape.inputDim, outputDim: shape.embeddingDim, seed: rng.seedInt(), name: "embedding" }).apply(input) as tf.SymbolicTensor;
  for (let l = 0; l < shape.layers; l++) {
    h = new FastLstm({ units: shape.hiddenUnits, returnSequences: l < shape.layers - 1, seed: rng.seedInt(), name: `lstm_${l + 1}` }).apply(h) as tf.SymbolicTensor;
  }
  const logits = new FastDense({ units: shape.classes, seed: rng.seedInt(), name: "next_key_logits" }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits, name: "next_key_lstm" });
}
