import type { HttpFeatureOptions } from "../../features/http-request-tokens.js";
import { HttpRequestFeaturizer } from "../../features/http-request-tokens.js";
import { parseAccessLines } from "../../features/http-requests.js";
import type { WordEmbeddingOptions } from "../../features/word-embeddings.js";
import type { Rejected } from "../../io/rejected.js";
import { rawInputToJson, rawLinesToItems, RAW_INPUT_FILE, type RawInput } from "../../models/raw-input.js";
import { defaultParams, isModelName, modelSpecFromJson } from "../../models/registry.js";
import { LineTokenizer, type LineTokenOptions } from "../../text/line-tokens.js";
import type { DetectionThresholdPolicy } from "../detection/choose-detector-threshold.js";
import type { ExperimentModel } from "../detection/experiment-model.js";
import { saveTrained, trainDetector, type TrainedDetectorResult } from "../detection/train-detector.js";
import { describeEmbeddingSource, tokenKeyVectors, type EmbeddingSource } from "./token-embeddings.js";

/** What `loglab train MODEL --config FILE` trains on: raw lines with a label per line. */
export interface RawLogTrainingOptions {
  model: string;
  /** Model parameters (JSON, checked against the registry). */
  params?: unknown;
  kind: RawInput["kind"];
  /** The raw lines of the training file, in file order, and the file's path (for errors and the card). */
  lines: readonly string[];
  file: string;
  /** Label of each line (1 = anomalous), same length as `lines`; blank lines' labels are ignored. */
  labels: Uint8Array;
  tokens?: Partial<LineTokenOptions>;
  features?: Partial<HttpFeatureOptions>;
  /** text-lines only (default random). */
  embeddings?: EmbeddingSource;
  freezeEmbeddings?: boolean;
  word2vec?: WordEmbeddingOptions;
  seed: number;
  validationFraction?: number;
  threshold?: DetectionThresholdPolicy;
}

/** A model trained on raw lines, ready to save with its raw input. */
export interface RawLogTrained {
  result: TrainedDetectorResult;
  rawInput: RawInput;
  items: number;
  rejected: Rejected[];
  embeddings: { source: string; covered: number; tokens: number; dim: number | null } | null;
}

/**
 * Trains a registered model on raw lines: the raw input (word tokens per line or window, or
 * HTTP request features) is fitted on the first (1 − validationFraction) of the file, every item
 * gets the label of its lines (a window is anomalous when any line is), then {@link trainDetector}
 * splits normal and anomalous items by file order and fits with the runner's rules. For text,
 * the key embedding starts from the chosen vectors (`embeddingDim` becomes their length).
 */
export async function trainOnRawLog(o: RawLogTrainingOptions): Promise<RawLogTrained> {
  if (!isModelName(o.model)) throw new Error(`unknown model "${o.model}"`);
  if (o.labels.length !== o.lines.length) throw new Error(`${o.file}: ${o.labels.length} labels for ${o.lines.length} lines`);
  const vf = o.validationFraction ?? 0.2;
  const cut = Math.round(o.lines.length * (1 - vf));
  const fitLines = o.lines.slice(0, cut).filter((l) => l.trim() !== "");
  let rawInput: RawInput;
  if (o.kind === "http-access") {
    if (o.embeddings && o.embeddings !== "random") throw new Error("embeddings apply to text-lines input, not to http-access");
    rawInput = { kind: "http-access", featurizer: HttpRequestFeaturizer.fit(parseAccessLines(fitLines, o.file).requests, o.features) };
  } else rawInput = { kind: "text-lines", tokenizer: LineTokenizer.fit(fitLines, o.tokens) };
  const items = rawLinesToItems(rawInput, o.lines, o.file);
  if (items.sequences.length === 0) throw new Error(`${o.file}: no line could be used (${items.rejected.length} rejected)`);
  const normal: number[][] = [];
  const abnormal: number[][] = [];
  items.sequences.forEach((s, i) => {
    const [a, b] = items.lines[i]!;
    let y = 0;
    for (let l = a; l <= b; l++) y = Math.max(y, o.labels[l - 1]!);
    (y ? abnormal : normal).push(s);
  });
  let params = (o.params ?? {}) as Record<string, unknown>;
  let embeddings: RawLogTrained["embeddings"] = null;
  let keyVectors;
  if (rawInput.kind === "text-lines") {
    const source = o.embeddings ?? "random";
    const defaults = defaultParams(o.model) as Record<string, unknown>;
    const dim = Number(params.embeddingDim ?? defaults.embeddingDim ?? 32);
    const kv = await tokenKeyVectors(rawInput.tokenizer, fitLines, source, { dim, freeze: o.freezeEmbeddings ?? false, seed: o.seed, word2vec: o.word2vec });
    if (kv.keyVectors) {
      if (!("embeddingDim" in defaults)) throw new Error(`${o.model} has no key embedding: --embeddings ${describeEmbeddingSource(source)} does not apply`);
      if (params.embeddingDim !== undefined && params.embeddingDim !== kv.dim) throw new Error(`embeddingDim ${String(params.embeddingDim)} differs from the vectors' ${kv.dim} dimensions`);
      params = { ...params, embeddingDim: kv.dim };
      keyVectors = kv.keyVectors;
    }
    embeddings = { source: describeEmbeddingSource(source), covered: kv.covered, tokens: kv.tokens, dim: kv.dim };
  }
  const spec = modelSpecFromJson(o.model, params, "config params") as ExperimentModel;
  const result = await trainDetector({ spec, seed: o.seed, normal, abnormal, validationFraction: vf, threshold: o.threshold, files: [o.file], keyVectors });
  return { result, rawInput, items: items.sequences.length, rejected: items.rejected, embeddings };
}

/** Saves a model trained on raw lines: the detector, its card and its raw input (`raw-input.json`). */
export async function saveRawLogTrained(dir: string, t: RawLogTrained): Promise<void> {
  await saveTrained(dir, t.result, { [RAW_INPUT_FILE]: rawInputToJson(t.rawInput) });
}
