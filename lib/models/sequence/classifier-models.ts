import * as tf from "@tensorflow/tfjs";
import { Conv1d } from "../nn/conv1d.js";
import { FastDense } from "../nn/fast-dense.js";
import { FastGru } from "../nn/fast-gru.js";
import { FastLstm } from "../nn/fast-lstm.js";
import { KeyEmbedding } from "../nn/key-embedding.js";
import { LayerNorm } from "../nn/layer-norm.js";
import { MultiHeadSelfAttention } from "../nn/multi-head-attention.js";
import { PositionalEmbedding } from "../nn/positional-embedding.js";
import { AttentionPooling, MaskedMeanPooling } from "../nn/sequence-pooling.js";
import type { Rng } from "../../runtime/rng.js";
import type { PadSide } from "./session-batches.js";

/** The supervised session classifiers of loglab. */
export type ClassifierArchitecture = "lstm" | "gru" | "bilstm-attention" | "cnn-lstm" | "transformer" | "cnn-transformer";

/** Sizes of a classifier network. */
export interface ClassifierShape {
  /** Input index space (padding + known keys + unknown). */
  inputDim: number;
  embeddingDim: number;
  /** Recurrent units (per direction). */
  hiddenUnits: number;
  /** Convolution filters and kernel width (CNN variants). */
  filters: number;
  kernelSize: number;
  /** Attention heads, transformer blocks and feed-forward width (transformer variants; model width = embeddingDim). */
  heads: number;
  blocks: number;
  ffnDim: number;
  /** Longest sequence (positional table size). */
  maxLength: number;
}

/** Which side each architecture pads: recurrent readers on the left, attention models (masked) on the right. */
export function padSideOf(arch: ClassifierArchitecture): PadSide {
  return arch === "transformer" || arch === "cnn-transformer" ? "right" : "left";
}

function transformerBlocks(x: tf.SymbolicTensor, keys: tf.SymbolicTensor, shape: ClassifierShape, rng: Rng, width: number): tf.SymbolicTensor {
  let h = x;
  for (let b = 0; b < shape.blocks; b++) {
    const attn = new MultiHeadSelfAttention({ heads: shape.heads, seed: rng.seedInt(), name: `attention_${b + 1}` }).apply([h, keys]) as tf.SymbolicTensor;
    h = new LayerNorm({ name: `norm_attention_${b + 1}` }).apply(tf.layers.add({ name: `residual_attention_${b + 1}` }).apply([h, attn]) as tf.SymbolicTensor) as tf.SymbolicTensor;
    let f = new FastDense({ units: shape.ffnDim, activation: "gelu", seed: rng.seedInt(), name: `ffn_in_${b + 1}` }).apply(h) as tf.SymbolicTensor;
    f = new FastDense({ units: width, seed: rng.seedInt(), name: `ffn_out_${b + 1}` }).apply(f) as tf.SymbolicTensor;
    h = new LayerNorm({ name: `norm_ffn_${b + 1}` }).apply(tf.layers.add({ name: `residual_ffn_${b + 1}` }).apply([h, f]) as tf.SymbolicTensor) as tf.SymbolicTensor;
  }
  return h;
}

/**
 * Builds a binary session classifier. Input: [B, T] key indices (float32, 0 = padding, T
 * variable); output: [B, 1] logits of "anomalous".
 *
 * - `lstm` / `gru`: embedding → one recurrent layer → dense (the supervised baselines of
 *   Le & Zhang, ICSE'22 "Log-based Anomaly Detection with Deep Learning: How Far Are We?").
 * - `bilstm-attention`: embedding → forward and backward LSTMs → additive attention pooling
 *   over real steps → dense (LogRobust's design, Zhang et al., FSE'19, on key embeddings).
 * - `cnn-lstm`: embedding → 1-D convolution (ReLU) → LSTM → dense.
 * - `transformer`: embedding + learned positions → `blocks` × (multi-head self-attention,
 *   residual, LayerNorm, GELU feed-forward, residual, LayerNorm) → masked mean pooling → dense.
 * - `cnn-transformer`: the same after a 1-D convolution over the embeddings.
 */
export function buildClassifier(arch: ClassifierArchitecture, shape: ClassifierShape, rng: Rng): tf.LayersModel {
  const keys = tf.input({ shape: [null], name: "keys" });
  const emb = new KeyEmbedding({ inputDim: shape.inputDim, outputDim: shape.embeddingDim, seed: rng.seedInt(), name: "embedding" }).apply(keys) as tf.SymbolicTensor;
  let pooled: tf.SymbolicTensor;
  switch (arch) {
    case "lstm":
      pooled = new FastLstm({ units: shape.hiddenUnits, seed: rng.seedInt(), name: "lstm" }).apply(emb) as tf.SymbolicTensor;
      break;
    case "gru":
      pooled = new FastGru({ units: shape.hiddenUnits, seed: rng.seedInt(), name: "gru" }).apply(emb) as tf.SymbolicTensor;
      break;
    case "bilstm-attention": {
      const fwd = new FastLstm({ units: shape.hiddenUnits, returnSequences: true, seed: rng.seedInt(), name: "lstm_forward" }).apply(emb) as tf.SymbolicTensor;
      const bwd = new FastLstm({ units: shape.hiddenUnits, returnSequences: true, goBackwards: true, seed: rng.seedInt(), name: "lstm_backward" }).apply(emb) as tf.SymbolicTensor;
      const both = tf.layers.concatenate({ axis: -1, name: "bilstm" }).apply([fwd, bwd]) as tf.SymbolicTensor;
      pooled = new AttentionPooling({ units: shape.hiddenUnits, seed: rng.seedInt(), name: "attention_pooling" }).apply([both, keys]) as tf.SymbolicTensor;
      break;
    }
    case "cnn-lstm": {
      const conv = new Conv1d({ filters: shape.filters, kernelSize: shape.kernelSize, activation: "relu", seed: rng.seedInt(), name: "conv" }).apply(emb) as tf.SymbolicTensor;
      pooled = new FastLstm({ units: shape.hiddenUnits, seed: rng.seedInt(), name: "lstm" }).apply(conv) as tf.SymbolicTensor;
      break;
    }
    case "transformer": {
      const x = new PositionalEmbedding({ maxLength: shape.maxLength, seed: rng.seedInt(), name: "positions" }).apply(emb) as tf.SymbolicTensor;
      const h = transformerBlocks(x, keys, shape, rng, shape.embeddingDim);
      pooled = new MaskedMeanPooling({ name: "mean_pooling" }).apply([h, keys]) as tf.SymbolicTensor;
      break;
    }
    case "cnn-transformer": {
      const conv = new Conv1d({ filters: shape.embeddingDim, kernelSize: shape.kernelSize, activation: "relu", seed: rng.seedInt(), name: "conv" }).apply(emb) as tf.SymbolicTensor;
      const x = new PositionalEmbedding({ maxLength: shape.maxLength, seed: rng.seedInt(), name: "positions" }).apply(conv) as tf.SymbolicTensor;
      const h = transformerBlocks(x, keys, shape, rng, shape.embeddingDim);
      pooled = new MaskedMeanPooling({ name: "mean_pooling" }).apply([h, keys]) as tf.SymbolicTensor;
      break;
    }
    default:
      throw new Error(`unknown classifier architecture "${String(arch)}"`);
  }
  const logit = new FastDense({ units: 1, seed: rng.seedInt(), name: "anomaly_logit" }).apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: keys, outputs: logit, name: `${arch}-classifier` });
}
