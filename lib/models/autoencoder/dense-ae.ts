import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../runtime/backend.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, FitReport, SessionSet } from "../detector.js";
import { loadSavedModel, readModelMeta, saveModelFolder } from "../nn/saved-model.js";
import { normalSessions } from "../sequence/session-subsets.js";
import { CountVectorizer, distinctRows, type CountVectorizerJson } from "./count-vectors.js";
import { buildDenseAutoencoder, sessionReconstructionErrors, trainAutoencoder, vectorExamples, type AutoencoderTraining } from "./dense-autoencoder.js";

/** Parameters of the dense count-vector autoencoder. */
export interface DenseAeParams extends AutoencoderTraining {
  /** Hidden layer sizes of the encoder (mirrored by the decoder). */
  hidden: number[];
  latentDim: number;
}

export const DENSE_AE_DEFAULTS: DenseAeParams = {
  hidden: [64],
  latentDim: 8,
  epochs: 200,
  batchSize: 64,
  learningRate: 0.003,
  lrSchedule: "plateau",
  lrPatience: 5,
  earlyStoppingPatience: 15,
  maxTrainSeconds: 0,
};

const META = "dense-ae.json";
const FORMAT = "loglab.dense-ae";

/** What {@link DenseAutoencoderDetector.fit} reports. */
export interface DenseAeFitReport extends FitReport {
  sessions: number;
  distinctVectors: number;
  columns: number;
  bestEpoch: number;
  parameters: number;
}

/**
 * A dense autoencoder on event-count vectors (log-scaled, see {@link CountVectorizer}), trained
 * on normal sessions (each distinct vector once, weighted by its count); the anomaly score is
 * the mean squared reconstruction error.
 */
export class DenseAutoencoderDetector implements Detector<SessionSet, DenseAeFitReport> {
  readonly name = "dense-ae";
  readonly supervision = "semi-supervised" as const;
  private model: tf.LayersModel | null = null;
  private vectorizer: CountVectorizer | null = null;

  constructor(
    readonly params: DenseAeParams,
    private readonly rng: Rng,
  ) {}

  async fit(train: SessionSet, validation?: SessionSet): Promise<DenseAeFitReport> {
    await selectBackend(); // wasm unless LOGLAB_BACKEND says otherwise; callers need not select it
    const t0 = performance.now();
    const sequences = normalSessions(train);
    this.dispose();
    const vectorizer = CountVectorizer.fit(sequences);
    const d = distinctRows(vectorizer.transform(sequences));
    const valSeqs = validation ? normalSessions(validation) : [];
    const v = valSeqs.length ? distinctRows(vectorizer.transform(valSeqs)) : null;
    const model = buildDenseAutoencoder(vectorizer.width, this.params.hidden, this.params.latentDim, this.rng.fork("dense-ae-init"));
    const r = await trainAutoencoder(model, vectorExamples(d.rows, d.counts), v ? vectorExamples(v.rows, v.counts) : null, this.params, this.rng.fork("dense-ae-batches"), "train dense AE");
    this.model = model;
    this.vectorizer = vectorizer;
    return {
      seconds: (performance.now() - t0) / 1000,
      history: r.history,
      stoppedBecause: r.stoppedBecause,
      trainedOn: { count: d.rows.length, unit: "count vectors" },
      sessions: sequences.length,
      distinctVectors: d.rows.length,
      columns: vectorizer.width,
      bestEpoch: r.bestEpoch,
      parameters: model.countParams(),
    };
  }

  async score(x: SessionSet): Promise<Float64Array> {
    await selectBackend();
    if (!this.model || !this.vectorizer) throw new Error("dense-ae: not fitted");
    return sessionReconstructionErrors(this.model, this.vectorizer, x.sequences);
  }

  async save(dir: string): Promise<void> {
    if (!this.model || !this.vectorizer) throw new Error("dense-ae: not fitted");
    await saveModelFolder(dir, META, { format: FORMAT, version: 1, params: this.params, vectorizer: this.vectorizer.toJSON() }, { model: this.model });
  }

  static async load(dir: string): Promise<DenseAutoencoderDetector> {
    await selectBackend();
    const meta = readModelMeta<{ format: string; version: number; params: DenseAeParams; vectorizer: CountVectorizerJson }>(dir, META, FORMAT, 1);
    const d = new DenseAutoencoderDetector({ ...DENSE_AE_DEFAULTS, ...meta.params }, new Rng(0));
    d.vectorizer = CountVectorizer.fromJSON(meta.vectorizer);
    d.model = await loadSavedModel(dir, "model");
    return d;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
