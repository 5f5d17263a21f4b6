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
 * Masked-LM cross-entropy per sequence from logits [B, P, V] and targets [B, P, V]: a used slot's
 * target row is one-hot scaled by its weight w (1 normally; the backdoor study's λ where its gate
 * retargets a slot), an unused slot's row is all zero. Each slot contributes w·CE, and a sequence's
 * loss is the mean over its used slots (w > 0) → [B] (0 for a sequence with no used slot). With
 * weights 1 this is the plain mean cross-entropy.
 */
export function maskedTokenCrossEntropy(targets: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const m = tf.max(logits, -1, true);
    const shifted = tf.sub(logits, m);
    const lse = tf.log(tf.sum(tf.exp(shifted), -1)); // [B, P]
    const weight = tf.sum(targets, -1); // w for a used slot, 0 for padding
    const ce = tf.sub(tf.mul(lse, weight), tf.sum(tf.mul(targets, shifted), -1)); // w·(lse − z_target)
    const used = tf.cast(tf.greater(weight, 0), "float32");
    return tf.div(tf.sum(ce, -1), tf.maximum(tf.sum(used, -1), 1)) as tf.Tensor1D;
  });
}
