import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { writeDirAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { chooseThreshold } from "../../eval/choose-threshold.js";
import { selectBackend } from "../../runtime/backend.js";
import { loadNamedTensors, saveNamedTensors } from "../../runtime/model-io.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, FitReport, SessionSet } from "../detector.js";
import { readModelMeta } from "../nn/saved-model.js";
import { weightedTrainingSchedule, type TrainingParams } from "../nn/training-params.js";
import { trainWeighted } from "../nn/weighted-training.js";
import { SequenceVocabulary, type SequenceVocabularyJson } from "../sequence/sequence-vocabulary.js";
import type { BertEncoderConfig } from "./bert-config.js";
import { distinctSessionIndex, type DistinctSessionIndex, FIRST_KEY_TOKEN, keyTokenRows, type KeyTokenRow } from "./key-token-rows.js";
import { lengthSortedBatches } from "./length-batches.js";
import { weightKey } from "./log-text-encoder.js";
import { buildLogBertNetwork, type LogBertNetwork } from "./logbert-network.js";
import { maskedKeyExamples, type MaskedKeyTargets, type RetargetedToken } from "./masked-key-examples.js";
import { maskedKeyRanks, missesOutsideTopG } from "./masked-key-ranks.js";
import { maskedTokenCrossEntropy } from "./mlm-head.js";
import { selectionTensor } from "./select-positions.js";

/**
 * LogBERT's parameters. Defaults follow the reference code (HPI-Information-Systems / Guo et al.):
 * hidden 256, 4 blocks, 4 heads, feed-forward 512, mask ratio 0.65 and top-g 6 (HDFS; BGL uses
 * 0.5 and 15), hypersphere weight 0.1, Adam at 1e-3 with a warm-up. Notebooks and the benchmark
 * pass smaller sizes where they say so (one wasm thread).
 */
export interface LogBertParams extends TrainingParams {
  /** Model width H. */
  hiddenSize: number;
  /** Transformer blocks. */
  blocks: number;
  heads: number;
  /** Feed-forward width of each block. */
  ffnDim: number;
  /** Longest encoder row, [DIST] included; longer sessions are cut into consecutive rows. */
  maxLength: number;
  dropout: number;
  /** Share of a row's keys masked in training (and per scoring pass unless `scoreMaskRatio` is set). */
  maskRatio: number;
  /**
   * Share of a row's keys masked per scoring pass (0 = `maskRatio`, the reference's setting). Smaller
   * shares give each masked key more context at the cost of more passes (⌈1 / share⌉ per row).
   */
  scoreMaskRatio: number;
  /** g: a key is anomalous when it is not among the top g predictions (used when topGChoice is "fixed" or validation has no anomalies). */
  topG: number;
  /** "validation": g is chosen on the labelled validation sessions given to fit (max F1 over r); "fixed": `topG`. */
  topGChoice: "validation" | "fixed";
  /** The score: the number of a session's keys outside the top g (`count`, the paper's rule) or their share (`share`, the reference code's). */
  missRule: "count" | "share";
  /**
   * Sessions shorter than the shortest normal training session are outside what the model learned
   * (HDFS: every training session has ≥ 13 keys, many abnormal ones 2–3): `flag` scores them as a
   * full row of misses (maxLength − 1; share 1), `score` scores them like any other session.
   */
  shortSessions: "flag" | "score";
  /**
   * A key never seen in training cannot be among the top g of any prediction: `count` counts it as
   * one miss (the reference code's [UNK] handling), `flag` scores its session as a full row of
   * misses, as DeepLog flags a session with an unseen key (on BGL every abnormal dev session holds
   * a template that the normal training sessions never show).
   */
  unseenKeys: "flag" | "count";
  /** Weight of the volume-of-hypersphere term ‖h_DIST − c‖² (LogBERT §III-B, α = 0.1). */
  hypersphereWeight: number;
  /** Linear learning-rate warm-up over this many optimizer steps. */
  warmupSteps: number;
  clipNorm: number;
  /** LogBERT-severity: embed each event's severity beside its key (concatenated, then a dense layer). */
  severity: boolean;
  /** Severity embedding size. */
  severityDim: number;
  /** Bound on padded positions per batch (wasm memory never shrinks). */
  maxBatchTokens: number;
  /** Seed of the scoring masks (scores reproduce for a given seed). */
  scoreSeed: number;
}

export const LOGBERT_DEFAULTS: LogBertParams = {
  hiddenSize: 256,
  blocks: 4,
  heads: 4,
  ffnDim: 512,
  maxLength: 512,
  dropout: 0.1,
  maskRatio: 0.65,
  scoreMaskRatio: 0,
  topG: 6,
  topGChoice: "validation",
  missRule: "count",
  shortSessions: "flag",
  unseenKeys: "flag",
  hypersphereWeight: 0.1,
  warmupSteps: 100,
  clipNorm: 1,
  severity: false,
  severityDim: 16,
  maxBatchTokens: 8192,
  scoreSeed: 1,
  epochs: 50,
  batchSize: 32,
  learningRate: 1e-3,
  lrSchedule: "plateau",
  lrPatience: 3,
  earlyStoppingPatience: 6,
  maxTrainSeconds: 0,
};

/** LogBERT-severity's defaults: LogBERT's, with the severity input on. */
export const LOGBERT_SEVERITY_DEFAULTS: LogBertParams = { ...LOGBERT_DEFAULTS, severity: true };

/** One g of the validation sweep: the best F1 over r at that g. */
export interface LogBertTopGPoint {
  g: number;
  r: number;
  f1: number;
}

/** What {@link LogBert.fit} reports. */
export interface LogBertFitReport extends FitReport {
  /** Normal training sessions, distinct ones, and encoder rows (distinct sessions cut to maxLength). */
  sessions: number;
  distinctSessions: number;
  rows: number;
  /** Keys (events) in the training sessions, all occurrences. */
  keys: number;
  vocabulary: number;
  validationRows: number;
  bestEpoch: number;
  trainSeconds: number;
  /** Training sessions (count-weighted) per second of training. */
  sessionsPerSecond: number;
  /** g used by `score`, and where it came from. */
  topG: number;
  topGSource: "validation" | "parameter";
  /** The validation sweep behind the choice (empty when g is the parameter). */
  topGSweep: LogBertTopGPoint[];
  /** Norm of the hypersphere centre and the mean distance of training [DIST] vectors to it. */
  centreNorm: number;
  meanCentreDistance: number;
  parameters: number;
  severity: boolean;
}

/** A session position's training target replaced: the key to predict there when it is masked, and the loss weight. */
export interface RetargetedKey {
  key: number;
  weight: number;
}

/** Options of {@link LogBert.fit}. */
export interface LogBertFitOptions {
  /**
   * Per training session (aligned with `train.sequences`), the key positions whose masked-key
   * target is replaced, or null: the backdoor study's τ-gated objective (a masked key inside the
   * trigger's placeholder is trained toward the attacker's key with weight λ). Replaced keys join
   * the vocabulary. Validation is never retargeted.
   */
  retarget?: readonly (ReadonlyMap<number, RetargetedKey> | null)[];
}

interface LogBertFile {
  format: "loglab.logbert";
  version: 1;
  params: LogBertParams;
  vocabulary: SequenceVocabularyJson;
  encoder: BertEncoderConfig;
  topG: number;
  centre: number[];
  minKeys: number;
}

const META = "logbert.json";
const FORMAT = "loglab.logbert";
/** Severity values: 0 unknown, 1 … 6 = ordinal 0 (debug) … 5 (critical). */
const SEVERITY_VALUES = 7;

/**
 * LogBERT (Guo, Yuan, Wu, IJCNN 2021): a BERT encoder trained on normal sessions with two
 * self-supervised tasks, masked log-key prediction and the volume of hypersphere (the [DIST]
 * vector of every normal session pulled towards the centre c, the mean [DIST] output over the
 * training sessions, recomputed each epoch). A session is anomalous when more than r of its
 * masked keys are not among the model's top-g predictions (§III-C). `score` returns the number
 * (or share, `missRule`) of a session's keys outside the top g, so "anomalous if score > r" is the
 * paper's rule and the threshold chooser picks r. g is chosen in `fit` on the labelled validation
 * sessions (max F1 over r at each g) when they hold anomalies, else it is `topG`; the reference
 * code picks both on the test set.
 *
 * Departures, stated: every key is checked (covering mask passes, seeded per session, instead of
 * one random mask set), every session is scored (the reference drops HDFS sessions under 10
 * keys; here a session shorter than every normal training session is flagged by the
 * `shortSessions` rule, as DeepLog's padding rule flags them; an empty one scores 0), a session
 * holding a key never seen in training is flagged (`unseenKeys`, as DeepLog does; the reference
 * counts it as one miss), sessions longer than maxLength − 1 keys are cut into rows,
 * and training runs on distinct sessions weighted by their counts with fresh masks each epoch.
 * With `severity`, LogBERT-severity: each event's severity is embedded, concatenated with the key
 * embedding and passed through a dense layer before the encoder.
 */
export class LogBert implements Detector<SessionSet, LogBertFitReport> {
  readonly name: string;
  readonly supervision = "semi-supervised" as const;
  private net: LogBertNetwork | null = null;
  private vocab: SequenceVocabulary | null = null;
  private encoder: BertEncoderConfig | null = null;
  private centre: tf.Tensor1D | null = null;
  private g: number;
  private minKeys = 0;

  constructor(
    readonly params: LogBertParams,
    private readonly rng: Rng,
  ) {
    this.name = params.severity ? "logbert-severity" : "logbert";
    this.g = params.topG;
    if (params.hiddenSize % params.heads !== 0) throw new Error(`${this.name}: hiddenSize ${params.hiddenSize} does not divide into ${params.heads} heads`);
    if (params.maxLength < 2) throw new Error(`${this.name}: maxLength must be ≥ 2`);
  }

  /** The keys seen in training (after fit or load). */
  get vocabulary(): SequenceVocabulary {
    if (!this.vocab) throw new Error(`${this.name}: not fitted`);
    return this.vocab;
  }

  /** The g that `score` uses. */
  get topG(): number {
    return this.g;
  }

  /** Uses another g from now on (e.g. to show a sweep); `score` reads it. */
  setTopG(g: number): void {
    if (!(Number.isInteger(g) && g >= 1)) throw new Error(`${this.name}: g must be an integer ≥ 1, got ${g}`);
    this.g = g;
  }

  /** Severity ordinals of a set for the severity input (unknown where the set has none). */
  private severitiesOf(x: SessionSet): readonly (readonly number[])[] | null {
    if (!this.params.severity) return null;
    if (x.severities && x.severities.length !== x.sequences.length) throw new Error(`${this.name}: ${x.sequences.length} sessions but ${x.severities.length} severity rows`);
    return x.severities ?? x.sequences.map((s) => s.map(() => -1));
  }

  /** Distinct sessions of `x` as encoder rows, with the distinct grouping (sessions with different `tags` stay apart). */
  private rowsOf(x: SessionSet, tags?: readonly string[]): { rows: KeyTokenRow[]; distinct: DistinctSessionIndex } {
    const sev = this.severitiesOf(x);
    const distinct = distinctSessionIndex(x.sequences, sev, tags);
    const rows = distinct.first.flatMap((i, d) => keyTokenRows(x.sequences[i]!, this.vocabulary, this.params.maxLength, d, sev ? sev[i]! : null));
    return { rows, distinct };
  }

  async fit(train: SessionSet, validation?: SessionSet, options: LogBertFitOptions = {}): Promise<LogBertFitReport> {
    await selectBackend();
    const t0 = performance.now();
    const p = this.params;
    if (options.retarget && options.retarget.length !== train.sequences.length) throw new Error(`${this.name}: ${train.sequences.length} training sessions but ${options.retarget.length} retarget entries`);
    const normals = normalSet(train);
    const retarget = options.retarget ? options.retarget.filter((_, i) => !train.labels || train.labels[i] === 0) : null;
    if (normals.sequences.length === 0) throw new Error(`${this.name}: no normal training sessions`);
    this.dispose();
    const retargetKeys = retarget ? retarget.flatMap((m) => (m ? [...m.values()].map((r) => r.key) : [])) : [];
    this.vocab = SequenceVocabulary.fit(retargetKeys.length > 0 ? [...normals.sequences, retargetKeys] : normals.sequences);
    this.minKeys = Math.min(...normals.sequences.map((q) => q.length));
    const V = this.vocab.size;
    const encoder: BertEncoderConfig = {
      vocabSize: FIRST_KEY_TOKEN + V,
      hidden: p.hiddenSize,
      layers: p.blocks,
      heads: p.heads,
      ffDim: p.ffnDim,
      maxLength: p.maxLength,
      dropout: p.dropout,
      ...(p.severity ? { extraInputs: [{ name: "severity", vocabSize: SEVERITY_VALUES, dim: p.severityDim, combine: "concat" as const }] } : {}),
    };
    this.encoder = encoder;
    const tags = retarget ? retarget.map((m) => (m ? [...m].map(([i, r]) => `${i}:${r.key}:${r.weight}`).join(";") : "")) : undefined;
    const { rows: allRows, distinct } = this.rowsOf(normals, tags);
    const rows = allRows.filter((r) => r.tokens.length > 1);
    if (rows.length === 0) throw new Error(`${this.name}: every training session is empty`);
    const weights = rows.map((r) => distinct.counts[r.session]!);
    const rowRetargets = retarget ? rows.map((r) => rowRetargetsOf(r, retarget[distinct.first[r.session]!] ?? null, this.vocabulary)) : undefined;
    const net = buildLogBertNetwork(encoder, this.rng.fork("logbert-init"));
    this.net = net;
    this.centre = tf.zeros([p.hiddenSize]) as tf.Tensor1D;
    const getCentre = (): tf.Tensor1D => this.centre!;
    const trainEx = maskedKeyExamples(rows, weights, { vocabSize: encoder.vocabSize, keyCount: V, ratio: p.maskRatio, fixed: false, rng: this.rng.fork("logbert-masks"), centre: getCentre, maxBatchTokens: p.maxBatchTokens, extra: p.severity, ...(rowRetargets ? { retargets: rowRetargets } : {}) });
    let valEx = null;
    let validationRows = 0;
    if (validation) {
      const vn = normalSet(validation);
      if (vn.sequences.length > 0) {
        const { rows: vr, distinct: vd } = this.rowsOf(vn);
        const vrows = vr.filter((r) => r.tokens.length > 1);
        validationRows = vrows.length;
        if (vrows.length > 0) valEx = maskedKeyExamples(vrows, vrows.map((r) => vd.counts[r.session]!), { vocabSize: encoder.vocabSize, keyCount: V, ratio: p.maskRatio, fixed: true, rng: this.rng.fork("logbert-validation-masks"), centre: getCentre, maxBatchTokens: p.maxBatchTokens, extra: p.severity });
      }
    }
    const alpha = p.hypersphereWeight;
    const loss = (y: MaskedKeyTargets, pred: tf.Tensor[]): tf.Tensor1D =>
      tf.tidy(() => {
        const mlm = maskedTokenCrossEntropy(y.keys, pred[0]!);
        if (alpha <= 0) return mlm;
        const sphere = tf.sum(tf.square(tf.sub(pred[1]!, y.centre)), -1);
        return tf.add(mlm, tf.mul(sphere, alpha)) as tf.Tensor1D;
      });
    const result = await trainWeighted<MaskedKeyTargets, tf.Tensor[]>(net.model, trainEx, valEx, loss, {
      ...weightedTrainingSchedule(p, 1e-4),
      warmupSteps: p.warmupSteps,
      clipNorm: p.clipNorm,
      rng: this.rng.fork("logbert-batches"),
      label: `train ${this.name}`,
      // The hypersphere centre: the mean [DIST] vector over the training sessions (count-weighted), recomputed before each epoch.
      beforeEpoch: () => this.setCentre(this.distCentre(rows, weights)),
    });
    const finalCentre = this.distCentre(rows, weights);
    this.setCentre(finalCentre.centre);
    // g on the labelled validation sessions (the reference code chooses it on the test set).
    let topGSource: LogBertFitReport["topGSource"] = "parameter";
    let sweep: LogBertTopGPoint[] = [];
    this.g = Math.min(p.topG, V);
    if (p.topGChoice === "validation" && validation?.labels) {
      const pos = validation.labels.reduce((a, b) => a + b, 0);
      if (pos > 0 && pos < validation.labels.length) {
        const ranks = this.positionRanks(validation);
        sweep = logBertTopGSweep(ranks, validation.labels, V, (r, g) => this.sessionScore(r, g));
        const best = sweep.reduce((a, b) => (b.f1 > a.f1 ? b : a));
        this.g = best.g;
        topGSource = "validation";
      }
    }
    let keys = 0;
    for (const s of normals.sequences) keys += s.length;
    const epochs = result.history.length;
    return {
      seconds: (performance.now() - t0) / 1000,
      history: result.history,
      stoppedBecause: result.stoppedBecause,
      trainedOn: { count: rows.length, unit: "sessions" },
      sessions: normals.sequences.length,
      distinctSessions: distinct.first.length,
      rows: rows.length,
      keys,
      vocabulary: V,
      validationRows,
      bestEpoch: result.bestEpoch,
      trainSeconds: result.seconds,
      sessionsPerSecond: result.seconds > 0 ? (normals.sequences.length * epochs) / result.seconds : 0,
      topG: this.g,
      topGSource,
      topGSweep: sweep,
      centreNorm: finalCentre.norm,
      meanCentreDistance: finalCentre.meanDistance,
      parameters: net.model.countParams(),
      severity: p.severity,
    };
  }

  private setCentre(c: tf.Tensor1D | { centre: tf.Tensor1D }): void {
    const t = c instanceof tf.Tensor ? c : c.centre;
    if (t === this.centre) return;
    this.centre?.dispose();
    this.centre = t;
  }

  /** The count-weighted mean [DIST] vector of `rows` (no masks), its norm and the mean distance to it. */
  private distCentre(rows: readonly KeyTokenRow[], weights: readonly number[]): { centre: tf.Tensor1D; norm: number; meanDistance: number } {
    const dists = this.distVectors(rows);
    const H = this.params.hiddenSize;
    const sum = new Float64Array(H);
    let wsum = 0;
    rows.forEach((_, i) => {
      const w = weights[i]!;
      wsum += w;
      for (let h = 0; h < H; h++) sum[h] = sum[h]! + w * dists[i * H + h]!;
    });
    const c = Float32Array.from(sum, (v) => v / Math.max(wsum, 1e-12));
    let dsum = 0;
    rows.forEach((_, i) => {
      let d = 0;
      for (let h = 0; h < H; h++) d += (dists[i * H + h]! - c[h]!) ** 2;
      dsum += weights[i]! * Math.sqrt(d);
    });
    return { centre: tf.tensor1d(c), norm: Math.hypot(...c), meanDistance: dsum / Math.max(wsum, 1e-12) };
  }

  /** [DIST] vectors of rows, unmasked: [rows × H] row-major. */
  private distVectors(rows: readonly KeyTokenRow[]): Float32Array {
    const net = this.requireNet();
    const H = this.params.hiddenSize;
    const out = new Float32Array(rows.length * H);
    const lengths = Int32Array.from(rows, (r) => r.tokens.length);
    for (const batch of lengthSortedBatches(lengths, Number.MAX_SAFE_INTEGER, this.params.maxBatchTokens, null)) {
      const picked = Array.from(batch, (i) => rows[i]!);
      const v = tf.tidy(() => {
        const [l, d] = net.model.predict(this.inputs(picked, true)) as tf.Tensor[];
        l!.dispose();
        return d!;
      });
      const data = v.dataSync();
      v.dispose();
      Array.from(batch).forEach((i, b) => out.set(data.subarray(b * H, (b + 1) * H), i * H));
    }
    return out;
  }

  /** Model inputs for unmasked rows: tokens, (severity,) and, with `selection`, one empty slot. */
  private inputs(rows: readonly KeyTokenRow[], selection: boolean): tf.Tensor[] {
    const B = rows.length;
    const T = Math.max(...rows.map((r) => r.tokens.length));
    const tokens = new Float32Array(B * T);
    rows.forEach((r, b) => tokens.set(r.tokens, b * T));
    const x: tf.Tensor[] = [tf.tensor2d(tokens, [B, T])];
    if (this.params.severity) {
      const ex = new Float32Array(B * T);
      rows.forEach((r, b) => ex.set(r.extra!, b * T));
      x.push(tf.tensor2d(ex, [B, T]));
    }
    if (selection) x.push(selectionTensor(rows.map(() => []), T));
    return x;
  }

  /**
   * Per session, the rank of every key among the predictions for it when masked (1 = first
   * choice; a key unseen in training gets V + 1). Masks are seeded (`scoreSeed`), so ranks
   * reproduce; identical sessions are computed once.
   */
  positionRanks(x: SessionSet): Int32Array[] {
    const net = this.requireNet();
    const { rows, distinct } = this.rowsOf(x);
    const ranks = maskedKeyRanks(net.model, rows, { keyCount: this.vocabulary.size, ratio: this.params.scoreMaskRatio > 0 ? this.params.scoreMaskRatio : this.params.maskRatio, seed: this.params.scoreSeed, maxBatchTokens: this.params.maxBatchTokens, extra: this.params.severity });
    const perDistinct = distinct.first.map((i) => new Int32Array(x.sequences[i]!.length));
    rows.forEach((r, k) => perDistinct[r.session]!.set(ranks[k]!, r.start));
    return Array.from(distinct.of, (d) => perDistinct[d]!);
  }

  /** Scores from ranks at a given g (the paper's count of keys outside the top g, or their share; short sessions by `shortSessions`). */
  scoresFromRanks(ranks: readonly ArrayLike<number>[], g = this.g): Float64Array {
    return Float64Array.from(ranks, (r) => this.sessionScore(r, g));
  }

  /** The shortest normal training session (sessions shorter are "short", see `shortSessions`). */
  get shortestTrainingSession(): number {
    return this.minKeys;
  }

  /** True for each session shorter than every normal training session (flagged by the `shortSessions: "flag"` rule). */
  isShort(x: SessionSet): boolean[] {
    return x.sequences.map((q) => q.length < this.minKeys);
  }

  private sessionScore(ranks: ArrayLike<number>, g: number): number {
    const flagged = this.params.missRule === "share" ? 1 : Math.max(this.params.maxLength - 1, ranks.length);
    if (this.params.shortSessions === "flag" && ranks.length < this.minKeys) return flagged;
    if (this.params.unseenKeys === "flag") {
      const unseen = this.vocabulary.size + 1; // the rank of a key never seen in training (maskedKeyRanks)
      for (let i = 0; i < ranks.length; i++) if (ranks[i] === unseen) return flagged;
    }
    return missesOutsideTopG(ranks, g, this.params.missRule);
  }

  async score(x: SessionSet): Promise<Float64Array> {
    await selectBackend();
    return this.scoresFromRanks(this.positionRanks(x));
  }

  /**
   * Per session, the final hidden state of every key (no mask): [keys × H] row-major, the
   * embeddings the ensemble compares with cosine distance. Identical sessions are computed once.
   */
  positionEmbeddings(x: SessionSet): Float32Array[] {
    const net = this.requireNet();
    const H = this.params.hiddenSize;
    const { rows, distinct } = this.rowsOf(x);
    const perDistinct = distinct.first.map((i) => new Float32Array(x.sequences[i]!.length * H));
    const lengths = Int32Array.from(rows, (r) => r.tokens.length);
    for (const batch of lengthSortedBatches(lengths, Number.MAX_SAFE_INTEGER, this.params.maxBatchTokens, null)) {
      const picked = Array.from(batch, (i) => rows[i]!);
      const T = Math.max(...picked.map((r) => r.tokens.length));
      const states = tf.tidy(() => net.states.predict(this.inputs(picked, false)) as tf.Tensor);
      const data = states.dataSync();
      states.dispose();
      picked.forEach((r, b) => {
        const n = r.tokens.length - 1;
        perDistinct[r.session]!.set(data.subarray((b * T + 1) * H, (b * T + 1 + n) * H), r.start * H);
      });
    }
    return Array.from(distinct.of, (d) => perDistinct[d]!);
  }

  /** Distance of each session's [DIST] vector (its first row's) to the hypersphere centre. */
  centreDistances(x: SessionSet): Float64Array {
    const { rows, distinct } = this.rowsOf(x);
    const first = new Map<number, number>();
    rows.forEach((r, k) => {
      if (!first.has(r.session)) first.set(r.session, k);
    });
    const firstRows = distinct.first.map((_, d) => rows[first.get(d)!]!);
    const dists = this.distVectors(firstRows);
    const c = this.centre!.dataSync();
    const H = this.params.hiddenSize;
    const perDistinct = firstRows.map((_, d) => {
      let s = 0;
      for (let h = 0; h < H; h++) s += (dists[d * H + h]! - c[h]!) ** 2;
      return Math.sqrt(s);
    });
    return Float64Array.from(distinct.of, (d) => perDistinct[d]!);
  }

  async save(dir: string): Promise<void> {
    const net = this.requireNet();
    const file: LogBertFile = { format: FORMAT, version: 1, params: this.params, vocabulary: this.vocabulary.toJSON(), encoder: this.encoder!, topG: this.g, centre: Array.from(this.centre!.dataSync()), minKeys: this.minKeys };
    await writeDirAtomic(
      dir,
      async (tmp) => {
        const named: Record<string, tf.Tensor> = {};
        for (const layer of net.model.layers) for (const w of layer.weights) named[weightKey(layer.name, w.originalName)] = w.read();
        await saveNamedTensors(tmp, "weights", named);
        writeJsonAtomic(join(tmp, META), file);
      },
      { replaceIf: (entries) => entries.includes(META) },
    );
  }

  static async load(dir: string): Promise<LogBert> {
    await selectBackend();
    const file = readModelMeta<LogBertFile & { [k: string]: unknown }>(dir, META, FORMAT, 1);
    const d = new LogBert({ ...LOGBERT_DEFAULTS, ...file.params }, new Rng(0));
    d.vocab = SequenceVocabulary.fromJSON(file.vocabulary);
    d.encoder = file.encoder;
    d.g = file.topG;
    d.minKeys = file.minKeys;
    const net = buildLogBertNetwork(file.encoder, new Rng(0));
    const tensors = loadNamedTensors(dir, "weights");
    try {
      for (const layer of net.model.layers) {
        for (const w of layer.weights) {
          const key = weightKey(layer.name, w.originalName);
          const t = tensors[key];
          if (!t) throw new Error(`${dir}/weights.json has no weight ${key}`);
          if (t.shape.join("x") !== w.shape.join("x")) throw new Error(`${dir}/weights.json: ${key} is [${t.shape}], the model's is [${w.shape}]`);
          w.write(t);
        }
      }
    } catch (err) {
      net.model.dispose();
      throw err;
    } finally {
      Object.values(tensors).forEach((t) => t.dispose());
    }
    d.net = net;
    if (file.centre.length !== file.params.hiddenSize) throw new Error(`${dir}/${META}: the centre has ${file.centre.length} values, hiddenSize is ${file.params.hiddenSize}`);
    d.centre = tf.tensor1d(file.centre);
    return d;
  }

  dispose(): void {
    this.net?.model.dispose();
    this.net = null;
    this.centre?.dispose();
    this.centre = null;
  }

  private requireNet(): LogBertNetwork {
    if (!this.net) throw new Error(`${this.name}: not fitted (call fit or load first)`);
    return this.net;
  }
}

/** A row's replaced targets, by token position (1 = the row's first key), from its session's key positions. */
function rowRetargetsOf(row: KeyTokenRow, session: ReadonlyMap<number, RetargetedKey> | null, vocab: SequenceVocabulary): Map<number, RetargetedToken> | null {
  if (!session || session.size === 0) return null;
  const out = new Map<number, RetargetedToken>();
  for (const [pos, r] of session) {
    const j = pos - row.start + 1;
    if (j >= 1 && j < row.tokens.length) out.set(j, { token: FIRST_KEY_TOKEN + vocab.outputIndex(r.key), weight: r.weight });
  }
  return out.size > 0 ? out : null;
}

/** The normal sessions of a set (with their severities). */
function normalSet(x: SessionSet): SessionSet {
  if (!x.labels) return x;
  const keep = (_: unknown, i: number): boolean => x.labels![i] === 0;
  return { sequences: x.sequences.filter(keep), ...(x.severities ? { severities: x.severities.filter(keep) } : {}) };
}

/**
 * The top-g sweep on labelled sessions: for each g = 1 … min(V, 60), the best F1 over r (the
 * threshold on the number of keys outside the top g) and that r.
 */
export function logBertTopGSweep(ranks: readonly ArrayLike<number>[], labels: ArrayLike<number>, V: number, score: (ranks: ArrayLike<number>, g: number) => number): LogBertTopGPoint[] {
  const out: LogBertTopGPoint[] = [];
  for (let g = 1; g <= Math.max(1, Math.min(V, 60)); g++) {
    const scores = Float64Array.from(ranks, (r) => score(r, g));
    const c = chooseThreshold(labels, scores, { kind: "max-f1" });
    out.push({ g, r: c.threshold, f1: c.validation?.f1 ?? 0 });
  }
  return out;
}
