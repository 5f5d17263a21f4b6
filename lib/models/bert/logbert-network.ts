import * as tf from "@tensorflow/tfjs";
import type { Rng } from "../../runtime/rng.js";
import type { BertEncoderConfig } from "./bert-config.js";
import { buildBertEncoder } from "./bert-encoder.js";
import { applyMlmHead } from "./mlm-head.js";
import "./register-bert-layers.js";

/** Layer-name prefix of LogBERT's encoder (the same encoder the log-text classifiers use). */
export const LOGBERT_PREFIX = "bert";

/** LogBERT's two views of one set of weights. */
export interface LogBertNetwork {
  /**
   * Inputs `[tokens, (severity,) selection]`, outputs `[logits [B, P, vocab], dist [B, H]]`:
   * the masked-key logits at the selected positions and the [DIST] vector (training and ranks).
   */
  model: tf.LayersModel;
  /** Inputs `[tokens, (severity)]`, output the per-position hidden states [B, T, H] (embeddings). */
  states: tf.LayersModel;
}

/**
 * Builds LogBERT (Guo, Yuan, Wu, IJCNN 2021, §III): the shared BERT encoder
 * (models/bert/bert-encoder.ts) with the masked-log-key head on top. `config.extraInputs` holds
 * the severity input of LogBERT-severity (concatenated with the key embedding, then a dense
 * layer, as the industrial study describes).
 */
export function buildLogBertNetwork(config: BertEncoderConfig, rng: Rng): LogBertNetwork {
  const g = buildBertEncoder(config, rng, LOGBERT_PREFIX);
  const selection = tf.input({ shape: [null, null], name: "selection" });
  const logits = applyMlmHead(g.hidden, selection, config.hidden, config.vocabSize, rng, "mlm");
  const model = tf.model({ inputs: [...g.inputs, selection], outputs: [logits, g.cls], name: "logbert" });
  const states = tf.model({ inputs: g.inputs, outputs: g.hidden, name: "logbert_states" });
  return { model, states };
}
