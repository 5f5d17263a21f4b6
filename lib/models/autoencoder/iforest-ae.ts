import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { selectBackend } from "../../runtime/backend.js";
import { Rng } from "../../runtime/rng.js";
import { IsolationForest } from "../classic/isolation-forest.js";
import type { Detector, FitReport, SessionSet } from "../detector.js";
import { loadSavedModel, readModelMeta, saveModelFolder } from "../nn/saved-model.js";
import { CountVectorizer, distinctRows, type CountVectorizerJson } from "./count-vectors.js";
import { buildDenseAutoencoder, encodeRows, encoderOf, sessionReconstructionErrors, trainAutoencoder, vectorExamples, type AutoencoderTraining } from "./dense-autoencoder.js";

/** Parameters of the Isolation-Forest + autoencoder hybrids. */
export interface IForestAeParams extends AutoencoderTraining {
  hidden: number[];
  latentDim: number;
  /** Share of the (unlabelled) training sessions the Isolation Forest sets aside as suspected anomalies. */
  filterShare: number;
  nEstimators: number;
  maxSamples: number;
}

export const IFOREST_AE_DEFAULTS: IForestAeParams = {
  hidden: [64],
  latentDim: 8,
  filterShare: 0.1,
  nEstimators: 100,
  maxSamples: 256,
  epochs: 200,
  batchSize: 64,
  learningRate: 0.003,
  lrSchedule: "plateau",
  lrPatience: 5,
  earlyStoppingPatience: 15,
  maxTrainSeconds: 0,
};

const META = "iforest-ae.json";
const FORMAT = "loglab.iforest-ae";

/** What {@link IForestAutoencoder.fit} reports. */
export interface IForestAeFitReport extends FitReport {
  sessions: number;
  /** iforest-2ae: epochs of the feature autoencoder. */
  ae1Epochs?: number;
  /** Sessions the forest kept for the autoencoder, and those it filtered out. */
  keptSessions: number;
  filteredSessions: number;
  /** With labels (reporting only; labels never steer training): anomalies filtered out, and in training. */
  filteredThatWereAnomalies?: number;
  anomaliesInTraining?: number;
  distinctVectors: number;
  bestEpoch: number;
}

/**
 * Isolation Forest + autoencoder(s), after Farzad & Gulliver, "Unsupervised log message anomaly
 * detection", ICT Express 6 (2020): fully unsupervised, so the training sessions may hold
 * anomalies (labels, if any, are ignored).
 * - `iforest-ae`: an Isolation Forest on the count vectors marks the `filterShare` most isolated
 *   training sessions as suspected anomalies; an autoencoder is trained on the rest.
 * - `iforest-2ae`: the paper's design with two autoencoders: the first, trained on all training
 *   sessions, extracts features (its latent code); the Isolation Forest works on those features
 *   to pick the suspected normal sessions; the second autoencoder is trained on them.
 * Anomaly score: the (second) autoencoder's reconstruction error; the threshold is chosen on
 * validation like every other model's.
 */
export class IForestAutoencoder implements Detector<SessionSet, IForestAeFitReport> {
  readonly supervision = "unsupervised" as const;
  private model: tf.LayersModel | null = null;
  private vectorizer: CountVectorizer | null = null;
  private forest: IsolationForest | null = null;

  constructor(
    readonly name: "iforest-ae" | "iforest-2ae",
    readonly params: IForestAeParams,
    private readonly rng: Rng,
  ) {
    if (!(params.filterShare >= 0 && params.filterShare < 1)) throw new Error(`${name}: filterShare must be in [0, 1), got ${params.filterShare}`);
  }

  async fit(train: SessionSet, validation?: SessionSet): Promise<IForestAeFitReport> {
    await selectBackend(); // wasm unless LOGLAB_BACKEND says otherwise; callers need not select it
    const t0 = performance.now();
    this.dispose();
    const sequences = train.sequences; // unsupervised: labels are not used
    const vectorizer = CountVectorizer.fit(sequences);
    const rows = vectorizer.transform(sequences);
    const info: { ae1Epochs?: number; filteredThatWereAnomalies?: number; anomaliesInTraining?: number } = {};
    // Features the forest isolates: the count vectors, or the first autoencoder's latent codes.
    let forestInput: Float64Array[] = rows.map((r) => Float64Array.from(r));
    if (this.name === "iforest-2ae") {
      const d = distinctRows(rows);
      const ae1 = buildDenseAutoencoder(vectorizer.width, this.params.hidden, this.params.latentDim, this.rng.fork("iforest-2ae-ae1"));
      const r1 = await trainAutoencoder(ae1, vectorExamples(d.rows, d.counts), null, { ...this.params, earlyStoppingPatience: 0 }, this.rng.fork("ae1-batches"), `train ${this.name} AE 1`);
      info.ae1Epochs = r1.history.length;
      const encoder = encoderOf(ae1);
      forestInput = encodeRows(encoder, rows);
      ae1.dispose();
    }
    const forest = new IsolationForest({ nEstimators: this.params.nEstimators, maxSamples: this.params.maxSamples }, this.rng.fork("iforest"));
    forest.fit(forestInput);
    const iso = forest.score(forestInput);
    const keep = Math.max(1, Math.round(sequences.length * (1 - this.params.filterShare)));
    const order = Array.from(iso.keys()).sort((a, b) => iso[a]! - iso[b]!);
    const kept = order.slice(0, keep).map((i) => rows[i]!);
    if (train.labels) {
      let caught = 0;
      let anomalies = 0;
      order.slice(keep).forEach((i) => (caught += train.labels![i]!));
      train.labels.forEach((y) => (anomalies += y));
      info.filteredThatWereAnomalies = caught; // for reporting only: labels never steer training
      info.anomaliesInTraining = anomalies;
    }
    const d = distinctRows(kept);
    const v = validation ? distinctRows(vectorizer.transform(validation.sequences.filter((_, i) => !validation.labels || validation.labels[i] === 0))) : null;
    const ae = buildDenseAutoencoder(vectorizer.width, this.params.hidden, this.params.latentDim, this.rng.fork(`${this.name}-ae`));
    const r = await trainAutoencoder(ae, vectorExamples(d.rows, d.counts), v && v.rows.length ? vectorExamples(v.rows, v.counts) : null, this.params, this.rng.fork("ae-batches"), `train ${this.name} AE`);
    this.model = ae;
    this.vectorizer = vectorizer;
    this.forest = forest;
    return {
      seconds: (performance.now() - t0) / 1000,
      history: r.history,
      stoppedBecause: r.stoppedBecause,
      trainedOn: { count: d.rows.length, unit: "count vectors" },
      sessions: sequences.length,
      keptSessions: kept.length,
      filteredSessions: sequences.length - kept.length,
      ...info,
      distinctVectors: d.rows.length,
      bestEpoch: r.bestEpoch,
    };
  }

  async score(x: SessionSet): Promise<Float64Array> {
    await selectBackend();
    if (!this.model || !this.vectorizer) throw new Error(`${this.name}: not fitted`);
    return sessionReconstructionErrors(this.model, this.vectorizer, x.sequences);
  }

  async save(dir: string): Promise<void> {
    if (!this.model || !this.vectorizer) throw new Error(`${this.name}: not fitted`);
    const forest = this.forest;
    await saveModelFolder(dir, META, { format: FORMAT, version: 1, variant: this.name, params: this.params, vectorizer: this.vectorizer.toJSON() }, { model: this.model }, (tmp) => {
      // The forest only chose the training rows; it is kept for inspection, not needed to score.
      if (forest) writeJsonAtomic(join(tmp, "isolation-forest.json"), forest.toJSON());
    });
  }

  static async load(dir: string, expected?: "iforest-ae" | "iforest-2ae"): Promise<IForestAutoencoder> {
    await selectBackend();
    const meta = readModelMeta<{ format: string; version: number; variant: "iforest-ae" | "iforest-2ae"; params: IForestAeParams; vectorizer: CountVectorizerJson }>(dir, META, FORMAT, 1);
    if (expected && meta.variant !== expected) throw new Error(`${dir} holds a ${meta.variant} model, not ${expected}`);
    const d = new IForestAutoencoder(meta.variant, { ...IFOREST_AE_DEFAULTS, ...meta.params }, new Rng(0));
    d.vectorizer = CountVectorizer.fromJSON(meta.vectorizer);
    d.model = await loadSavedModel(dir, "model");
    const forestPath = join(dir, "isolation-forest.json");
    if (existsSync(forestPath)) d.forest = IsolationForest.fromJSON(JSON.parse(readFileSync(forestPath, "utf8")));
    return d;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
