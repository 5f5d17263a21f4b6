import * as tf from "@tensorflow/tfjs";
import { loadLabelledLogLines, type LabelledLogLines } from "../../../lib/experiments/labelling/labelled-log-lines.js";
import { buildBertEncoder } from "../../../lib/models/bert/bert-encoder.js";
import { encoderWeightsOf, LOG_TEXT_ENCODER_PREFIX, type LogTextEncoder } from "../../../lib/models/bert/log-text-encoder.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { Rng } from "../../../lib/runtime/rng.js";
import { WordPieceTokenizer } from "../../../lib/text/wordpiece-tokenizer.js";

/** A tiny log-text encoder (random weights, tokenizer from a few LogHub lines) for fast tests. */
export async function tinyEncoder(seed = 1): Promise<{ encoder: LogTextEncoder; lines: LabelledLogLines }> {
  await selectBackend();
  const lines = loadLabelledLogLines({ systems: ["OpenSSH", "HDFS", "Apache", "BGL"], maxLinesPerSystem: 60 });
  const tokenizer = WordPieceTokenizer.train(lines.content, { vocabSize: 300, maxLength: 24 });
  const config = { vocabSize: tokenizer.vocabSize, hidden: 16, layers: 1, heads: 2, ffDim: 32, maxLength: 24, dropout: 0 };
  const g = buildBertEncoder(config, new Rng(seed), LOG_TEXT_ENCODER_PREFIX);
  const model = tf.model({ inputs: g.inputs, outputs: g.hidden });
  const weights = encoderWeightsOf(model);
  model.dispose();
  return { encoder: { tokenizer, config, weights }, lines };
}
