import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../runtime/backend.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, FitReport, KeyVectors, SessionSet } from "../detector.js";
import { initialiseKeyEmbedding } from "../nn/initial-key-vectors.js";
import { FastDense } from "../nn/fast-dense.js";
import { FastLstm } from "../nn/fast-lstm.js";
import { KeyEmbedding } from "../nn/key-embedding.js";
import { RepeatToLength } from "../nn/repeat-to-length.js";
import { loadSavedModel, readModelMeta, saveModelFolder } from "../nn/saved-model.js";
import { type TrainingParams, weightedTrainingSchedule } from "../nn/training-params.js";
import { softmaxCrossEntropyPerExample, trainWeighted, type WeightedExamples } from "../nn/weighted-training.js";
import { distinctSessionItems, lengthBatches, paddedKeys, scoreDistinctSessions, type DistinctSessions } from "../sequence/session-batches.js";
import { normalSessions } from "../sequence/session-subsets.js";
import { SequenceVocabulary } from "../sequence/sequence-vocabulary.js";

/** Parameters of the LSTM autoencoder. */
export interface LstmAeParams extends TrainingParams {
  maxLength: number;
  embeddingDim: number;
  /** Encoder and decoder LSTM units (the latent code is the encoder's last state). */
  hiddenUnits: number;
  inferenceBatchSize: number;
  /** At most this many keys per batch (bounds memory). */
  maxBatchKeys: number;
}

export const LSTM_AE_DEFAULTS: LstmAeParams = {
  maxLength: 128,
  embeddingDim: 16,
  hiddenUnits: 32,
  epochs: 30,
  batchSize: 64,
  learningRate: 0.005,
  lrSchedule: "plateau",
  lrPatience: 2,
  earlyStoppingPatience: 4,
  maxTrainSeconds: 0,
  inferenceBatchSize: 512,
  maxBatchKeys: 8192,
};

const META = "lstm-ae.json";
const FORMAT = "loglab.lstm-ae";

/** Per-session mean cross-entropy of logits [B, T, C] against one-hot targets [B, T, C]. */
function sequenceCrossEntropy(yTrue: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const [B, T, C] = logits.shape as [number, number, number];
    const ce = softmaxCrossEntropyPerExample(tf.reshape(yTrue, [B * T, C]), tf.reshape(logits, [B * T, C]));
    return tf.mean(tf.reshape(ce, [B, T]), 1) as tf.Tensor1D;
  });
}

function reconstructionExamples(d: DistinctSessions, classes: number, maxBatchKeys: number): WeightedExamples {
  return {
    count: d.inputs.length,
    batch(indices) {
      const rows = Array.from(indices, (i) => d.inputs[i]!);
      const x = paddedKeys(rows, "left"); // exact-length batches: no padding in practice
      const y = tf.tidy(() => tf.cast(tf.oneHot(tf.cast(x, "int32"), classes), "float32"));
      return { x, y, w: tf.tensor1d(Array.from(indices, (i) => d.counts[i]!)) };
    },
    batches(rng, batchSize) {
      return lengthBatches(d.inputs, batchSize, rng, maxBatchKeys);
    },
  };
}

/** What {@link LstmAutoencoder.fit} reports. */
export interface LstmAeFitReport extends FitReport {
  sessions: number;
  distinctSessions: number;
  vocabulary: number;
  bestEpoch: number;
  parameters: number;
  sessionsPerSecond: number;
  /** Embedding rows started from given key vectors (0: random start), and whether they were kept fixed. */
  embeddingsInitialised: number;
  embeddingsFrozen: boolean;
}

/**
 * An LSTM autoencoder on key sequences (Malhotra et al., "LSTM-based Encoder-Decoder for
 * Multi-sensor Anomaly Detection", 2016, on log keys): embedding → encoder LSTM whose last state
 * is the code → the code repeated over the sequence's length → decoder LSTM → softmax over keys
 * at every step. Trained on normal sessions (each distinct session once, weighted by its count);
 * the score is the mean per-step cross-entropy of reconstructing the session (a key never seen in
 * training cannot be reconstructed).
 */
export class LstmAutoencoder implements Detector<SessionSet, LstmAeFitReport> {
  readonly name = "lstm-ae";
  readonly supervision = "semi-supervised" as const;
  private model: tf.LayersModel | null = null;
  private vocab: SequenceVocabulary | null = null;

  constructor(
    readonly params: LstmAeParams,
    private readonly rng: Rng,
    /** Optional start of the key embedding (token-level inputs with word vectors). */
    private readonly keyVectors?: KeyVectors,
  ) {}

  private build(vocab: SequenceVocabulary): tf.LayersModel {
    const rng = this.rng.fork("lstm-ae-init");
    const p = this.params;
    const keys = tf.input({ shape: [null], name: "keys" });
    const emb = new KeyEmbedding({ inputDim: vocab.inputDim, outputDim: p.embeddingDim, seed: rng.seedInt(), name: "embedding" }).apply(keys) as tf.SymbolicTensor;
    const code = new FastLstm({ units: p.hiddenUnits, seed: rng.seedInt(), name: "encoder" }).apply(emb) as tf.SymbolicTensor;
    const repeated = new RepeatToLength({ name: "repeat" }).apply([code, keys]) as tf.SymbolicTensor;
    const dec = new FastLstm({ units: p.hiddenUnits, returnSequences: true, seed: rng.seedInt(), name: "decoder" }).apply(repeated) as tf.SymbolicTensor;
    const logits = new FastDense({ units: vocab.inputDim, seed: rng.seedInt(), name: "key_logits" }).apply(dec) as tf.SymbolicTensor;
    return tf.model({ inputs: keys, outputs: logits, name: "lstm_autoencoder" });
  }

  async fit(train: SessionSet, validation?: SessionSet): Promise<LstmAeFitReport> {
    await selectBackend(); // wasm unless LOGLAB_BACKEND says otherwise; callers need not select it
    const t0 = performance.now();
    const sequences = normalSessions(train);
    this.dispose();
    const vocab = SequenceVocabulary.fit(sequences);
    const items = distinctSessionItems(sequences, undefined, vocab, this.params.maxLength);
    const valSeqs = validation ? normalSessions(validation) : [];
    const valItems = valSeqs.length ? distinctSessionItems(valSeqs, undefined, vocab, this.params.maxLength) : null;
    const model = this.build(vocab);
    const embeddingsInitialised = this.keyVectors ? initialiseKeyEmbedding(model, "embedding", vocab.keys, (k) => vocab.inputIndex(k), this.keyVectors) : 0;
    const p = this.params;
    const r = await trainWeighted(model, reconstructionExamples(items, vocab.inputDim, p.maxBatchKeys), valItems ? reconstructionExamples(valItems, vocab.inputDim, p.maxBatchKeys) : null, sequenceCrossEntropy, {
      ...weightedTrainingSchedule(p, 1e-4),
      clipNorm: 1,
      normalization: "dataset",
      rng: this.rng.fork("lstm-ae-batches"),
      label: "train LSTM AE",
    });
    this.model = model;
    this.vocab = vocab;
    return {
      seconds: (performance.now() - t0) / 1000,
      history: r.history,
      stoppedBecause: r.stoppedBecause,
      trainedOn: { count: items.inputs.length, unit: "sessions" },
      sessions: sequences.length,
      distinctSessions: items.inputs.length,
      vocabulary: vocab.size,
      bestEpoch: r.bestEpoch,
      parameters: model.countParams(),
      sessionsPerSecond: Math.round(r.examplesPerSecond),
      embeddingsInitialised,
      embeddingsFrozen: this.keyVectors?.freeze ?? false,
    };
  }

  async score(x: SessionSet): Promise<Float64Array> {
    await selectBackend();
    if (!this.model || !this.vocab) throw new Error("lstm-ae: not fitted");
    const model = this.model;
    const items = distinctSessionItems(x.sequences, undefined, this.vocab, this.params.maxLength);
    const ex = reconstructionExamples(items, this.vocab.inputDim, this.params.maxBatchKeys);
    return scoreDistinctSessions(items, this.params.inferenceBatchSize, this.params.maxBatchKeys, (idx) =>
      tf.tidy(() => {
        const b = ex.batch(idx);
        return sequenceCrossEntropy(b.y, model.predict(b.x) as tf.Tensor).dataSync();
      }),
    );
  }

  async save(dir: string): Promise<void> {
    if (!this.model || !this.vocab) throw new Error("lstm-ae: not fitted");
    await saveModelFolder(dir, META, { format: FORMAT, version: 1, params: this.params, vocabulary: this.vocab.toJSON() }, { model: this.model });
  }

  static async load(dir: string): Promise<LstmAutoencoder> {
    await selectBackend();
    const meta = readModelMeta<{ format: string; version: number; params: LstmAeParams; vocabulary: ReturnType<SequenceVocabulary["toJSON"]> }>(dir, META, FORMAT, 1);
    const d = new LstmAutoencoder({ ...LSTM_AE_DEFAULTS, ...meta.params }, new Rng(0));
    d.vocab = SequenceVocabulary.fromJSON(meta.vocabulary);
    d.model = await loadSavedModel(dir, "model");
    return d;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
