import * as tf from "@tensorflow/tfjs";
import { indexNextKeyWindows, padLead, type NextKeyIndex, type NextKeyPadding } from "../../features/next-key-windows.js";
import { selectBackend } from "../../runtime/backend.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, FitReport, SessionSet } from "../detector.js";
import { loadSavedModel, readModelMeta, saveModelFolder } from "../nn/saved-model.js";
import { weightedTrainingSchedule, type TrainingParams } from "../nn/training-params.js";
import { softmaxCrossEntropyPerExample, trainWeighted } from "../nn/weighted-training.js";
import { nextKeyExamples, type WeightedNextKeyPairs } from "./next-key-data.js";
import { buildNextKeyModel } from "./next-key-model.js";
import { rankNextKeys, sessionMaxRanks, sessionMissCounts, sessionMissShares, topMass } from "./next-key-ranks.js";
import { chooseThreshold } from "../../eval/choose-threshold.js";
import { normalSessions } from "./session-subsets.js";
import { SequenceVocabulary } from "./sequence-vocabulary.js";
import { chooseTopG, type TopGChoice } from "./top-g-sweep.js";

/** DeepLog's parameters (defaults: the paper's HDFS setting, window 10, 2 × 64 LSTM, g = 9). */
export interface DeepLogParams extends TrainingParams {
  /** Keys per input window h. */
  window: number;
  /** Stacked LSTM layers L. */
  layers: number;
  /** LSTM units α per layer. */
  hiddenUnits: number;
  /** Key embedding size. */
  embeddingDim: number;
  /**
   * Short sessions: "reference" pads them at the end as wuyifan18/DeepLog does (so they are
   * anomalous); "left" pads them at the start. Both leave every session's first `window` keys
   * unjudged (context only). "start" pads every session with `window` keys at the start, so every
   * key is predicted from what precedes it and an anomaly in the first `window` keys is seen.
   */
  padding: "reference" | "left" | "start";
  /** The paper's g: a session is anomalous if a next key falls outside the top g (the CLI's default threshold; notebooks choose g on validation). */
  topG: number;
  /**
   * How windows become a session verdict. `any-miss` (the paper): anomalous when any next key
   * falls outside the top g; the score is the worst rank, the threshold is g. `miss-share` (the
   * public code of the backdoor study, Cheng, Xu, Yuan, WWW'25 companion): with g fixed at
   * `topG`, the score is the share of the session's windows whose next key falls outside the top
   * g, and the threshold is that share (anomalous when the share exceeds it), chosen on
   * validation; long sessions with a few odd windows (BGL) stay normal. `miss-count`: the number of
   * such windows (any-miss is "count > 0" at g; a threshold r chosen on validation lets a long
   * session keep r odd windows without diluting a burst of misses in a short one as the share does).
   */
  sessionRule: "any-miss" | "miss-share" | "miss-count";
  /**
   * g of the `miss-share` and `miss-count` rules: `fixed` uses `topG`; `validation` picks, in `fit`,
   * the g with the best F1 (over thresholds) on labelled validation sessions holding anomalies
   * (else `topG`). `any-miss` needs no choice here: its threshold is g.
   */
  topGChoice: "fixed" | "validation";
  /**
   * Under `miss-share` / `miss-count`, a session holding a key never seen in training: `flag` scores
   * it as anomalous at every threshold (share 1, count {@link UNSEEN_KEY_MISSES}), as the paper's
   * rule does (an unseen key is in no top g); `count` counts only the windows it spoils. `any-miss`
   * always flags it (rank V + 1).
   */
  unseenKeys: "flag" | "count";
  /** `miss-share`'s own threshold when none is chosen on validation (the public code's 10%). */
  missShare: number;
  /** Maximum epochs over the distinct (window, next key) pairs. */
  epochs: number;
  /** Clip gradients to this global norm (0 = off). */
  clipNorm: number;
  /** Loss normalisation per batch: "batch" (weighted mean of the batch) or "dataset" (unbiased share of the whole weighted mean). */
  lossNormalization: "batch" | "dataset";
  /** Windows per inference batch. */
  inferenceBatchSize: number;
}

export const DEEPLOG_DEFAULTS: DeepLogParams = {
  window: 10,
  layers: 2,
  hiddenUnits: 64,
  embeddingDim: 16,
  padding: "reference",
  topG: 9,
  sessionRule: "any-miss",
  topGChoice: "fixed",
  unseenKeys: "flag",
  missShare: 0.1,
  epochs: 60,
  batchSize: 256,
  learningRate: 0.01,
  lrSchedule: "plateau",
  lrPatience: 2,
  earlyStoppingPatience: 5,
  maxTrainSeconds: 0,
  clipNorm: 1,
  lossNormalization: "batch",
  inferenceBatchSize: 4096,
};

/** The miss-count score of a session holding a key never seen in training (`unseenKeys: "flag"`): more windows than any session has. */
export const UNSEEN_KEY_MISSES = 1_000_000;

/** Options of {@link DeepLog.fit} for training objectives other than DeepLog's own. */
export interface DeepLogFitOptions {
  /**
   * Train on these weighted (window, next key) pairs instead of the pairs of the training
   * sessions (which still give the vocabulary and the counts reported); keys among the pairs'
   * next keys join the vocabulary. The windows must use this model's window size and padding.
   * The backdoor study's τ-gated objective (lib/attacks/backdoor) trains through this.
   */
  trainingPairs?: WeightedNextKeyPairs;
}

/** What {@link DeepLog.fit} reports. */
export interface DeepLogFitReport extends FitReport {
  /** Normal training sessions, and distinct ones. */
  sessions: number;
  distinctSessions: number;
  /** (window, next key) positions over all training sessions, distinct pairs and distinct windows. */
  totalWindows: number;
  distinctPairs: number;
  distinctWindows: number;
  validationPairs: number;
  /** Keys seen in training. */
  vocabulary: number;
  bestEpoch: number;
  trainSeconds: number;
  pairsPerSecond: number;
  windowsPerSecond: number;
  /** g of the miss-share / miss-count rules after fit, where it came from, and the validation sweep behind a chosen one (best F1 over thresholds per g). */
  topG: number;
  topGSource: "parameter" | "validation";
  topGSweep: { g: number; threshold: number; f1: number }[];
}

/** Scores with the counts behind them (the benchmark and notebook 06 report these). */
export interface DeepLogScoring {
  scores: Float64Array;
  sessions: number;
  distinctSessions: number;
  /** All (window, next key) positions over all sessions. */
  totalWindows: number;
  /** Distinct windows, and those sent through the model (windows with unknown keys are not). */
  distinctWindows: number;
  windowsPredicted: number;
  distinctPairs: number;
  seconds: number;
  modelSeconds: number;
}

/**
 * Why a session got its DeepLog score (which rule, not the LSTM alone, decides many alarms):
 * - `unseen-key`: it holds a key never seen in training (score V + 1 whatever the LSTM says);
 * - `padding`: shorter than window + 1 with the reference padding (score V + 1 by that rule);
 * - `rank`: the worst rank the LSTM gives one of its true next keys.
 * A session with an unseen key that is also short counts as `unseen-key`.
 */
export type DeepLogScoreCause = "unseen-key" | "padding" | "rank";

const META = "deeplog.json";
const FORMAT = "loglab.deeplog";

/**
 * DeepLog (Du, Li, Zheng, Srikumar, CCS'17): an LSTM learns which log key follows a window of
 * `window` keys in normal sessions; a session is anomalous if one of its next keys is not among
 * the model's top-g predictions. `score` returns, per session, the largest rank (1-based) of a
 * true next key among the predictions, so "anomalous if score > g" is exactly the paper's rule
 * and choosing g is choosing a threshold. Keys never seen in training, and sessions shorter than
 * window + 1 with the reference padding, get rank V + 1 (anomalous for every g ≤ V).
 *
 * Speed comes from the algorithm: training runs over distinct (window, next key) pairs weighted
 * by their counts (HDFS: 4,092 instead of 46,575), inference predicts each distinct window once.
 */
export class DeepLog implements Detector<SessionSet, DeepLogFitReport> {
  readonly name = "deeplog";
  readonly supervision = "semi-supervised" as const;
  private model: tf.LayersModel | null = null;
  private vocab: SequenceVocabulary | null = null;
  /** g of the miss-share / miss-count rules (`topG`, or chosen on validation in fit). */
  private g: number;

  constructor(
    readonly params: DeepLogParams,
    private readonly rng: Rng,
  ) {
    if (params.window < 1 || params.layers < 1 || params.hiddenUnits < 1) throw new Error("deeplog: window, layers and hiddenUnits must be ≥ 1");
    this.g = params.topG;
  }

  /** g of the miss-share / miss-count rules (the `any-miss` rule's g is its threshold). */
  get topG(): number {
    return this.g;
  }

  /** True when the session score counts or shares the windows missing the top g. */
  private get countsMisses(): boolean {
    return this.params.sessionRule === "miss-share" || this.params.sessionRule === "miss-count";
  }

  /** The vocabulary of keys seen in training (after fit or load). */
  get vocabulary(): SequenceVocabulary {
    if (!this.vocab) throw new Error("deeplog: not fitted");
    return this.vocab;
  }

  /**
   * The window padding of training (`forTraining`) or scoring: the `padding` parameter, except that
   * the reference trains without padding (train.py) and pads short sessions only at prediction.
   * Code that builds this model's training windows itself (the backdoor's τ-gated pairs) uses it too.
   */
  windowPadding(forTraining: boolean): NextKeyPadding {
    return this.params.padding !== "reference" ? this.params.padding : forTraining ? "none" : "reference";
  }

  private indexOf(sequences: readonly (readonly number[])[], forTraining: boolean, positions = false): NextKeyIndex {
    return indexNextKeyWindows(sequences, { window: this.params.window, padding: this.windowPadding(forTraining), positions });
  }

  async fit(train: SessionSet, validation?: SessionSet, options: DeepLogFitOptions = {}): Promise<DeepLogFitReport> {
    await selectBackend(); // wasm unless LOGLAB_BACKEND says otherwise; callers need not select it
    const t0 = performance.now();
    const sequences = normalSessions(train);
    this.dispose();
    const pairs = options.trainingPairs;
    if (pairs && pairs.window !== this.params.window) throw new Error(`deeplog: trainingPairs use window ${pairs.window}, the model ${this.params.window}`);
    const vocab = SequenceVocabulary.fit(pairs ? [...sequences, Array.from(pairs.pairNext).filter((k) => k !== pairs.padKey)] : sequences);
    const trainIndex = this.indexOf(sequences, true);
    const examples = nextKeyExamples(pairs ?? trainIndex, vocab);
    if (examples.count === 0) throw new Error(`deeplog: no training windows (every session is shorter than window + 1 = ${this.params.window + 1})`);
    const valSeqs = validation ? normalSessions(validation) : [];
    const valExamples = valSeqs.length > 0 ? nextKeyExamples(this.indexOf(valSeqs, true), vocab) : null;
    const model = buildNextKeyModel(
      { window: this.params.window, inputDim: vocab.inputDim, classes: vocab.size, embeddingDim: this.params.embeddingDim, hiddenUnits: this.params.hiddenUnits, layers: this.params.layers },
      this.rng.fork("deeplog-init"),
    );
    const result = await trainWeighted(model, examples, valExamples && valExamples.count > 0 ? valExamples : null, softmaxCrossEntropyPerExample, {
      ...weightedTrainingSchedule(this.params, 1e-4),
      clipNorm: this.params.clipNorm,
      normalization: this.params.lossNormalization,
      rng: this.rng.fork("deeplog-batches"),
      label: "train DeepLog",
    });
    this.model = model;
    this.vocab = vocab;
    this.g = this.params.topG;
    let topGSource: DeepLogFitReport["topGSource"] = "parameter";
    let topGSweep: DeepLogFitReport["topGSweep"] = [];
    const positives = validation?.labels ? validation.labels.reduce((a, b) => a + b, 0) : 0;
    if (this.countsMisses && this.params.topGChoice === "validation" && validation?.labels && positives > 0 && positives < validation.labels.length) {
      topGSweep = this.topGSweep(validation);
      const best = topGSweep.reduce((a, b) => (b.f1 > a.f1 ? b : a));
      this.g = best.g;
      topGSource = "validation";
    }
    return {
      seconds: (performance.now() - t0) / 1000,
      history: result.history,
      stoppedBecause: result.stoppedBecause,
      trainedOn: { count: examples.count, unit: "(window, next key) pairs" },
      sessions: sequences.length,
      distinctSessions: trainIndex.distinctSessions,
      totalWindows: trainIndex.totalPairs,
      distinctPairs: examples.count,
      distinctWindows: trainIndex.windowCount,
      validationPairs: valExamples?.count ?? 0,
      vocabulary: vocab.size,
      bestEpoch: result.bestEpoch,
      trainSeconds: result.seconds,
      pairsPerSecond: Math.round(result.examplesPerSecond),
      windowsPerSecond: Math.round((result.examplesPerSecond * trainIndex.totalPairs) / Math.max(1, examples.count)),
      topG: this.g,
      topGSource,
      topGSweep,
    };
  }

  /** Under `unseenKeys: "flag"`, which sessions hold a key never seen in training (null: the rule is off). */
  private unseenMask(sequences: readonly (readonly number[])[]): boolean[] | null {
    return this.params.unseenKeys === "flag" ? sequences.map((s) => !this.vocabulary.knowsAll(s)) : null;
  }

  /**
   * Session scores of the miss-share / miss-count rule at g, a session in `unseen` set to the
   * rule's maximum (share 1, count {@link UNSEEN_KEY_MISSES}). One place for `score` and the sweep.
   */
  private missScores(index: NextKeyIndex, pairRank: Int32Array, g: number, unseen: readonly boolean[] | null): Float64Array {
    const share = this.params.sessionRule === "miss-share";
    const scores = share ? sessionMissShares(index, pairRank, g) : sessionMissCounts(index, pairRank, g);
    if (unseen) for (let i = 0; i < unseen.length; i++) if (unseen[i]) scores[i] = share ? 1 : UNSEEN_KEY_MISSES;
    return scores;
  }

  /**
   * For g = 1 … min(V, 60), the best F1 over thresholds of the session rule (miss share or miss
   * count) on labelled sessions, and that threshold: one ranking pass, every g read from it.
   */
  topGSweep(x: SessionSet): { g: number; threshold: number; f1: number }[] {
    if (!x.labels) throw new Error("deeplog: the top-g sweep needs labelled sessions");
    const model = this.requireModel();
    const index = this.indexOf(x.sequences, false, true);
    const ranking = rankNextKeys(model, index, this.vocabulary, this.params.inferenceBatchSize);
    const unseen = this.unseenMask(x.sequences); // once, not per g
    const out: { g: number; threshold: number; f1: number }[] = [];
    for (let g = 1; g <= Math.max(1, Math.min(this.vocabulary.size, 60)); g++) {
      const scores = this.missScores(index, ranking.pairRank, g, unseen);
      const c = chooseThreshold(x.labels, scores, { kind: "max-f1" });
      out.push({ g, threshold: c.threshold, f1: c.validation?.f1 ?? 0 });
    }
    return out;
  }

  async score(x: SessionSet): Promise<Float64Array> {
    await selectBackend();
    return this.scoreDetailed(x).scores;
  }

  /**
   * Scores with distinct-window counts and timings: per session the max rank of a true next key
   * (`any-miss`), or the share of its windows whose next key falls outside the top `topG`
   * (`miss-share`).
   */
  scoreDetailed(x: SessionSet): DeepLogScoring {
    const t0 = performance.now();
    const model = this.requireModel();
    const vocab = this.vocabulary;
    const counts = this.countsMisses;
    const index = this.indexOf(x.sequences, false, counts);
    const ranking = rankNextKeys(model, index, vocab, this.params.inferenceBatchSize);
    // A session without any pair only occurs with padding "none", which scoring never uses.
    const scores = counts ? this.missScores(index, ranking.pairRank, this.g, this.unseenMask(x.sequences)) : sessionMaxRanks(index, ranking.pairRank, x.sequences, vocab, vocab.size + 1);
    return {
      scores,
      sessions: index.sessions,
      distinctSessions: index.distinctSessions,
      totalWindows: index.totalPairs,
      distinctWindows: index.windowCount,
      windowsPredicted: ranking.windowsPredicted,
      distinctPairs: index.pairNext.length,
      seconds: (performance.now() - t0) / 1000,
      modelSeconds: ranking.modelSeconds,
    };
  }

  /**
   * The false-positive rate the model itself expects on normal sessions like `x`, for
   * g = 1 … maxG (index g; index 0 is 1): the mean over sessions of
   * 1 − Π_positions P(next key within the top g | window), with the model's predictive
   * probabilities. Unknown keys and padded next keys count as certain alarms, as in `score`.
   * A smooth estimate of what counting flagged validation sessions estimates coarsely (one
   * session of 583 is 0.17%): {@link chooseTopG} uses the larger of the two.
   */
  expectedFalseAlarmRates(x: SessionSet, maxG: number): number[] {
    const model = this.requireModel();
    const vocab = this.vocabulary;
    const index = this.indexOf(x.sequences, false, true);
    const ranking = rankNextKeys(model, index, vocab, this.params.inferenceBatchSize);
    const mass = topMass(ranking, vocab.size, maxG);
    const rates = new Array<number>(maxG + 1).fill(0);
    const logKeep = new Float64Array(maxG + 1);
    for (let s = 0; s < index.sessions; s++) {
      logKeep.fill(0);
      let certain = !vocab.knowsAll(x.sequences[s]!);
      for (let i = index.positionOffsets![s]!; i < index.positionOffsets![s + 1]! && !certain; i++) {
        const p = index.positionPairs![i]!;
        const row = ranking.windowRow[index.pairWindow[p]!]!;
        if (row < 0 || vocab.outputIndex(index.pairNext[p]!) < 0) certain = true;
        else for (let g = 1; g <= maxG; g++) logKeep[g] = logKeep[g]! + Math.log(Math.max(1e-300, mass[row * (maxG + 1) + g]!));
      }
      for (let g = 1; g <= maxG; g++) rates[g] = rates[g]! + (certain ? 1 : 1 - Math.exp(logKeep[g]!));
    }
    rates[0] = index.sessions;
    return rates.map((r) => (index.sessions > 0 ? r / index.sessions : 0));
  }

  /**
   * Per session, the positions (0-based, in the session as given) of the keys that fall outside
   * the model's top g: the lines to show for a flagged session. A session shorter than
   * window + 1 with the reference padding reports its last position; an unknown key reports
   * itself.
   */
  anomalousPositions(x: SessionSet, g: number): number[][] {
    const model = this.requireModel();
    const vocab = this.vocabulary;
    const W = this.params.window;
    const index = this.indexOf(x.sequences, false, true);
    const ranking = rankNextKeys(model, index, vocab, this.params.inferenceBatchSize);
    return x.sequences.map((seq, s) => {
      if (this.params.padding === "reference" && seq.length < W + 1) return seq.length > 0 ? [seq.length - 1] : [];
      const lead = padLead(seq.length, W, index.padding);
      const positions = new Set<number>();
      const a = index.positionOffsets![s]!;
      for (let i = a; i < index.positionOffsets![s + 1]!; i++) {
        if (ranking.pairRank[index.positionPairs![i]!]! > g) positions.add(i - a + W - lead);
      }
      for (let i = 0; i < seq.length; i++) if (!vocab.has(seq[i]!)) positions.add(i);
      return [...positions].sort((p, q) => p - q);
    });
  }

  /**
   * Per session, the rank (1 = the model's first choice) of every key among the predictions for
   * its window: index i = the session's key i. 0 where the key has no prediction (the first
   * `window` keys of a session, which are context only; padded positions); V + 1 for a key never
   * seen in training or one whose window holds such a key. The per-line view of `score` (whose
   * session score is the largest of these, padding rules aside): the ensemble judges lines with it.
   */
  positionRanks(x: SessionSet): Int32Array[] {
    const model = this.requireModel();
    const vocab = this.vocabulary;
    const W = this.params.window;
    const index = this.indexOf(x.sequences, false, true);
    const ranking = rankNextKeys(model, index, vocab, this.params.inferenceBatchSize);
    return x.sequences.map((seq, s) => {
      const out = new Int32Array(seq.length);
      const lead = padLead(seq.length, W, index.padding);
      const a = index.positionOffsets![s]!;
      for (let i = a; i < index.positionOffsets![s + 1]!; i++) {
        const pos = i - a + W - lead;
        if (pos >= 0 && pos < seq.length) out[pos] = ranking.pairRank[index.positionPairs![i]!]!;
      }
      for (let i = 0; i < seq.length; i++) if (!vocab.has(seq[i]!)) out[i] = vocab.size + 1;
      return out;
    });
  }

  /**
   * Which rule decides each session's score ({@link DeepLogScoreCause}); with a threshold g, a
   * flagged session's cause says whether the LSTM flagged it or a rule did.
   */
  scoreCauses(x: SessionSet): DeepLogScoreCause[] {
    const vocab = this.vocabulary;
    const short = this.params.padding === "reference" ? this.params.window + 1 : 0;
    return x.sequences.map((s) => (!vocab.knowsAll(s) ? "unseen-key" : s.length < short ? "padding" : "rank"));
  }

  /**
   * g chosen on normal validation sessions alone ({@link chooseTopG}: the smallest g whose
   * estimated FPR, the larger of the observed share and the share the model's own predictive
   * probabilities imply, is at most `maxFpr`), with the whole choice.
   */
  async chooseTopGOnNormals(normals: SessionSet, maxFpr: number): Promise<TopGChoice> {
    const V = this.vocabulary.size;
    return chooseTopG(await this.score(normals), this.expectedFalseAlarmRates(normals, V), maxFpr, V);
  }

  async thresholdOnNormals(normals: SessionSet, maxFpr: number): Promise<{ threshold: number; rule: string }> {
    if (this.countsMisses) {
      const scores = await this.score(normals);
      const c = chooseThreshold(new Uint8Array(scores.length), scores, { kind: "max-fpr", fpr: maxFpr });
      const what = this.params.sessionRule === "miss-share" ? `miss share ${c.threshold.toFixed(4)}` : `${c.threshold} missed windows`;
      return { threshold: c.threshold, rule: `${what} at g = ${this.g}: the lowest threshold that flags at most ${maxFpr} of validation normals` };
    }
    const c = await this.chooseTopGOnNormals(normals, maxFpr);
    return { threshold: c.g, rule: `g = ${c.g}, the smallest g whose FPR estimate (max of observed and model-expected) meets the bound` };
  }

  /** DeepLog's own decision rule when no validation choice is made: the paper's g (`any-miss`) or `missShare` (`miss-share`); `miss-count` has none (its r comes from validation). */
  intrinsicThreshold(): number | null {
    return this.params.sessionRule === "miss-share" ? this.params.missShare : this.params.sessionRule === "miss-count" ? null : this.params.topG;
  }

  async save(dir: string): Promise<void> {
    const model = this.requireModel();
    await saveModelFolder(dir, META, { format: FORMAT, version: 1, params: this.params, vocabulary: this.vocabulary.toJSON(), topG: this.g }, { model });
  }

  static async load(dir: string): Promise<DeepLog> {
    await selectBackend();
    const meta = readModelMeta<{ format: string; version: number; params: DeepLogParams; vocabulary: ReturnType<SequenceVocabulary["toJSON"]>; topG?: number }>(dir, META, FORMAT, 1);
    const d = new DeepLog({ ...DEEPLOG_DEFAULTS, ...meta.params }, new Rng(0));
    d.vocab = SequenceVocabulary.fromJSON(meta.vocabulary);
    d.g = meta.topG ?? d.params.topG;
    d.model = await loadSavedModel(dir, "model");
    return d;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }

  /** The fitted TF.js model (input [B, window] key indices, output [B, V] next-key logits). */
  network(): tf.LayersModel {
    return this.requireModel();
  }

  private requireModel(): tf.LayersModel {
    if (!this.model) throw new Error("deeplog: not fitted (call fit or load first)");
    return this.model;
  }
}
