import * as tf from "@tensorflow/tfjs";
import { FastDense } from "../nn/fast-dense.js";
import { LayerNorm } from "../nn/layer-norm.js";
import type { Rng } from "../../runtime/rng.js";
import { SelectPositions } from "./select-positions.js";

/**
 * BERT's masked-language-model head on selected positions: the hidden states at the positions
 * in `selection` ([B, P, T] one-hot, see {@link SelectPositions}) → dense H with GELU →
 * LayerNorm → dense to the vocabulary: logits [B, P, vocabSize]. Only the P selected rows per
 * sequence go through the head.
 */
export function applyMlmHead(hidden: tf.SymbolicTensor, selection: tf.SymbolicTensor, hiddenSize: number, vocabSize: number, rng: Rng, prefix = "mlm"): tf.SymbolicTensor {
  const picked = new SelectPositions({ name: `${prefix}_select` }).apply([hidden, selection]) as tf.SymbolicTensor;
  const t = new FastDense({ units: hiddenSize, activation: "gelu", seed: rng.seedInt(), name: `${prefix}_transform` }).apply(picked) as tf.SymbolicTensor;
  const n = new LayerNorm({ name: `${prefix}_norm` }).apply(t) as tf.SymbolicTensor;
  return new FastDense({ units: vocabSize, seed: rng.seedInt(), name: `${prefix}_logits` }).apply(n) as tf.SymbolicTensor;
}

/**
 * Masked-LM cross-entropy per sequence from logits [B, P, V] and one-hot targets [B, P, V]
 * (an unused slot has an all-zero target row): the mean over each sequence's used slots → [B]
 * (0 for a sequence with no used slot).
 */
export function maskedTokenCrossEntropy(targets: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const m = tf.max(logits, -1, true);
    const shifted = tf.sub(logits, m);
    const lse = tf.log(tf.sum(tf.exp(shifted), -1)); // [B, P]
    const used = tf.sum(targets, -1); // 1 for a used slot, 0 for padding
    const ce = tf.mul(tf.sub(lse, tf.sum(tf.mul(targets, shifted), -1)), used);
    return tf.div(tf.sum(ce, -1), tf.maximum(tf.sum(used, -1), 1)) as tf.Tensor1D;
  });
}
