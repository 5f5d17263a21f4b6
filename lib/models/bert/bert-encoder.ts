import * as tf from "@tensorflow/tfjs";
import { FastDense } from "../nn/fast-dense.js";
import { KeyEmbedding } from "../nn/key-embedding.js";
import { LayerNorm } from "../nn/layer-norm.js";
import { PositionalEmbedding } from "../nn/positional-embedding.js";
import { SeededDropout } from "../nn/seeded-dropout.js";
import type { Rng } from "../../runtime/rng.js";
import { validateBertConfig, type BertEncoderConfig } from "./bert-config.js";
import { BertSelfAttention } from "./bert-self-attention.js";
import { FirstToken } from "./first-token.js";

/** The symbolic pieces of an encoder, for building models on top of it. */
export interface BertEncoderGraph {
  /** `tokens` [B, T] (float32 token ids, 0 = padding), then one [B, T] input per extra input, in config order. */
  inputs: tf.SymbolicTensor[];
  /** Per-position hidden states [B, T, H] (after the final LayerNorm). */
  hidden: tf.SymbolicTensor;
  /** The [CLS] / [DIST] vector: the hidden state at position 0, [B, H]. */
  cls: tf.SymbolicTensor;
}

type Sym = tf.SymbolicTensor;

/**
 * Builds a pre-norm BERT encoder (Devlin et al., NAACL 2019, with the pre-LayerNorm blocks of
 * Xiong et al., ICML 2020, which train without a long warm-up) from loglab's wasm-friendly
 * layers:
 *
 *   x = TokenEmbedding(tokens) [⊕ extra embeddings → dense GELU to H | + added extra embeddings]
 *   x = Dropout(x + LearnedPosition)
 *   repeat `layers` times:
 *     x = x + Dropout(SelfAttention(LayerNorm(x)))          (padding, id 0, is never attended to)
 *     x = x + Dropout(W₂·GELU(W₁·LayerNorm(x)))
 *   hidden = LayerNorm(x);  cls = hidden[:, 0]
 *
 * Token embeddings are {@link KeyEmbedding} (trainable on wasm, unlike tf.layers.embedding),
 * LayerNorm is written with broadcast ops, dense layers and attention use fast-ops' gradients.
 * Layer names start with `prefix` (`<prefix>_block<i>_attention`, `<prefix>_block<i>_ffn_in`, …)
 * so that heads and freezing rules can address them.
 */
export function buildBertEncoder(config: BertEncoderConfig, rng: Rng, prefix = "bert"): BertEncoderGraph {
  validateBertConfig(config);
  const H = config.hidden;
  const extras = config.extraInputs ?? [];
  const concat = extras.filter((e) => e.combine === "concat");
  const tokenDim = concat.length > 0 ? (config.tokenDim ?? H) : H;
  const tokens = tf.input({ shape: [null], name: "tokens" });
  const extraInputs = extras.map((e) => tf.input({ shape: [null], name: e.name }));
  const dropout = (x: Sym, name: string): Sym => (config.dropout > 0 ? (new SeededDropout({ rate: config.dropout, seed: rng.seedInt(), name: `${prefix}_${name}` }).apply(x) as Sym) : x);

  let x = new KeyEmbedding({ inputDim: config.vocabSize, outputDim: tokenDim, seed: rng.seedInt(), name: `${prefix}_token_embedding` }).apply(tokens) as Sym;
  const embedded = extras.map((e, i) => new KeyEmbedding({ inputDim: e.vocabSize, outputDim: e.dim, seed: rng.seedInt(), name: `${prefix}_${e.name}_embedding` }).apply(extraInputs[i]!) as Sym);
  if (concat.length > 0) {
    const parts = [x, ...embedded.filter((_, i) => extras[i]!.combine === "concat")];
    const joined = tf.layers.concatenate({ axis: -1, name: `${prefix}_input_concat` }).apply(parts) as Sym;
    x = new FastDense({ units: H, activation: "gelu", seed: rng.seedInt(), name: `${prefix}_input_projection` }).apply(joined) as Sym;
  }
  const added = embedded.filter((_, i) => extras[i]!.combine === "add");
  if (added.length > 0) x = tf.layers.add({ name: `${prefix}_input_add` }).apply([x, ...added]) as Sym;
  x = new PositionalEmbedding({ maxLength: config.maxLength, seed: rng.seedInt(), name: `${prefix}_positions` }).apply(x) as Sym;
  x = dropout(x, "embedding_dropout");

  for (let b = 1; b <= config.layers; b++) {
    const n = `${prefix}_block${b}`;
    const a = new LayerNorm({ name: `${n}_norm_attention` }).apply(x) as Sym;
    let att = new BertSelfAttention({
      heads: config.heads,
      seed: rng.seedInt(),
      loraRank: config.loraRank ?? 0,
      loraAlpha: config.loraAlpha,
      loraTargets: config.loraTargets,
      name: `${n}_attention`,
    }).apply([a, tokens]) as Sym;
    att = dropout(att, `block${b}_attention_dropout`);
    x = tf.layers.add({ name: `${n}_residual_attention` }).apply([x, att]) as Sym;
    const f0 = new LayerNorm({ name: `${n}_norm_ffn` }).apply(x) as Sym;
    const f1 = new FastDense({ units: config.ffDim, activation: "gelu", seed: rng.seedInt(), name: `${n}_ffn_in` }).apply(f0) as Sym;
    let f2 = new FastDense({ units: H, seed: rng.seedInt(), name: `${n}_ffn_out` }).apply(f1) as Sym;
    f2 = dropout(f2, `block${b}_ffn_dropout`);
    x = tf.layers.add({ name: `${n}_residual_ffn` }).apply([x, f2]) as Sym;
  }
  const hidden = new LayerNorm({ name: `${prefix}_final_norm` }).apply(x) as Sym;
  const cls = new FirstToken({ name: `${prefix}_cls` }).apply(hidden) as Sym;
  return { inputs: [tokens, ...extraInputs], hidden, cls };
}

/** A model of the encoder alone: inputs as {@link BertEncoderGraph}, outputs `[hidden, cls]`. */
export function bertEncoderModel(config: BertEncoderConfig, rng: Rng, prefix = "bert"): tf.LayersModel {
  const g = buildBertEncoder(config, rng, prefix);
  return tf.model({ inputs: g.inputs, outputs: [g.hidden, g.cls], name: `${prefix}_encoder` });
}
