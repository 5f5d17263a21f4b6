import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../runtime/backend.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, FitReport, KeyVectors, SessionSet } from "../detector.js";
import { initialiseKeyEmbedding } from "../nn/initial-key-vectors.js";
import { loadSavedModel, readModelMeta, saveModelFolder } from "../nn/saved-model.js";
import { type TrainingParams, weightedTrainingSchedule } from "../nn/training-params.js";
import { sigmoidCrossEntropyPerExample, trainWeighted } from "../nn/weighted-training.js";
import { buildClassifier, padSideOf, type ClassifierArchitecture, type ClassifierShape } from "./classifier-models.js";
import { sessionClassWeights, classifierExamples, distinctSessionItems, paddedKeys, scoreDistinctSessions } from "./session-batches.js";
import { SequenceVocabulary } from "./sequence-vocabulary.js";

/** Parameters shared by the six supervised session classifiers: the network's sizes (the vocabulary gives its input size), training and inference. */
export interface SessionClassifierParams extends TrainingParams, Omit<ClassifierShape, "inputDim"> {
  /** Longer sessions keep their last `maxLength` keys (also the transformers' positional table size). */
  maxLength: number;
  /** "balanced": weight each class by N / (2·N_class), so the anomalies are not drowned out. */
  classWeight: "balanced" | "none";
  /** Folder for the best-so-far checkpoint (`checkpoint.{json,bin}`); empty: best weights kept in memory only. */
  checkpointDir: string;
  clipNorm: number;
  /** Distinct sessions per inference batch. */
  inferenceBatchSize: number;
  /** At most this many keys per batch (long sessions go in smaller batches; bounds memory). */
  maxBatchKeys: number;
}

export const SESSION_CLASSIFIER_DEFAULTS: SessionClassifierParams = {
  maxLength: 128,
  embeddingDim: 32,
  hiddenUnits: 64,
  filters: 64,
  kernelSize: 3,
  heads: 4,
  blocks: 1,
  ffnDim: 64,
  epochs: 20,
  batchSize: 128,
  learningRate: 0.003,
  lrSchedule: "plateau",
  lrPatience: 2,
  earlyStoppingPatience: 4,
  classWeight: "balanced",
  checkpointDir: "",
  clipNorm: 1,
  maxTrainSeconds: 0,
  inferenceBatchSize: 512,
  maxBatchKeys: 8192,
};

const META = "classifier.json";
const FORMAT = "loglab.session-classifier";

/** What {@link SessionClassifier.fit} reports. */
export interface SessionClassifierFitReport extends FitReport {
  sessions: number;
  distinctSessions: number;
  anomalous: number;
  classWeightNormal: number;
  classWeightAnomalous: number;
  vocabulary: number;
  parameters: number;
  bestEpoch: number;
  sessionsPerSecond: number;
  /** Embedding rows started from given key vectors (0: random start), and whether they were kept fixed. */
  embeddingsInitialised: number;
  embeddingsFrozen: boolean;
}

/**
 * A supervised binary classifier of sessions (LSTM, GRU, BiLSTM with attention, CNN-LSTM,
 * Transformer, CNN-Transformer; see {@link buildClassifier}). Trains on labelled sessions with a
 * weighted loss (distinct sessions weighted by count × class weight), early stopping, a
 * learning-rate schedule and best-epoch checkpointing on the validation loss; `score` is the
 * predicted probability of "anomalous" (each distinct session predicted once).
 */
export class SessionClassifier implements Detector<SessionSet, SessionClassifierFitReport> {
  readonly supervision = "supervised" as const;
  private model: tf.LayersModel | null = null;
  private vocab: SequenceVocabulary | null = null;

  constructor(
    readonly name: ClassifierArchitecture,
    readonly params: SessionClassifierParams,
    private readonly rng: Rng,
    /** Optional start of the key embedding (token-level inputs with word vectors). */
    private readonly keyVectors?: KeyVectors,
  ) {}

  async fit(train: SessionSet, validation?: SessionSet): Promise<SessionClassifierFitReport> {
    await selectBackend(); // wasm unless LOGLAB_BACKEND says otherwise; callers need not select it
    const t0 = performance.now();
    if (!train.labels) throw new Error(`${this.name} is supervised: the training sessions need labels`);
    let pos = 0;
    train.labels.forEach((y) => (pos += y));
    if (pos === 0 || pos === train.labels.length) throw new Error(`${this.name} is supervised: training needs both normal and anomalous sessions (got ${pos} anomalous of ${train.labels.length})`);
    this.dispose();
    const p = this.params;
    const vocab = SequenceVocabulary.fit(train.sequences);
    const side = padSideOf(this.name);
    const items = distinctSessionItems(train.sequences, train.labels, vocab, p.maxLength);
    const weights: [number, number] = p.classWeight === "balanced" ? sessionClassWeights(items) : [1, 1];
    const examples = classifierExamples(items, weights, side, p.maxBatchKeys);
    const valItems = validation?.labels && validation.sequences.length > 0 ? distinctSessionItems(validation.sequences, validation.labels, vocab, p.maxLength) : null;
    const model = buildClassifier(
      this.name,
      { inputDim: vocab.inputDim, embeddingDim: p.embeddingDim, hiddenUnits: p.hiddenUnits, filters: p.filters, kernelSize: p.kernelSize, heads: p.heads, blocks: p.blocks, ffnDim: p.ffnDim, maxLength: p.maxLength },
      this.rng.fork(`${this.name}-init`),
    );
    const embeddingsInitialised = this.keyVectors ? initialiseKeyEmbedding(model, "embedding", vocab.keys, (k) => vocab.inputIndex(k), this.keyVectors) : 0;
    const result = await trainWeighted(model, examples, valItems ? classifierExamples(valItems, weights, side, p.maxBatchKeys) : null, sigmoidCrossEntropyPerExample, {
      ...weightedTrainingSchedule(p, 1e-4),
      checkpointDir: p.checkpointDir || null,
      clipNorm: p.clipNorm,
      // Length-sorted batches are often of one class; normalising by the dataset's mean weight
      // keeps each batch's gradient an unbiased share of the whole weighted loss.
      normalization: "dataset",
      rng: this.rng.fork(`${this.name}-batches`),
      label: `train ${this.name}`,
    });
    this.model = model;
    this.vocab = vocab;
    return {
      seconds: (performance.now() - t0) / 1000,
      history: result.history,
      stoppedBecause: result.stoppedBecause,
      trainedOn: { count: items.inputs.length, unit: "sessions" },
      sessions: train.sequences.length,
      distinctSessions: items.inputs.length,
      anomalous: pos,
      classWeightNormal: weights[0]!,
      classWeightAnomalous: weights[1]!,
      vocabulary: vocab.size,
      parameters: model.countParams(),
      bestEpoch: result.bestEpoch,
      sessionsPerSecond: Math.round(result.examplesPerSecond),
      embeddingsInitialised,
      embeddingsFrozen: this.keyVectors?.freeze ?? false,
    };
  }

  async score(x: SessionSet): Promise<Float64Array> {
    await selectBackend();
    const model = this.requireModel();
    const items = distinctSessionItems(x.sequences, undefined, this.vocab!, this.params.maxLength);
    const side = padSideOf(this.name);
    return scoreDistinctSessions(items, this.params.inferenceBatchSize, this.params.maxBatchKeys * 4, (idx) => {
      const logits = tf.tidy(() => (model.predict(paddedKeys(Array.from(idx, (i) => items.inputs[i]!), side)) as tf.Tensor).dataSync());
      return Float64Array.from(logits, (z) => 1 / (1 + Math.exp(-z)));
    });
  }

  async save(dir: string): Promise<void> {
    const model = this.requireModel();
    await saveModelFolder(dir, META, { format: FORMAT, version: 1, architecture: this.name, params: this.params, vocabulary: this.vocab!.toJSON() }, { model });
  }

  static async load(dir: string, expected?: ClassifierArchitecture): Promise<SessionClassifier> {
    await selectBackend();
    const meta = readModelMeta<{ format: string; version: number; architecture: ClassifierArchitecture; params: SessionClassifierParams; vocabulary: ReturnType<SequenceVocabulary["toJSON"]> }>(dir, META, FORMAT, 1);
    if (expected && meta.architecture !== expected) throw new Error(`${dir} holds a ${meta.architecture} classifier, not ${expected}`);
    const c = new SessionClassifier(meta.architecture, { ...SESSION_CLASSIFIER_DEFAULTS, ...meta.params }, new Rng(0));
    c.vocab = SequenceVocabulary.fromJSON(meta.vocabulary);
    c.model = await loadSavedModel(dir, "model");
    return c;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }

  private requireModel(): tf.LayersModel {
    if (!this.model || !this.vocab) throw new Error(`${this.name}: not fitted (call fit or load first)`);
    return this.model;
  }
}
