import * as tf from "@tensorflow/tfjs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { selectBackend } from "../../runtime/backend.js";
import { loadNamedTensors, saveNamedTensors } from "../../runtime/model-io.js";
import { WordPieceTokenizer } from "../../text/wordpiece-tokenizer.js";
import type { BertEncoderConfig } from "./bert-config.js";

/**
 * A BERT encoder pretrained on log text, with its WordPiece tokenizer: what `loglab pretrain`
 * writes and the line classifiers (bert-dann, bert-lora, bert-hybrid) start from. Its weights are
 * kept by name (`<layer>/<weight>`, e.g. `bert_block1_attention/query_kernel`), so a classifier
 * that builds the same encoder (with the same prefix) — LoRA adapters added or not — takes them
 * over weight by weight.
 */
export interface LogTextEncoder {
  tokenizer: WordPieceTokenizer;
  /** The encoder's sizes (vocabSize = the tokenizer's; no LoRA: adapters belong to a classifier). */
  config: BertEncoderConfig;
  /** Encoder weights by `<layer>/<weight>` name (owned by this object; see {@link disposeLogTextEncoder}). */
  weights: Map<string, tf.Tensor>;
}

/** `config.json` of a saved encoder folder. */
export interface LogTextEncoderFile {
  format: "loglab.log-text-encoder";
  version: 1;
  encoder: BertEncoderConfig;
  /** Layer-name prefix of the encoder's layers. */
  prefix: string;
  /** What the pretraining did (corpus, loss, time); free-form for display. */
  pretraining: Record<string, unknown>;
}

/** The layer-name prefix every log-text encoder is built with. */
export const LOG_TEXT_ENCODER_PREFIX = "bert";

/** Name of a weight inside a model: `<layer name>/<weight name within the layer>`. */
export function weightKey(layerName: string, originalName: string): string {
  return `${layerName}/${originalName.slice(originalName.lastIndexOf("/") + 1)}`;
}

/** The weights of `model`'s layers whose name starts with `prefix_`, cloned, by {@link weightKey}. */
export function encoderWeightsOf(model: tf.LayersModel, prefix = LOG_TEXT_ENCODER_PREFIX): Map<string, tf.Tensor> {
  const out = new Map<string, tf.Tensor>();
  for (const layer of model.layers) {
    if (!layer.name.startsWith(`${prefix}_`)) continue;
    for (const w of layer.weights) out.set(weightKey(layer.name, w.originalName), w.read().clone());
  }
  return out;
}

/**
 * Copies pretrained weights into a model built with the same encoder: every weight of the
 * encoder's layers must be found (LoRA adapters excepted, which start fresh); shapes must agree.
 * Returns how many weights were copied.
 */
export function loadEncoderWeightsInto(model: tf.LayersModel, weights: ReadonlyMap<string, tf.Tensor>, prefix = LOG_TEXT_ENCODER_PREFIX): number {
  let copied = 0;
  for (const layer of model.layers) {
    if (!layer.name.startsWith(`${prefix}_`)) continue;
    for (const w of layer.weights) {
      const key = weightKey(layer.name, w.originalName);
      const t = weights.get(key);
      if (!t) {
        if (key.includes("_lora_")) continue;
        throw new Error(`pretrained encoder has no weight ${key} (was it pretrained with other sizes?)`);
      }
      if (t.shape.join("x") !== w.shape.join("x")) throw new Error(`pretrained weight ${key} is [${t.shape}], the model's is [${w.shape}]`);
      w.write(t);
      copied++;
    }
  }
  if (copied === 0) throw new Error(`the model has no "${prefix}_" encoder layers to load weights into`);
  return copied;
}

/** Writes `config.json`, `tokenizer.json` and `encoder.{json,bin}` into `dir`. */
export async function saveLogTextEncoder(encoder: LogTextEncoder, dir: string, pretraining: Record<string, unknown> = {}): Promise<string[]> {
  encoder.tokenizer.save(join(dir, "tokenizer.json"));
  await saveNamedTensors(dir, "encoder", Object.fromEntries(encoder.weights));
  const file: LogTextEncoderFile = { format: "loglab.log-text-encoder", version: 1, encoder: encoder.config, prefix: LOG_TEXT_ENCODER_PREFIX, pretraining };
  writeJsonAtomic(join(dir, "config.json"), file);
  return ["config.json", "tokenizer.json", "encoder.json", "encoder.bin"];
}

/** Reads `config.json` of an encoder folder (errors name the file). */
export function readLogTextEncoderFile(dir: string): LogTextEncoderFile {
  const path = join(dir, "config.json");
  if (!existsSync(path)) throw new Error(`${dir} is not a pretrained encoder folder: config.json is missing (run \`loglab pretrain\`)`);
  let json: Partial<LogTextEncoderFile>;
  try {
    json = JSON.parse(readFileSync(path, "utf8")) as Partial<LogTextEncoderFile>;
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  if (json.format !== "loglab.log-text-encoder" || json.version !== 1 || !json.encoder) throw new Error(`${path}: not a loglab.log-text-encoder v1 file`);
  return json as LogTextEncoderFile;
}

/** Loads an encoder folder written by {@link saveLogTextEncoder} (selects the TF.js backend first). */
export async function loadLogTextEncoder(dir: string): Promise<LogTextEncoder> {
  await selectBackend();
  const file = readLogTextEncoderFile(dir);
  const tokenizer = WordPieceTokenizer.load(join(dir, "tokenizer.json"));
  if (tokenizer.vocabSize !== file.encoder.vocabSize) throw new Error(`${dir}: tokenizer has ${tokenizer.vocabSize} pieces, the encoder ${file.encoder.vocabSize}`);
  const tensors = loadNamedTensors(dir, "encoder");
  return { tokenizer, config: file.encoder, weights: new Map(Object.entries(tensors)) };
}

/** Frees an encoder's weight tensors. */
export function disposeLogTextEncoder(encoder: LogTextEncoder): void {
  for (const t of encoder.weights.values()) t.dispose();
  encoder.weights.clear();
}
