import * as tf from "@tensorflow/tfjs";
import { readMessageCorpus, shippedCorpusSources, corpusSourceRows, type CorpusSource } from "../../data/message-corpus.js";
import { selectBackend } from "../../runtime/backend.js";
import type { Profile } from "../../runtime/profile.js";
import { Rng } from "../../runtime/rng.js";
import { WordPieceTokenizer } from "../../text/wordpiece-tokenizer.js";
import { trainWeighted, type WeightedExamples } from "../../models/nn/weighted-training.js";
import type { BertEncoderConfig } from "../../models/bert/bert-config.js";
import { buildBertEncoder } from "../../models/bert/bert-encoder.js";
import { lengthSortedBatches } from "../../models/bert/length-batches.js";
import { applyMlmHead, maskedTokenCrossEntropy } from "../../models/bert/mlm-head.js";
import { selectionTensor } from "../../models/bert/select-positions.js";
import { encoderWeightsOf, LOG_TEXT_ENCODER_PREFIX, type LogTextEncoder } from "../../models/bert/log-text-encoder.js";

/** Settings of {@link pretrainLogTextEncoder} (defaults: {@link PRETRAIN_PROFILES}). */
export interface PretrainConfig {
  /** WordPiece vocabulary size (specials included). */
  vocabSize: number;
  /** Longest token row, [CLS] included. */
  maxLength: number;
  hidden: number;
  layers: number;
  heads: number;
  ffDim: number;
  dropout: number;
  /** Share of a row's tokens masked for the MLM loss (BERT's 15%). */
  maskRatio: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  warmupSteps: number;
  /** Stop after this many seconds of training (0 = no limit; checked after every epoch). */
  maxSeconds: number;
  /**
   * Rows per epoch (0 = all distinct rows): each epoch then draws this many rows at random, so
   * the time budget is checked often enough to be kept on a slow machine.
   */
  rowsPerEpoch: number;
  /** Share of the distinct rows held out for the validation loss. */
  validationShare: number;
  /** Lines read per file of the full datasets under data/full (null = all). */
  maxLinesPerFullFile: number | null;
  /** Include data/full when it exists. */
  includeFull: boolean;
}

/**
 * The two profiles. Smoke is sized to pretrain in under 3 minutes on one wasm thread; full is the
 * reference encoder (`loglab pretrain --profile full`).
 */
export const PRETRAIN_PROFILES: Record<Profile, PretrainConfig> = {
  smoke: { vocabSize: 2000, maxLength: 48, hidden: 64, layers: 2, heads: 4, ffDim: 128, dropout: 0.1, maskRatio: 0.15, epochs: 40, batchSize: 32, learningRate: 2e-3, warmupSteps: 50, maxSeconds: 150, rowsPerEpoch: 512, validationShare: 0.05, maxLinesPerFullFile: 20_000, includeFull: true },
  full: { vocabSize: 4000, maxLength: 64, hidden: 128, layers: 2, heads: 4, ffDim: 256, dropout: 0.1, maskRatio: 0.15, epochs: 40, batchSize: 32, learningRate: 1e-3, warmupSteps: 200, maxSeconds: 0, rowsPerEpoch: 0, validationShare: 0.05, maxLinesPerFullFile: 200_000, includeFull: true },
};

/** One epoch of the loss curve. */
export interface PretrainEpoch {
  epoch: number;
  /** Masked-token cross-entropy on the training rows (fresh masks each epoch). */
  loss: number;
  /** The same on the held-out rows (fixed masks). */
  valLoss: number | null;
  learningRate: number;
  seconds: number;
}

/** What {@link pretrainLogTextEncoder} returns. */
export interface PretrainResult {
  encoder: LogTextEncoder;
  config: PretrainConfig;
  seed: number;
  history: PretrainEpoch[];
  stoppedBecause: string;
  /** Corpus: messages read, distinct token rows, and one row per source file. */
  corpus: { messages: number; distinctRows: number; trainRows: number; validationRows: number; truncatedRows: number; sources: Record<string, string | number>[] };
  /** Seconds: tokenizer training, pretraining, total. */
  seconds: { tokenizer: number; training: number; total: number };
  /** Input files read. */
  inputs: string[];
  backend: string;
}

/** Options of {@link pretrainLogTextEncoder}. */
export interface PretrainOptions {
  profile?: Profile;
  /** Overrides of the profile's settings. */
  config?: Partial<PretrainConfig>;
  seed?: number;
  /** The raw logs to read (default: every shipped log, plus data/full when present). */
  sources?: readonly CorpusSource[];
  /** Label shown with the progress bar. */
  label?: string;
}

/** MLM examples: token rows with masks redrawn on every call of `batch` (train) or fixed (validation). */
function mlmExamples(rows: readonly Int32Array[], vocabSize: number, ratio: number, rng: Rng, fixed: boolean, rowsPerEpoch = 0): WeightedExamples {
  const firstOrdinary = 8; // after the five specials and three parameter placeholders
  const draw = (row: Int32Array, r: Rng): { input: Int32Array; positions: number[]; targets: number[] } => {
    const input = row.slice();
    const positions: number[] = [];
    const targets: number[] = [];
    for (let j = 1; j < row.length; j++) if (r.next() < ratio) positions.push(j);
    if (positions.length === 0 && row.length > 1) positions.push(1 + r.int(row.length - 1));
    for (const j of positions) {
      targets.push(row[j]!);
      // BERT's 80 / 10 / 10: [MASK], a random piece, or the token unchanged (Devlin et al. §3.1).
      const u = r.next();
      if (u < 0.8) input[j] = WordPieceTokenizer.MASK_ID;
      else if (u < 0.9) input[j] = firstOrdinary + r.int(vocabSize - firstOrdinary);
    }
    return { input, positions, targets };
  };
  const frozen = fixed ? rows.map((row, i) => draw(row, rng.fork(`row-${i}`))) : null;
  const lengths = Int32Array.from(rows, (r) => r.length);
  return {
    count: rows.length,
    batch(indices) {
      const drawn = Array.from(indices, (i) => (frozen ? frozen[i]! : draw(rows[i]!, rng)));
      const T = Math.max(...drawn.map((d) => d.input.length));
      const tokens = new Float32Array(indices.length * T);
      drawn.forEach((d, b) => tokens.set(d.input, b * T));
      const P = Math.max(1, ...drawn.map((d) => d.positions.length));
      const y = new Float32Array(indices.length * P * vocabSize);
      drawn.forEach((d, b) => d.targets.forEach((t, p) => (y[(b * P + p) * vocabSize + t] = 1)));
      return {
        x: [tf.tensor2d(tokens, [indices.length, T]), selectionTensor(drawn.map((d) => d.positions), T)],
        y: tf.tensor3d(y, [indices.length, P, vocabSize]),
        w: tf.ones([indices.length]) as tf.Tensor1D,
      };
    },
    batches: (r, size) => {
      if (rowsPerEpoch <= 0 || rowsPerEpoch >= rows.length) return lengthSortedBatches(lengths, size, size * 64, r);
      const pick = r.permutation(rows.length).subarray(0, rowsPerEpoch);
      return lengthSortedBatches(Int32Array.from(pick, (i) => lengths[i]!), size, size * 64, r).map((b) => Int32Array.from(b, (k) => pick[k]!));
    },
  };
}

/**
 * Pretrains a BERT encoder on log text with the masked-language-model objective (Devlin et al.,
 * NAACL 2019, §3.1): reads the message of every line of the raw logs (the shipped LogHub 2k and
 * LogAI samples, and the full datasets under data/full when a user fetched them), learns a
 * WordPiece vocabulary on them, encodes every message as `[CLS] pieces…` with parameters masked
 * (`[NUM]`, `[HEX]`, `[IP]`), and trains on the distinct rows (77,000 shipped lines are ~3,200
 * distinct rows: the HDFS sample would otherwise drown the 2k samples), 15% of the pieces masked
 * afresh every epoch, 5% of the distinct rows held out for a validation loss with fixed masks.
 * Returns the encoder (without the MLM head), its tokenizer and the loss curve.
 *
 * @example
 * const r = await pretrainLogTextEncoder({ profile: "smoke", seed: 42 });
 * await saveLogTextEncoder(r.encoder, modelsPath("bert-log-encoder"));
 */
export async function pretrainLogTextEncoder(options: PretrainOptions = {}): Promise<PretrainResult> {
  const started = performance.now();
  const profile = options.profile ?? "smoke";
  const config: PretrainConfig = { ...PRETRAIN_PROFILES[profile], ...(options.config ?? {}) };
  const seed = options.seed ?? 42;
  const rng = new Rng(seed);
  const backend = (await selectBackend()).choice;
  const sources = options.sources ?? shippedCorpusSources({ includeFull: config.includeFull });
  const corpus = await readMessageCorpus(
    sources.map((s) => s),
    config.maxLinesPerFullFile === null ? {} : { maxLinesPerFile: Math.max(config.maxLinesPerFullFile, 20_000) },
  );
  const t0 = performance.now();
  const tokenizer = WordPieceTokenizer.train(corpus.messages, { vocabSize: config.vocabSize, maxLength: config.maxLength });
  const tokenizerSeconds = (performance.now() - t0) / 1000;
  const seen = new Set<string>();
  const rows: Int32Array[] = [];
  let truncated = 0;
  for (const m of corpus.messages) {
    const ids = tokenizer.pieceIds(m);
    if (ids.length + 1 > config.maxLength) truncated++;
    const row = Int32Array.from([WordPieceTokenizer.CLS_ID, ...ids.slice(0, config.maxLength - 1)]);
    const key = row.join(",");
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(row);
  }
  const order = rng.fork("split").permutation(rows.length);
  const nVal = Math.max(1, Math.round(rows.length * config.validationShare));
  const valRows = Array.from(order.subarray(0, nVal), (i) => rows[i]!);
  const trainRows = Array.from(order.subarray(nVal), (i) => rows[i]!);
  const encoderConfig: BertEncoderConfig = { vocabSize: tokenizer.vocabSize, hidden: config.hidden, layers: config.layers, heads: config.heads, ffDim: config.ffDim, maxLength: config.maxLength, dropout: config.dropout };
  const buildRng = rng.fork("build");
  const history: PretrainEpoch[] = [];
  let stoppedBecause = "";
  let trainSeconds = 0;
  let weights = new Map<string, tf.Tensor>();
  const g = buildBertEncoder(encoderConfig, buildRng, LOG_TEXT_ENCODER_PREFIX);
  const selection = tf.input({ shape: [null, null], name: "selection" });
  const logits = applyMlmHead(g.hidden, selection, config.hidden, tokenizer.vocabSize, buildRng, "mlm");
  const model = tf.model({ inputs: [g.inputs[0]!, selection], outputs: logits, name: "log_text_mlm" });
  try {
    const train = mlmExamples(trainRows, tokenizer.vocabSize, config.maskRatio, rng.fork("train-masks"), false, config.rowsPerEpoch);
    const val = mlmExamples(valRows, tokenizer.vocabSize, config.maskRatio, rng.fork("val-masks"), true);
    const result = await trainWeighted(model, train, val, maskedTokenCrossEntropy, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      schedule: { kind: "cosine", minLearningRate: config.learningRate / 20 },
      earlyStopping: null,
      restoreBest: true,
      maxSeconds: config.maxSeconds,
      warmupSteps: config.warmupSteps,
      clipNorm: 1,
      rng: rng.fork("batches"),
      label: options.label ?? `pretrain (${profile})`,
    });
    stoppedBecause = result.stoppedBecause;
    trainSeconds = result.seconds;
    for (const h of result.history) history.push({ epoch: h.epoch, loss: h.loss, valLoss: h.valLoss ?? null, learningRate: h.learningRate ?? config.learningRate, seconds: h.seconds });
    weights = encoderWeightsOf(model);
  } finally {
    model.dispose();
  }
  return {
    encoder: { tokenizer, config: encoderConfig, weights },
    config,
    seed,
    history,
    stoppedBecause,
    corpus: { messages: corpus.messages.length, distinctRows: rows.length, trainRows: trainRows.length, validationRows: valRows.length, truncatedRows: truncated, sources: corpusSourceRows(corpus) },
    seconds: { tokenizer: tokenizerSeconds, training: trainSeconds, total: (performance.now() - started) / 1000 },
    inputs: sources.map((s) => s.path),
    backend,
  };
}

/** The loss curve as table rows (epoch, train loss, validation loss, learning rate, seconds). */
export function pretrainCurveRows(r: Pick<PretrainResult, "history">): Record<string, number | string>[] {
  return r.history.map((h) => ({ epoch: h.epoch, "train MLM loss": h.loss, "validation MLM loss": h.valLoss ?? "", "learning rate": h.learningRate, seconds: h.seconds }));
}
