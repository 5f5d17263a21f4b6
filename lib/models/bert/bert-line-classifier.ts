import * as tf from "@tensorflow/tfjs";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../../io/atomic-write.js";
import { LineTemplateFeatures, lineTextStatistics, TEXT_STATISTIC_NAMES } from "../../features/line-template-features.js";
import { loadNamedTensors, saveNamedTensors } from "../../runtime/model-io.js";
import { selectBackend } from "../../runtime/backend.js";
import { Rng } from "../../runtime/rng.js";
import { WordPieceTokenizer } from "../../text/wordpiece-tokenizer.js";
import { FastDense } from "../nn/fast-dense.js";
import { dannLambda, GradientReversal } from "../nn/gradient-reversal.js";
import { OuterProduct } from "../nn/outer-product.js";
import { MaskedMaxPooling, MaskedMeanPooling } from "../nn/sequence-pooling.js";
import { SeededDropout } from "../nn/seeded-dropout.js";
import { trainWeighted, type WeightedExamples } from "../nn/weighted-training.js";
import type { BertEncoderConfig } from "./bert-config.js";
import { buildBertEncoder } from "./bert-encoder.js";
import { lengthSortedBatches, pairedDomainBatches } from "./length-batches.js";
import { encoderWeightsOf, loadEncoderWeightsInto, LOG_TEXT_ENCODER_PREFIX, weightKey, type LogTextEncoder } from "./log-text-encoder.js";
import { countParameters, setTrainableWeights, type ParameterCount } from "./trainable-weights.js";

/** The three fine-tuned line classifiers on the log-text encoder. */
export const BERT_LINE_CLASSIFIER_KINDS = ["bert-dann", "bert-lora", "bert-hybrid"] as const;
/** One of {@link BERT_LINE_CLASSIFIER_KINDS}. */
export type BertLineClassifierKind = (typeof BERT_LINE_CLASSIFIER_KINDS)[number];

/** Hyperparameters of a {@link BertLineClassifier} (defaults per kind: {@link defaultBertLineParams}). */
export interface BertLineClassifierParams {
  /**
   * What of the encoder trains: `full` (every weight), `lora` (rank-r adapters on the attention
   * projections, every base weight frozen) or `frozen` (only the head; the sentence embeddings are
   * computed once, so training costs seconds).
   */
  encoderTraining: "full" | "lora" | "frozen";
  /** LoRA rank and scale α (the update is (α/r)·x·A·B) and the projections adapted. */
  loraRank: number;
  loraAlpha: number;
  loraTargets: ("query" | "key" | "value" | "output")[];
  /** DANN: a domain head (domain = source system) behind gradient reversal; false = the same model without adaptation. */
  adaptation: boolean;
  /**
   * DANN: the largest reversal factor; λ_p = adaptationWeight · (2 / (1 + e^(−10p)) − 1). Ganin et
   * al. tell one source from one target (weight 1); here the domain head tells 16 systems apart,
   * and the classes depend on the system, so full-strength reversal also erases class evidence:
   * 0.1 keeps the adaptation a regulariser (default 0.1).
   */
  adaptationWeight: number;
  /**
   * DANN: what the domain head tells apart. `system`: every source system and the target's (the
   * issue's "domain = source system"); `source-target`: labelled lines from unlabelled ones, Ganin et
   * al.'s two-domain setting (§4), which leaves the differences between source systems alone.
   */
  domainLabels: "system" | "source-target";
  /**
   * DANN: what the domain head reads. `features`: the feature layer G_f's output (Ganin et al.);
   * `features-x-classes`: its outer product with the class probabilities (CDAN, Long et al.,
   * NeurIPS 2018), so adaptation aligns each class across domains instead of the marginal
   * features, which also moves class evidence when the classes' shares differ between systems
   * (default `features`).
   */
  domainInput: "features" | "features-x-classes";
  /**
   * DANN: how labelled lines weigh in the domain loss. `lines`: as in the class loss. `target-classes`:
   * each source domain's lines are reweighted so that its class shares equal the target's, estimated
   * at the start of every epoch as the mean predicted class probabilities of the target lines
   * (importance-weighted DANN, Combes et al., NeurIPS 2020, §4; they estimate the shares with the
   * source confusion matrix, here the plain mean of predictions). Plain DANN aligns the marginal
   * feature distributions, and when the held-out system's classes are in other shares than the
   * sources' (label shift), a perfectly aligned encoder must map some target lines onto the wrong
   * class (Zhao et al., ICML 2019, §4.1). Ratios are capped at {@link DOMAIN_WEIGHT_CAP}; each
   * domain's total weight is unchanged.
   */
  domainWeighting: "lines" | "target-classes";
  /**
   * DANN: weight β of the conditional entropy of the class predictions on the held-out system's
   * unlabelled lines, added to the loss (VADA, Shu et al., ICLR 2018, §3.2; Grandvalet & Bengio,
   * NeurIPS 2004): it trains the class head and the encoder to keep the target's lines away from
   * class boundaries, which the domain loss alone does not ask for (its gradient moves target
   * features without regard to the classes). Scaled like the class loss: β × the mean entropy of
   * the target lines. 0 (default) turns it off; only with unlabelled target lines.
   */
  targetEntropyWeight: number;
  /**
   * DANN: how the held-out system's unlabelled lines weigh in the domain loss. `lines`: each
   * distinct row by its line count, as the labelled rows. `distinct`: every distinct row the same.
   * A held-out system has tens to hundreds of distinct rows once numbers are masked, and its most
   * frequent one can hold a third of its lines; by line count, the reversed domain gradient on that
   * one row outweighs all the others and moves the system's majority class (default `lines`).
   */
  targetRowWeighting: "lines" | "distinct";
  /**
   * DANN: how far the reversed domain gradient reaches. `encoder`: the whole feature extractor
   * G_f (the encoder and the head's feature layer), as Ganin et al. `head`: only the head's feature
   * layer (one dense map shared by every line); the encoder learns from the class loss alone. A
   * fine-tuned encoder can move each of a held-out system's few distinct rows on its own, which a
   * single dense map cannot (default `encoder`).
   */
  domainGradientReaches: "encoder" | "head";
  /**
   * The sentence embedding the heads read: `mean` of the final token states, or `mean-max`
   * (their mean ⊕ their feature-wise maximum, 2 × hidden wide): the maximum keeps a single
   * deciding token (a keyword) that the mean dilutes.
   */
  pooling: "mean" | "mean-max";
  /** Hybrid: concatenate text statistics and Drain template features to the sentence embedding. */
  templateFeatures: boolean;
  /** Template ids are hashed into this many one-hot columns (hybrid). */
  hashBuckets: number;
  /** Width of the feature layer between the embedding and the heads (DANN's G_f). */
  headUnits: number;
  /** Width of the domain classifier's hidden layer. */
  domainUnits: number;
  dropout: number;
  /** Token rows are cut to this length ([CLS] included). */
  maxLength: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Class weights ∝ (N / (K·N_c))^classBalance (0 = none, 1 = fully balanced). */
  classBalance: number;
  /**
   * A training line weighs n_t^(−templateBalance), n_t = training lines of its Drain template
   * (mined on the training lines): 0 = every line the same (a template with 400 lines counts 400
   * times), 1 = every template the same. Lines of one template are near-copies; what carries to
   * templates never seen is how each template says its class, not how often it was logged.
   * Measured (hybrid, smoke encoder, split by template, seeds 42 / 7): 1 did not help (0.300 /
   * 0.180 against 0.298 / 0.163 with loss-selected epochs; 0.300 / 0.322 against 0.358 / 0.339
   * with macro-F1-selected ones), so the default is 0.
   */
  templateBalance: number;
  /** Early stopping on the validation loss: epochs without improvement (0 = off). */
  patience: number;
  /**
   * Which epoch early stopping and the kept weights follow: the validation class `loss`, or the
   * validation `macro-f1` (the metric reported). When validation templates are unseen in training
   * (split by template), the loss grows with a few confident mistakes from the second epoch on and
   * keeps a model that has barely left "normal", while macro F1 still improves. Hybrid, smoke
   * encoder, split by template: macro F1 0.298 → 0.358 (seed 42) and 0.163 → 0.339 (seed 7). Default
   * `macro-f1`.
   */
  selectEpochBy: "loss" | "macro-f1";
  /** Stop training after this many seconds (0 = no limit). */
  maxSeconds: number;
}

const BASE_PARAMS: BertLineClassifierParams = {
  encoderTraining: "full",
  loraRank: 8,
  loraAlpha: 16,
  loraTargets: ["query", "key", "value", "output"],
  adaptation: false,
  adaptationWeight: 0.1,
  domainLabels: "system",
  domainInput: "features",
  domainWeighting: "lines",
  targetEntropyWeight: 0,
  targetRowWeighting: "lines",
  domainGradientReaches: "encoder",
  pooling: "mean",
  templateFeatures: false,
  hashBuckets: 32,
  headUnits: 128,
  domainUnits: 64,
  dropout: 0.1,
  maxLength: 48,
  epochs: 12,
  batchSize: 32,
  learningRate: 1e-3,
  classBalance: 0.5,
  templateBalance: 0,
  patience: 3,
  selectEpochBy: "macro-f1",
  maxSeconds: 0,
};

/** The defaults of each kind: DANN adapts, LoRA trains adapters only, Hybrid adds template features. */
export function defaultBertLineParams(kind: BertLineClassifierKind): BertLineClassifierParams {
  if (kind === "bert-dann") return { ...BASE_PARAMS, adaptation: true };
  // LoRA trains ~8% of the smoke encoder's weights: a larger rate and more epochs than full fine-tuning
  // (Hu et al. use rates several times full fine-tuning's). On the smoke encoder's random split, 1e-2
  // oscillated (macro F1 0.696 after 20 epochs), 3e-3 still improved at epoch 20 (0.913) and reached
  // 0.965 after 40, as did 5e-3.
  if (kind === "bert-lora") return { ...BASE_PARAMS, encoderTraining: "lora", learningRate: 3e-3, epochs: 40, patience: 5 };
  return { ...BASE_PARAMS, templateFeatures: true };
}

/** Width of the sentence embedding the heads read: hidden, or 2 × hidden with mean-max pooling. */
function pooledWidth(params: BertLineClassifierParams, encoder: BertEncoderConfig): number {
  return params.pooling === "mean-max" ? 2 * encoder.hidden : encoder.hidden;
}

/**
 * Per-line weights n_t^(−balance) (n_t: lines of the line's Drain template among `contents`),
 * scaled to a mean of 1; all ones when `balance` is 0. `templates` is the hybrid's fitted miner
 * when there is one (the same templates), else one is fitted here.
 */
export function templateBalanceWeights(contents: readonly string[], balance: number, templates: LineTemplateFeatures | null = null): Float64Array {
  const out = new Float64Array(contents.length).fill(1);
  if (balance === 0 || contents.length === 0) return out;
  const t = templates ?? LineTemplateFeatures.fit(contents, { hashBuckets: 0 });
  const ids = contents.map((c) => t.match(c).templateId);
  const n = new Map<string, number>();
  for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
  let sum = 0;
  ids.forEach((id, i) => {
    out[i] = Math.pow(n.get(id)!, -balance);
    sum += out[i]!;
  });
  const scale = contents.length / sum;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * scale;
  return out;
}

/** Macro F1 over the classes present in `truth` (a class never in truth is left out, as in the reports). */
export function macroF1Of(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number {
  const tp = new Float64Array(classes);
  const inTruth = new Float64Array(classes);
  const inPred = new Float64Array(classes);
  for (let i = 0; i < truth.length; i++) {
    inTruth[truth[i]!]++;
    inPred[predicted[i]!]++;
    if (truth[i] === predicted[i]) tp[truth[i]!]++;
  }
  let sum = 0;
  let n = 0;
  for (let c = 0; c < classes; c++) {
    if (inTruth[c] === 0) continue;
    n++;
    sum += (2 * tp[c]!) / (inTruth[c]! + inPred[c]!);
  }
  return n > 0 ? sum / n : 0;
}

/**
 * DANN's label loss is a mean over the labelled (source) lines and its domain loss a mean over all
 * lines (Ganin et al., JMLR 2016, §5: each batch is half source, half target; the label predictor
 * sees the source half). Batches here mix labelled and unlabelled rows and normalise by their whole
 * weight, so the label term is scaled by (source + target weight) / source weight to stay, in
 * expectation, the labelled lines' mean: without it the unlabelled half dilutes the label
 * gradient, and the adapted model learns its classes at half the rate of the one without target
 * lines that it is compared with. 1 without target lines.
 */
export function dannLabelLossScale(sourceWeight: number, targetWeight: number): number {
  if (!(sourceWeight > 0) || !(targetWeight >= 0)) throw new Error(`dannLabelLossScale: weights must be source > 0, target ≥ 0 (got ${sourceWeight}, ${targetWeight})`);
  return (sourceWeight + targetWeight) / sourceWeight;
}

/** The largest factor by which {@link labelShiftDomainScales} multiplies a line's domain weight. */
export const DOMAIN_WEIGHT_CAP = 10;

/**
 * Importance weights of labelled rows in DANN's domain loss (`domainWeighting: "target-classes"`):
 * row i of domain d and class y gets min(prior[y] / p_d(y), cap), p_d the class shares of domain d
 * (by row weight), rescaled so that domain d's total weight is unchanged. Rows without a label or a
 * domain (< 0) keep 1. With no capping, every domain's weighted class shares equal `prior` over the
 * classes it has.
 */
export function labelShiftDomainScales(rows: readonly { label: number; domain: number; weight: number }[], prior: ArrayLike<number>, cap = DOMAIN_WEIGHT_CAP): Float32Array {
  const K = prior.length;
  const mass = new Map<number, Float64Array>();
  for (const r of rows) {
    if (r.label < 0 || r.domain < 0) continue;
    if (r.label >= K) throw new Error(`labelShiftDomainScales: class ${r.label} but a prior over ${K} classes`);
    let m = mass.get(r.domain);
    if (!m) mass.set(r.domain, (m = new Float64Array(K)));
    m[r.label] += r.weight;
  }
  const ratio = new Map<number, Float64Array>();
  for (const [d, m] of mass) {
    const total = m.reduce((a, b) => a + b, 0);
    const q = Float64Array.from(m, (v, y) => (v > 0 ? Math.min(prior[y]! / (v / total), cap) : 0));
    const reweighted = m.reduce((a, v, y) => a + v * q[y]!, 0);
    // A domain whose classes the target (as estimated) has none of keeps its weights.
    ratio.set(d, reweighted > 0 ? q.map((v) => (v * total) / reweighted) : q.fill(1));
  }
  return Float32Array.from(rows, (r) => (r.label < 0 || r.domain < 0 ? 1 : ratio.get(r.domain)![r.label]!));
}

/** Mean of row-major class probabilities [n, classes]: the estimated class shares of the lines. */
export function meanClassShares(probs: Float32Array, classes: number): Float64Array {
  const out = new Float64Array(classes);
  const n = probs.length / classes;
  for (let i = 0; i < probs.length; i++) out[i % classes] += probs[i]! / n;
  return out;
}

/**
 * The distinct (token row, feature row) inputs among lines: their rows and features (first
 * occurrence order) and, for each line, the index of its distinct input.
 */
export function distinctInputs(rows: readonly Int32Array[], feats: Float32Array, featureDim: number): { rows: Int32Array[]; feats: Float32Array; of: Int32Array } {
  const index = new Map<string, number>();
  const of = new Int32Array(rows.length);
  const firsts: number[] = [];
  rows.forEach((r, i) => {
    const key = featureDim > 0 ? `${r.join(",")}|${feats.subarray(i * featureDim, (i + 1) * featureDim).join(",")}` : r.join(",");
    let d = index.get(key);
    if (d === undefined) {
      d = firsts.length;
      index.set(key, d);
      firsts.push(i);
    }
    of[i] = d;
  });
  const outFeats = new Float32Array(firsts.length * featureDim);
  firsts.forEach((i, d) => outFeats.set(feats.subarray(i * featureDim, (i + 1) * featureDim), d * featureDim));
  return { rows: firsts.map((i) => rows[i]!), feats: outFeats, of };
}

/** Labelled lines to fit on; DANN may also get unlabelled lines of the target domain. */
export interface LineTrainingData {
  contents: readonly string[];
  y: ArrayLike<number>;
  /** Domain (source system) of each line. */
  domains: readonly string[];
  validation?: { contents: readonly string[]; y: ArrayLike<number> };
  /** Unlabelled lines of the domain to adapt to (DANN; ignored by the others). */
  target?: { contents: readonly string[]; domains: readonly string[] };
}

/** What fitting did. */
export interface LineFitReport {
  kind: BertLineClassifierKind;
  params: BertLineClassifierParams;
  /** Distinct training rows (lines with the same tokens, features and label merged into weights). */
  distinctRows: number;
  trainLines: number;
  targetRows: number;
  /** valCriterion: −validation macro F1 when epochs are selected by it. */
  epochs: { epoch: number; loss: number; valLoss: number | null; valCriterion?: number; lambda: number; seconds: number }[];
  stoppedBecause: string;
  parameters: ParameterCount;
  seconds: number;
}

/** The saved form (`classifier.json`). */
interface BertLineClassifierFile {
  format: "loglab.bert-line-classifier";
  version: 1;
  kind: BertLineClassifierKind;
  params: BertLineClassifierParams;
  encoder: BertEncoderConfig;
  classes: string[];
  domains: string[];
  featureMean: number[];
  featureStd: number[];
  report: LineFitReport | null;
}

interface Built {
  /** tokens [+ features] → [label logits | domain logits]. */
  full: tf.LayersModel;
  /** tokens → sentence embedding [B, H]. */
  encoder: tf.LayersModel;
  /** embedding [+ features] → the same output (shares the head layers). */
  head: tf.LayersModel;
  reversal: GradientReversal | null;
}

/**
 * A log-line classifier on the pretrained log-text encoder: tokens → encoder → masked mean of
 * the final states (the sentence embedding) [⊕ standardised text statistics and template
 * features] → dense GELU (`headUnits`) → class logits; with adaptation also → gradient reversal →
 * dense ReLU → domain logits (Ganin et al., JMLR 2016: the dense layer and the encoder are G_f,
 * the class layer G_y, the domain branch G_d). Loss per line = class cross-entropy (labelled
 * lines) + domain cross-entropy (every line, reversed into G_f with λ_p), weighted by line counts
 * and class weights; with target lines every step pairs a source batch with a target batch of
 * similar length, the halves weighing the same ({@link pairedDomainBatches}). Early stopping and
 * the kept weights follow the validation class loss or macro F1 only.
 */
export class BertLineClassifier {
  private constructor(
    readonly kind: BertLineClassifierKind,
    readonly params: BertLineClassifierParams,
    readonly tokenizer: WordPieceTokenizer,
    readonly encoderConfig: BertEncoderConfig,
    readonly classes: readonly string[],
    readonly domains: readonly string[],
    private readonly built: Built,
    private readonly templates: LineTemplateFeatures | null,
    private readonly featureMean: Float32Array,
    private readonly featureStd: Float32Array,
    public report: LineFitReport | null,
  ) {}

  /** Number of hand-made features per line (0 unless hybrid). */
  get featureDim(): number {
    return this.featureMean.length;
  }

  /** Trainable and total parameters (LoRA: adapters and head vs everything). */
  get parameters(): ParameterCount {
    return countParameters(this.built.full);
  }

  private static build(kind: BertLineClassifierKind, params: BertLineClassifierParams, encoderConfig: BertEncoderConfig, nClasses: number, nDomains: number, featureDim: number, rng: Rng): Built {
    const cfg: BertEncoderConfig = { ...encoderConfig };
    if (params.encoderTraining === "lora") Object.assign(cfg, { loraRank: params.loraRank, loraAlpha: params.loraAlpha, loraTargets: params.loraTargets });
    const g = buildBertEncoder(cfg, rng.fork("encoder"), LOG_TEXT_ENCODER_PREFIX);
    const tokens = g.inputs[0]!;
    const meanPooled = new MaskedMeanPooling({ name: "sentence_pool" }).apply([g.hidden, tokens]) as tf.SymbolicTensor;
    const pooled =
      params.pooling === "mean-max"
        ? (tf.layers.concatenate({ axis: -1, name: "sentence_pool_concat" }).apply([meanPooled, new MaskedMaxPooling({ name: "sentence_max_pool" }).apply([g.hidden, tokens]) as tf.SymbolicTensor]) as tf.SymbolicTensor)
        : meanPooled;
    const encoder = tf.model({ inputs: tokens, outputs: pooled, name: "sentence_encoder" });
    const H = pooledWidth(params, encoderConfig);
    const hr = rng.fork("head");
    const dropout = new SeededDropout({ rate: params.dropout, seed: hr.seedInt(), name: "head_dropout" });
    const trunk = new FastDense({ units: params.headUnits, activation: "gelu", seed: hr.seedInt(), name: "head_features" });
    const classLayer = new FastDense({ units: nClasses, seed: hr.seedInt(), name: "head_classes" });
    const reversal = params.adaptation ? new GradientReversal({ name: "domain_reversal" }) : null;
    const domainHidden = params.adaptation ? new FastDense({ units: params.domainUnits, activation: "relu", seed: hr.seedInt(), name: "domain_hidden" }) : null;
    const domainLayer = params.adaptation ? new FastDense({ units: nDomains, seed: hr.seedInt(), name: "domain_classes" }) : null;
    const conditional = params.adaptation && params.domainInput === "features-x-classes";
    const outer = conditional ? new OuterProduct({ name: "domain_conditioning" }) : null;
    const probs = conditional ? tf.layers.activation({ activation: "softmax", name: "domain_class_probs" }) : null;
    const concat = featureDim > 0 ? tf.layers.concatenate({ axis: -1, name: "head_concat" }) : null;
    const outConcat = params.adaptation ? tf.layers.concatenate({ axis: -1, name: "head_outputs" }) : null;
    // A reversal layer at λ = 0 passes values and stops gradients: the domain branch's own copy of the feature layer's input.
    const encoderStop = params.adaptation && params.domainGradientReaches === "head" ? new GradientReversal({ name: "domain_encoder_stop", lambda: 0 }) : null;
    const headOn = (emb: tf.SymbolicTensor, feats: tf.SymbolicTensor | null): tf.SymbolicTensor => {
      const joined = concat && feats ? (concat.apply([emb, feats]) as tf.SymbolicTensor) : emb;
      const f = trunk.apply(dropout.apply(joined) as tf.SymbolicTensor) as tf.SymbolicTensor;
      const logits = classLayer.apply(f) as tf.SymbolicTensor;
      if (!reversal || !domainHidden || !domainLayer || !outConcat) return logits;
      // `head`: the domain branch runs the same feature layer on an input whose gradient stops there.
      const fd = encoderStop ? (trunk.apply(dropout.apply(encoderStop.apply(joined) as tf.SymbolicTensor) as tf.SymbolicTensor) as tf.SymbolicTensor) : f;
      const domainIn = outer && probs ? (outer.apply([fd, probs.apply(logits) as tf.SymbolicTensor]) as tf.SymbolicTensor) : fd;
      const d = domainLayer.apply(domainHidden.apply(reversal.apply(domainIn) as tf.SymbolicTensor) as tf.SymbolicTensor) as tf.SymbolicTensor;
      return outConcat.apply([logits, d]) as tf.SymbolicTensor;
    };
    const featIn = featureDim > 0 ? tf.input({ shape: [featureDim], name: "line_features" }) : null;
    const full = tf.model({ inputs: featIn ? [tokens, featIn] : [tokens], outputs: headOn(pooled, featIn), name: kind.replace("-", "_") });
    const embIn = tf.input({ shape: [H], name: "sentence_embedding" });
    const featIn2 = featureDim > 0 ? tf.input({ shape: [featureDim], name: "line_features_head" }) : null;
    const head = tf.model({ inputs: featIn2 ? [embIn, featIn2] : [embIn], outputs: headOn(embIn, featIn2), name: `${kind.replace("-", "_")}_head` });
    const mode = params.encoderTraining;
    setTrainableWeights(full, (layer, weight) => !layer.startsWith(`${LOG_TEXT_ENCODER_PREFIX}_`) || mode === "full" || (mode === "lora" && weight.includes("_lora_")));
    return { full, encoder, head, reversal };
  }

  /** Token rows of lines, cut to maxLength. */
  private rows(contents: readonly string[]): Int32Array[] {
    const L = Math.min(this.params.maxLength, this.encoderConfig.maxLength);
    return contents.map((c) => Int32Array.from(this.tokenizer.encode(c, L)));
  }

  /** Standardised hand-made features of lines, row-major [n, featureDim] (empty unless hybrid). */
  private features(contents: readonly string[]): Float32Array {
    const F = this.featureDim;
    const out = new Float32Array(contents.length * F);
    if (F === 0 || !this.templates) return out;
    const t = this.templates.transform(contents);
    contents.forEach((c, i) => {
      const stats = lineTextStatistics(c);
      for (let j = 0; j < F; j++) {
        const v = j < stats.length ? stats[j]! : t.x[i * t.dim + j - stats.length]!;
        out[i * F + j] = (v - this.featureMean[j]!) / this.featureStd[j]!;
      }
    });
    return out;
  }

  /**
   * Fits a classifier of `kind` on labelled lines, starting from the pretrained encoder.
   *
   * @example
   * const clf = await BertLineClassifier.fit("bert-lora", encoder, { contents, y, domains, validation }, { seed: 42 });
   * clf.predictProba(["Failed password for root"]);
   */
  static async fit(kind: BertLineClassifierKind, pretrained: LogTextEncoder, data: LineTrainingData, options: { seed: number; params?: Partial<BertLineClassifierParams>; classes: readonly string[]; label?: string }): Promise<BertLineClassifier> {
    const started = performance.now();
    await selectBackend();
    const params: BertLineClassifierParams = { ...defaultBertLineParams(kind), ...(options.params ?? {}) };
    if (params.adaptation && kind !== "bert-dann") throw new Error(`${kind}: adaptation is DANN's (use bert-dann)`);
    const K = options.classes.length;
    const rng = new Rng(options.seed);
    if (params.adaptation && params.domainLabels === "source-target") {
      data = { ...data, domains: data.contents.map(() => "source"), ...(data.target ? { target: { contents: data.target.contents, domains: data.target.contents.map(() => "target") } } : {}) };
    }
    const domains = [...new Set([...data.domains, ...(params.adaptation && data.target ? data.target.domains : [])])].sort();
    // Hand-made features (hybrid): fitted on the training lines only.
    let templates: LineTemplateFeatures | null = null;
    let mean = new Float32Array(0);
    let std = new Float32Array(0);
    if (params.templateFeatures) {
      templates = LineTemplateFeatures.fit(data.contents, { hashBuckets: params.hashBuckets });
      const t = templates.transform(data.contents);
      const F = TEXT_STATISTIC_NAMES.length + t.dim;
      const sum = new Float64Array(F);
      const sq = new Float64Array(F);
      data.contents.forEach((c, i) => {
        const s = lineTextStatistics(c);
        for (let j = 0; j < F; j++) {
          const v = j < s.length ? s[j]! : t.x[i * t.dim + j - s.length]!;
          sum[j] += v;
          sq[j] += v * v;
        }
      });
      const n = Math.max(1, data.contents.length);
      mean = Float32Array.from(sum, (s) => s / n);
      std = Float32Array.from(sq, (q, j) => Math.sqrt(Math.max(q / n - mean[j]! ** 2, 0)) || 1);
    }
    const built = BertLineClassifier.build(kind, params, pretrained.config, K, domains.length, mean.length, rng);
    loadEncoderWeightsInto(built.full, pretrained.weights);
    const clf = new BertLineClassifier(kind, params, pretrained.tokenizer, pretrained.config, [...options.classes], domains, built, templates, mean, std, null);
    clf.report = await clf.train(data, rng, options.label ?? kind, started);
    return clf;
  }

  private async train(data: LineTrainingData, rng: Rng, label: string, started: number): Promise<LineFitReport> {
    const p = this.params;
    const K = this.classes.length;
    const D = p.adaptation ? this.domains.length : 0;
    const F = this.featureDim;
    // Class weights from training counts.
    const counts = new Float64Array(K);
    for (let i = 0; i < data.y.length; i++) counts[data.y[i]!]++;
    const present = Array.from(counts).filter((c) => c > 0).length;
    const classWeight = Array.from(counts, (c) => (c > 0 ? Math.pow(data.y.length / (present * c), p.classBalance) : 0));
    // Distinct (tokens, features, label, domain) rows with summed weights.
    interface Row { tokens: Int32Array; feats: Float32Array; label: number; domain: number; weight: number }
    const merge = (contents: readonly string[], labels: ArrayLike<number> | null, domainNames: readonly string[] | null, weightOf: (label: number, line: number) => number): Row[] => {
      const rows = this.rows(contents);
      const feats = this.features(contents);
      const byKey = new Map<string, Row>();
      rows.forEach((r, i) => {
        const f = feats.subarray(i * F, (i + 1) * F);
        const lab = labels ? labels[i]! : -1;
        const dom = domainNames && D > 0 ? this.domains.indexOf(domainNames[i]!) : -1;
        const key = `${r.join(",")}|${Array.from(f, (v) => v.toFixed(3)).join(",")}|${lab}|${dom}`;
        const hit = byKey.get(key);
        if (hit) hit.weight += weightOf(lab, i);
        else byKey.set(key, { tokens: r, feats: f.slice(), label: lab, domain: dom, weight: weightOf(lab, i) });
      });
      return [...byKey.values()];
    };
    const lineWeight = templateBalanceWeights(data.contents, p.templateBalance, this.templates);
    const trainRows = merge(data.contents, data.y, data.domains, (l, i) => classWeight[l]! * lineWeight[i]!);
    let targetRows: Row[] = [];
    if (p.adaptation && data.target && data.target.contents.length > 0) {
      // Unlabelled target lines, weighted by their counts; each batch rescales them to equal halves.
      targetRows = merge(data.target.contents, null, data.target.domains, () => 1);
      if (p.targetRowWeighting === "distinct") for (const r of targetRows) r.weight = 1;
    }
    const allRows = [...trainRows, ...targetRows];
    const adapting = targetRows.length > 0;
    // Domain-loss factor per row of allRows (importance-weighted DANN), refreshed every epoch.
    let domainScale: Float32Array | null = null;
    const refreshDomainScales = (epoch: number): void => {
      if (!(adapting && p.domainWeighting === "target-classes" && data.target)) return;
      // Epoch 1 has λ = 0 and an untrained label head: the sources' own shares (null: every factor 1).
      domainScale = epoch === 1 ? null : labelShiftDomainScales(allRows, meanClassShares(this.predictProba(data.target.contents), K));
    };
    const valRows = data.validation && data.validation.contents.length > 0 ? merge(data.validation.contents, data.validation.y, null, (l) => classWeight[l] ?? 0) : [];
    const frozen = p.encoderTraining === "frozen";
    // Frozen encoder: sentence embeddings computed once per distinct row; only the head trains.
    const embed = (rows: readonly Row[]): Float32Array | null => (frozen ? this.embedRows(rows.map((r) => r.tokens)) : null);
    const H = pooledWidth(p, this.encoderConfig);
    // VADA's target entropy: one more target column carries its weight on the target rows (0 elsewhere).
    const beta = adapting ? (p.targetEntropyWeight ?? 0) : 0;
    const E = beta > 0 ? 1 : 0;
    const Y = K + D + E;
    const examples = (rows: readonly Row[], withDomain: boolean): WeightedExamples => {
      const emb = embed(rows);
      const lengths = Int32Array.from(rows, (r) => r.tokens.length);
      return {
        count: rows.length,
        batch: (idx) => {
          const B = idx.length;
          const T = Math.max(...Array.from(idx, (i) => rows[i]!.tokens.length));
          const y = new Float32Array(B * Y);
          const w = new Float32Array(B);
          const f = new Float32Array(B * F);
          // DANN: the batch's target rows weigh as much in total as its labelled ones (equal
          // halves), and the class term is scaled back to a mean over the labelled half.
          let sourceW = 0;
          let targetW = 0;
          if (withDomain && adapting) idx.forEach((i) => (rows[i]!.label >= 0 ? (sourceW += rows[i]!.weight) : (targetW += rows[i]!.weight)));
          const targetScale = sourceW > 0 && targetW > 0 ? sourceW / targetW : 1;
          const classScale = sourceW > 0 && targetW > 0 ? dannLabelLossScale(sourceW, sourceW) : 1;
          idx.forEach((i, b) => {
            const r = rows[i]!;
            if (r.label >= 0) y[b * Y + r.label] = classScale;
            else if (E > 0 && withDomain) y[b * Y + K + D] = beta * classScale;
            if (withDomain && r.domain >= 0) y[b * Y + K + r.domain] = domainScale ? domainScale[i]! : 1;
            w[b] = r.label >= 0 ? r.weight : r.weight * targetScale;
            f.set(r.feats, b * F);
          });
          let first: tf.Tensor;
          if (emb) {
            const e = new Float32Array(B * H);
            idx.forEach((i, b) => e.set(emb.subarray(i * H, (i + 1) * H), b * H));
            first = tf.tensor2d(e, [B, H]);
          } else {
            const tok = new Float32Array(B * T);
            idx.forEach((i, b) => tok.set(rows[i]!.tokens, b * T));
            first = tf.tensor2d(tok, [B, T]);
          }
          const x = F > 0 ? [first, tf.tensor2d(f, [B, F])] : [first];
          return { x, y: tf.tensor2d(y, [B, Y]), w: tf.tensor1d(w) };
        },
        batches: (r, size) => {
          if (!(withDomain && adapting)) return lengthSortedBatches(lengths, size, size * 64, r);
          // Every step: a source batch and a target batch of similar length (Ganin et al. §5.2.2).
          const nS = trainRows.length;
          return pairedDomainBatches(lengths.subarray(0, nS), lengths.subarray(nS), size, size * 64, r);
        },
      };
    };
    const loss = (yTrue: tf.Tensor, out: tf.Tensor): tf.Tensor1D =>
      tf.tidy(() => {
        const B = out.shape[0]!;
        const ce = (t: tf.Tensor, logits: tf.Tensor): tf.Tensor1D => {
          const m = tf.max(logits, 1, true);
          const shifted = tf.sub(logits, m);
          const lse = tf.log(tf.sum(tf.exp(shifted), 1, true));
          return tf.neg(tf.sum(tf.mul(t, tf.sub(shifted, lse)), 1)) as tf.Tensor1D; // 0 where t is all zero
        };
        if (D === 0) return ce(yTrue, out);
        const [yc, yd, ye] = tf.split(yTrue, E > 0 ? [K, D, E] : [K, D], 1) as tf.Tensor2D[];
        const [lc, ld] = tf.split(out as tf.Tensor2D, [K, D], 1) as [tf.Tensor2D, tf.Tensor2D];
        const both = tf.add(ce(yc!, lc), ce(yd!, ld));
        if (!ye) return both.reshape([B]) as tf.Tensor1D;
        // Entropy of the class softmax, −Σ p log p, weighted per row by the target column.
        const logp = tf.logSoftmax(lc, 1);
        const entropy = tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1));
        return tf.add(both, tf.mul(entropy, ye.reshape([B]))).reshape([B]) as tf.Tensor1D;
      });
    const model = frozen ? this.built.head : this.built.full;
    const epochs: LineFitReport["epochs"] = [];
    const lambdaAt = (epoch: number): number => (p.adaptation ? p.adaptationWeight * dannLambda((epoch - 1) / Math.max(1, p.epochs - 1)) : 0);
    const result = await trainWeighted(model, examples(allRows, true), valRows.length ? examples(valRows, false) : null, loss, {
      epochs: p.epochs,
      batchSize: p.batchSize,
      learningRate: p.learningRate,
      schedule: { kind: "cosine", minLearningRate: p.learningRate / 10 },
      earlyStopping: p.patience > 0 && valRows.length ? { patience: p.patience, minDelta: 1e-4 } : null,
      restoreBest: valRows.length > 0,
      ...(p.selectEpochBy === "macro-f1" && data.validation && data.validation.contents.length > 0 ? { validationCriterion: () => -macroF1Of(data.validation!.y, this.predict(data.validation!.contents), K) } : {}),
      maxSeconds: p.maxSeconds,
      clipNorm: 1,
      rng: rng.fork("batches"),
      label,
      beforeEpoch: (epoch) => {
        if (this.built.reversal) this.built.reversal.lambda = lambdaAt(epoch);
        refreshDomainScales(epoch);
      },
    });
    result.history.forEach((h) => epochs.push({ epoch: h.epoch, loss: h.loss, valLoss: h.valLoss ?? null, ...(h.valCriterion !== undefined ? { valCriterion: h.valCriterion } : {}), lambda: lambdaAt(h.epoch), seconds: h.seconds }));
    return {
      kind: this.kind,
      params: p,
      distinctRows: trainRows.length,
      trainLines: data.contents.length,
      targetRows: targetRows.length,
      epochs,
      stoppedBecause: result.stoppedBecause,
      parameters: countParameters(model),
      seconds: (performance.now() - started) / 1000,
    };
  }

  /** Sentence embeddings of token rows, row-major [n, hidden], in length-sorted batches. */
  private embedRows(rows: readonly Int32Array[]): Float32Array {
    const H = pooledWidth(this.params, this.encoderConfig);
    const out = new Float32Array(rows.length * H);
    for (const idx of lengthSortedBatches(Int32Array.from(rows, (r) => r.length), 128, 128 * 64, null)) {
      const T = Math.max(...Array.from(idx, (i) => rows[i]!.length));
      const tok = new Float32Array(idx.length * T);
      idx.forEach((i, b) => tok.set(rows[i]!, b * T));
      const e = tf.tidy(() => (this.built.encoder.predict(tf.tensor2d(tok, [idx.length, T])) as tf.Tensor).dataSync() as Float32Array);
      idx.forEach((i, b) => out.set(e.subarray(b * H, (b + 1) * H), i * H));
    }
    return out;
  }

  /** Sentence embeddings of lines (the encoder as fine-tuned), row-major [n, hidden] (mean-max pooling: [n, 2 × hidden]); each distinct token row is run once. */
  embed(contents: readonly string[]): Float32Array {
    const H = pooledWidth(this.params, this.encoderConfig);
    const { rows, of } = distinctInputs(this.rows(contents), new Float32Array(0), 0);
    const distinct = this.embedRows(rows);
    const out = new Float32Array(contents.length * H);
    of.forEach((d, i) => out.set(distinct.subarray(d * H, (d + 1) * H), i * H));
    return out;
  }

  /**
   * Class probabilities of lines, row-major [n, classes], in length-sorted batches of `batchSize`
   * (default 128). Lines with the same token row and features (log lines repeat: in 100 lines of
   * one LogHub system, most share a row with another once numbers are `[NUM]`) are run
   * through the network once and share its output.
   */
  predictProba(contents: readonly string[], batchSize = 128): Float32Array {
    const K = this.classes.length;
    const F = this.featureDim;
    const { rows, feats, of } = distinctInputs(this.rows(contents), this.features(contents), F);
    const distinct = new Float32Array(rows.length * K);
    const batches = rows.length === 1 ? [Int32Array.of(0)] : lengthSortedBatches(Int32Array.from(rows, (r) => r.length), batchSize, batchSize * 64, null);
    for (const idx of batches) {
      const B = idx.length;
      const T = Math.max(...Array.from(idx, (i) => rows[i]!.length));
      const tok = new Float32Array(B * T);
      const f = new Float32Array(B * F);
      idx.forEach((i, b) => {
        tok.set(rows[i]!, b * T);
        f.set(feats.subarray(i * F, (i + 1) * F), b * F);
      });
      const probs = tf.tidy(() => {
        const x = F > 0 ? [tf.tensor2d(tok, [B, T]), tf.tensor2d(f, [B, F])] : tf.tensor2d(tok, [B, T]);
        let o = this.built.full.predict(x) as tf.Tensor2D;
        if (this.params.adaptation) o = tf.slice(o, [0, 0], [B, K]);
        return tf.softmax(o).dataSync() as Float32Array;
      });
      idx.forEach((i, b) => distinct.set(probs.subarray(b * K, (b + 1) * K), i * K));
    }
    const out = new Float32Array(contents.length * K);
    of.forEach((d, i) => out.set(distinct.subarray(d * K, (d + 1) * K), i * K));
    return out;
  }

  /** The most likely class of each line. */
  predict(contents: readonly string[]): Int32Array {
    const K = this.classes.length;
    const p = this.predictProba(contents);
    return Int32Array.from(contents, (_, i) => {
      let best = 0;
      for (let c = 1; c < K; c++) if (p[i * K + c]! > p[i * K + best]!) best = c;
      return best;
    });
  }

  /** Writes the classifier into `dir`: classifier.json, tokenizer.json, weights.{json,bin}, templates.json (hybrid). */
  async save(dir: string): Promise<string[]> {
    const named: Record<string, tf.Tensor> = {};
    for (const layer of this.built.full.layers) for (const w of layer.weights) named[weightKey(layer.name, w.originalName)] = w.read();
    await saveNamedTensors(dir, "weights", named);
    this.tokenizer.save(join(dir, "tokenizer.json"));
    const files = ["classifier.json", "tokenizer.json", "weights.json", "weights.bin"];
    if (this.templates) {
      writeJsonAtomic(join(dir, "templates.json"), this.templates.toJSON());
      files.push("templates.json");
    }
    const file: BertLineClassifierFile = { format: "loglab.bert-line-classifier", version: 1, kind: this.kind, params: this.params, encoder: this.encoderConfig, classes: [...this.classes], domains: [...this.domains], featureMean: Array.from(this.featureMean), featureStd: Array.from(this.featureStd), report: this.report };
    writeJsonAtomic(join(dir, "classifier.json"), file);
    return files;
  }

  /** Loads a classifier saved by {@link save}; errors name the folder and what is wrong. */
  static async load(dir: string): Promise<BertLineClassifier> {
    await selectBackend();
    const path = join(dir, "classifier.json");
    if (!existsSync(path)) throw new Error(`${dir} holds no BERT line classifier (classifier.json is missing)`);
    const file = JSON.parse(readFileSync(path, "utf8")) as Partial<BertLineClassifierFile>;
    if (file.format !== "loglab.bert-line-classifier" || file.version !== 1 || !file.kind || !file.params || !file.encoder || !file.classes || !file.domains) throw new Error(`${path}: not a loglab.bert-line-classifier v1 file`);
    const tokenizer = WordPieceTokenizer.load(join(dir, "tokenizer.json"));
    const templates = file.params.templateFeatures ? LineTemplateFeatures.fromJSON(JSON.parse(readFileSync(join(dir, "templates.json"), "utf8")), join(dir, "templates.json")) : null;
    const mean = Float32Array.from(file.featureMean ?? []);
    const built = BertLineClassifier.build(file.kind, file.params, file.encoder, file.classes.length, file.domains.length, mean.length, new Rng(0));
    const tensors = loadNamedTensors(dir, "weights");
    try {
      for (const layer of built.full.layers) {
        for (const w of layer.weights) {
          const key = weightKey(layer.name, w.originalName);
          const t = tensors[key];
          if (!t) throw new Error(`${dir}/weights.json has no weight ${key}`);
          w.write(t);
        }
      }
    } finally {
      Object.values(tensors).forEach((t) => t.dispose());
    }
    return new BertLineClassifier(file.kind, file.params, tokenizer, file.encoder, file.classes, file.domains, built, templates, mean, Float32Array.from(file.featureStd ?? []), file.report ?? null);
  }

  /** The encoder's weights as fine-tuned (to embed with, or to start another model from). */
  encoderWeights(): Map<string, tf.Tensor> {
    return encoderWeightsOf(this.built.full);
  }

  /**
   * Frees the model's tensors. The head layers are referenced by two models (full and head-only),
   * so both release them; the encoder's layers go with the full model (disposing the encoder-only
   * model too would dispose them twice).
   */
  dispose(): void {
    this.built.head.dispose();
    this.built.full.dispose();
  }
}
