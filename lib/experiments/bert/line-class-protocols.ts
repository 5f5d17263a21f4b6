import { PCA } from "ml-pca";
import { supportedClassReport, type SupportedClassReport } from "../../eval/supported-class-report.js";
import { countMatrix, KeyVocabulary } from "../../features/count-matrix.js";
import { lineTextStatistics } from "../../features/line-template-features.js";
import { LineTemplateFeatures } from "../../features/line-template-features.js";
import { CountTransform } from "../../features/tfidf.js";
import type { LabelledLogLines } from "../labelling/labelled-log-lines.js";
import { Rng } from "../../runtime/rng.js";
import { progress } from "../../runtime/progress.js";
import { leaveOneSystemOutSplits, randomLineSplit, templateLineSplit, type LineProtocol, type LineSplit } from "../../windows/line-protocols.js";
import { mergeDuplicateRows } from "../../models/classic/classifier.js";
import { GradientBoosting } from "../../models/classic/gradient-boosting.js";
import { logClassClassifier, templateTokens } from "../classic/log-class-experiment.js";
import { RandomForest } from "../../models/classic/random-forest.js";
import { BertLineClassifier, type BertLineClassifierKind, type BertLineClassifierParams } from "../../models/bert/bert-line-classifier.js";
import { embedWithEncoder } from "../../models/bert/sentence-embeddings.js";
import type { LogTextEncoder } from "../../models/bert/log-text-encoder.js";
import { defaultExperimentWorkers, runOnChildPool } from "../workers/child-pool.js";

/** Models on encoder features: gradient boosting and random forest on [embedding ⊕ text statistics ⊕ template features]. */
export const ENCODER_FEATURE_MODELS = ["bert-features-gbdt", "bert-features-rf"] as const;
/** One of {@link ENCODER_FEATURE_MODELS}. */
export type EncoderFeatureModel = (typeof ENCODER_FEATURE_MODELS)[number];
/** notebook 05's 7-class models (tf-idf of template tokens), by their names there. */
export const CLASSIC_LINE_MODELS = ["logistic-regression", "linear-svm", "decision-tree", "random-forest", "gbdt"] as const;
/** One of {@link CLASSIC_LINE_MODELS}. */
export type ClassicLineModel = (typeof CLASSIC_LINE_MODELS)[number];
/** Every model the protocols can run. */
export type LineModelName = BertLineClassifierKind | BertDannVariant | EncoderFeatureModel | ClassicLineModel;

/**
 * DANN's variants beside `bert-dann` (domain head over the systems): `bert-dann-two-domains`, the
 * domain head telling labelled lines from the target's (Ganin et al.'s two-domain setting),
 * `bert-dann-conditional`, the domain head reading features ⊗ class probabilities (CDAN, Long et
 * al. 2018), `bert-dann-label-shift`, the domain loss reweighted to the target's estimated class
 * shares (importance-weighted DANN, Combes et al. 2020), `bert-dann-entropy`, DANN plus the
 * entropy of the class predictions on the target's lines (VADA, Shu et al. 2018),
 * `bert-dann-distinct-target`, every distinct target row weighing the same in the domain loss,
 * `bert-dann-head-only`, the reversed gradient stopping at the head's feature layer, and
 * `bert-dann-no-adaptation`, the same model without the domain head.
 */
export const BERT_DANN_VARIANTS = ["bert-dann-two-domains", "bert-dann-conditional", "bert-dann-label-shift", "bert-dann-entropy", "bert-dann-distinct-target", "bert-dann-head-only", "bert-dann-no-adaptation"] as const;
/** One of {@link BERT_DANN_VARIANTS}. */
export type BertDannVariant = (typeof BERT_DANN_VARIANTS)[number];
/** The leave-one-system-out models by default: DANN as the issue designs it, Ganin et al.'s two domains, and no adaptation. */
export const DEFAULT_LOSO_MODELS: readonly LineModelName[] = ["bert-dann", "bert-dann-two-domains", "bert-dann-no-adaptation"];
const DANN_VARIANT_PARAMS: Record<BertDannVariant, Partial<BertLineClassifierParams>> = {
  "bert-dann-two-domains": { domainLabels: "source-target" },
  "bert-dann-conditional": { domainInput: "features-x-classes" },
  "bert-dann-label-shift": { domainWeighting: "target-classes" },
  // β = 0.1, the same scale as the reversal's largest factor (not tuned on the held-out systems).
  "bert-dann-entropy": { targetEntropyWeight: 0.1 },
  "bert-dann-distinct-target": { targetRowWeighting: "distinct" },
  "bert-dann-head-only": { domainGradientReaches: "head" },
  "bert-dann-no-adaptation": { adaptation: false },
};

/** One model on one split. */
export interface LineModelResult {
  protocol: LineProtocol;
  split: string;
  model: LineModelName;
  family: "bert" | "encoder features" | "classic";
  report: SupportedClassReport;
  /** Test line indices and the predicted class of each. */
  test: Int32Array;
  predicted: Int32Array;
  fitSeconds: number;
  /** Trainable / total parameters (BERT models). */
  parameters: { trainable: number; total: number } | null;
  /** Training curve (BERT models). */
  epochs: { epoch: number; loss: number; valLoss: number | null }[];
}

/** Options of {@link runLineClassProtocols}. */
export interface LineClassProtocolOptions {
  lines: LabelledLogLines;
  encoder: LogTextEncoder;
  seed: number;
  protocols: readonly LineProtocol[];
  /** Models on the random and template splits. */
  models: readonly LineModelName[];
  /** Models on every leave-one-system-out split (default {@link DEFAULT_LOSO_MODELS}; bert-dann-conditional on request). */
  losoModels?: readonly LineModelName[];
  /** Only these held-out systems (default all). */
  losoSystems?: readonly string[];
  /** Parameter overrides per BERT kind (all protocols), then per protocol. */
  params?: Partial<Record<BertLineClassifierKind, Partial<BertLineClassifierParams>>>;
  losoParams?: Partial<BertLineClassifierParams>;
  /** Called after each model (progress in notebooks). */
  onResult?: (r: LineModelResult) => void;
  /** Keep the fitted classifiers of these BERT models on the random split (for latency, the embedding map, the CLI); the caller disposes them. */
  keep?: readonly LineModelName[];
  /**
   * Fits run at once, each in a child process that loads the encoder from `encoderDir` (default
   * `LOGLAB_WORKERS`, else the cores; 1 = serial, in this process). Without `encoderDir` the run
   * is serial. Kept models fit in this process. Results equal a serial run's (tested).
   */
  workers?: number;
  /** The folder `encoder` was saved to or loaded from (what a worker loads). */
  encoderDir?: string;
}

/** What every fit of a protocol run shares: in a worker, sent once and kept ({@link lineClassJobHandler}). */
export interface LineFitContext {
  lines: LabelledLogLines;
  encoder: LogTextEncoder;
  seed: number;
  params?: LineClassProtocolOptions["params"];
  losoParams?: Partial<BertLineClassifierParams>;
}

/** Everything the protocols produced. */
export interface LineClassProtocolResults {
  classes: readonly string[];
  results: LineModelResult[];
  splits: LineSplit[];
  seconds: number;
  /** The classifiers asked for with `keep` (random split). */
  kept: Partial<Record<LineModelName, BertLineClassifier>>;
}

function take<T>(xs: readonly T[], idx: Int32Array): T[] {
  return Array.from(idx, (i) => xs[i]!);
}

/** tf-idf of template tokens fitted on the training lines (notebook 05's features), for any split. */
function classicFeatures(lines: LabelledLogLines, split: LineSplit, maxTokens = 300): { train: Float64Array[]; validation: Float64Array[]; test: Float64Array[] } {
  const tokens = lines.template.map((t) => templateTokens(t));
  const df = new Map<string, number>();
  for (const i of split.train) for (const t of new Set(tokens[i]!)) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxTokens);
  const ids = new Map(kept.map(([t], j) => [t, j]));
  const seqs = tokens.map((ts) => ts.map((t) => ids.get(t) ?? -1));
  const vocab = KeyVocabulary.fit([kept.map((_, j) => j)]);
  const transform = CountTransform.fit(countMatrix(Array.from(split.train, (i) => seqs[i]!), vocab).matrix, { termWeighting: "tf-idf" });
  const make = (idx: Int32Array): Float64Array[] => transform.transform(countMatrix(Array.from(idx, (i) => seqs[i]!), vocab).matrix);
  return { train: make(split.train), validation: make(split.validation), test: make(split.test) };
}

function runClassic(name: ClassicLineModel, lines: LabelledLogLines, split: LineSplit, seed: number): LineModelResult {
  const t0 = performance.now();
  const f = classicFeatures(lines, split);
  const y = Int32Array.from(split.train, (i) => lines.y[i]!);
  const merged = mergeDuplicateRows(f.train, y, new Float64Array(f.train.length).fill(1));
  const model = logClassClassifier(name, {}, new Rng(seed).fork(`${name}-false`).fork("model"));
  model.fit(merged.x, merged.y, { nClasses: lines.classes.length, sampleWeights: merged.w, validation: { x: f.validation, y: Int32Array.from(split.validation, (i) => lines.y[i]!) } });
  const predicted = model.predict(f.test);
  return result(split, name, "classic", lines, predicted, (performance.now() - t0) / 1000, null, []);
}

function result(split: LineSplit, model: LineModelName, family: LineModelResult["family"], lines: LabelledLogLines, predicted: Int32Array, fitSeconds: number, parameters: LineModelResult["parameters"], epochs: LineModelResult["epochs"]): LineModelResult {
  const truth = Int32Array.from(split.test, (i) => lines.y[i]!);
  const trainY = Int32Array.from(split.train, (i) => lines.y[i]!);
  return { protocol: split.protocol, split: split.name, model, family, report: supportedClassReport(truth, predicted, lines.classes, trainY), test: split.test, predicted, fitSeconds, parameters, epochs };
}

/** [embedding ⊕ text statistics ⊕ template features] rows of lines (template features fitted on the training lines). */
export function encoderFeatureRows(encoder: LogTextEncoder, lines: LabelledLogLines, split: LineSplit): { train: Float64Array[]; validation: Float64Array[]; test: Float64Array[]; dim: number } {
  const all = [...split.train, ...split.validation, ...split.test];
  const emb = embedWithEncoder(encoder, take(lines.content, Int32Array.from(all)));
  const H = encoder.config.hidden;
  const templates = LineTemplateFeatures.fit(take(lines.content, split.train));
  const pos = new Map(all.map((i, k) => [i, k]));
  const rows = (idx: Int32Array): Float64Array[] => {
    const t = templates.transform(take(lines.content, idx));
    return Array.from(idx, (i, r) => {
      const stats = lineTextStatistics(lines.content[i]!);
      const k = pos.get(i)!;
      const out = new Float64Array(H + stats.length + t.dim);
      for (let j = 0; j < H; j++) out[j] = emb[k * H + j]!;
      out.set(stats, H);
      for (let j = 0; j < t.dim; j++) out[H + stats.length + j] = t.x[r * t.dim + j]!;
      return out;
    });
  };
  const train = rows(split.train);
  return { train, validation: rows(split.validation), test: rows(split.test), dim: train[0]?.length ?? 0 };
}

function runEncoderFeatures(name: EncoderFeatureModel, encoder: LogTextEncoder, lines: LabelledLogLines, split: LineSplit, seed: number, cache: EncoderFeatureCache): LineModelResult {
  const t0 = performance.now();
  let f = cache.get(split.name);
  if (!f) {
    f = encoderFeatureRows(encoder, lines, split);
    cache.set(split.name, f);
  }
  const y = Int32Array.from(split.train, (i) => lines.y[i]!);
  const rng = new Rng(seed).fork(name);
  const merged = mergeDuplicateRows(f.train, y, new Float64Array(f.train.length).fill(1));
  const model = name === "bert-features-gbdt" ? new GradientBoosting({ nRounds: 100, learningRate: 0.1, maxDepth: 6, earlyStoppingRounds: 10 }, rng) : new RandomForest({ nEstimators: 100, maxDepth: 0, minSamplesLeaf: 1 }, rng);
  model.fit(merged.x, merged.y, { nClasses: lines.classes.length, sampleWeights: merged.w, validation: { x: f.validation, y: Int32Array.from(split.validation, (i) => lines.y[i]!) } });
  return result(split, name, "encoder features", lines, model.predict(f.test), (performance.now() - t0) / 1000, null, []);
}

async function runBert(name: BertLineClassifierKind | BertDannVariant, o: LineFitContext, split: LineSplit, extra: Partial<BertLineClassifierParams>): Promise<{ result: LineModelResult; classifier: BertLineClassifier }> {
  const variant = (BERT_DANN_VARIANTS as readonly string[]).includes(name) ? DANN_VARIANT_PARAMS[name as BertDannVariant] : null;
  const kind: BertLineClassifierKind = variant ? "bert-dann" : (name as BertLineClassifierKind);
  const params: Partial<BertLineClassifierParams> = { ...(o.params?.[kind] ?? {}), ...extra, ...(variant ?? {}) };
  const { lines } = o;
  const clf = await BertLineClassifier.fit(
    kind,
    o.encoder,
    {
      contents: take(lines.content, split.train),
      y: Int32Array.from(split.train, (i) => lines.y[i]!),
      domains: take(lines.systemOf, split.train),
      validation: { contents: take(lines.content, split.validation), y: Int32Array.from(split.validation, (i) => lines.y[i]!) },
      // DANN adapts to the lines it is tested on, without their labels (the unlabelled target domain).
      target: { contents: take(lines.content, split.test), domains: take(lines.systemOf, split.test) },
    },
    { seed: o.seed, params, classes: lines.classes, label: `${name} ${split.name}` },
  );
  const predicted = clf.predict(take(lines.content, split.test));
  const rep = clf.report!;
  return { result: result(split, name, "bert", lines, predicted, rep.seconds, rep.parameters, rep.epochs.map((e) => ({ epoch: e.epoch, loss: e.loss, valLoss: e.valLoss }))), classifier: clf };
}

/** One model on one split. */
export interface LineFitJob {
  model: LineModelName;
  split: LineSplit;
}

/** Encoder features per split name (gradient boosting and random forest share them). */
export type EncoderFeatureCache = Map<string, ReturnType<typeof encoderFeatureRows>>;

/** What a worker receives once: {@link LineFitContext} with the encoder's folder instead of the encoder. */
export interface LineFitWorkerContext extends Omit<LineFitContext, "encoder"> {
  encoderDir: string;
}

/** Fits and tests one model on one split (a BERT model's classifier is returned for the caller to keep or dispose). */
export async function runLineFit(ctx: LineFitContext, job: LineFitJob, featureCache: EncoderFeatureCache): Promise<{ result: LineModelResult; classifier: BertLineClassifier | null }> {
  const { model, split } = job;
  if ((CLASSIC_LINE_MODELS as readonly string[]).includes(model)) return { result: runClassic(model as ClassicLineModel, ctx.lines, split, ctx.seed), classifier: null };
  if ((ENCODER_FEATURE_MODELS as readonly string[]).includes(model)) return { result: runEncoderFeatures(model as EncoderFeatureModel, ctx.encoder, ctx.lines, split, ctx.seed, featureCache), classifier: null };
  return runBert(model as BertLineClassifierKind, ctx, split, split.protocol === "loso" ? (ctx.losoParams ?? {}) : {});
}

/**
 * Runs the line classifiers under the three protocols, side by side: (a) random split by line,
 * (b) split by template (notebook 05's split: no test template in training), (c) leave one system
 * out (train on 15 systems, test on the 16th; DANN adapts with the held-out system's unlabelled
 * lines, compared with the same model without adaptation). Every model on a split sees the same
 * train / validation / test lines; scores count only classes with test support.
 */
export async function runLineClassProtocols(o: LineClassProtocolOptions): Promise<LineClassProtocolResults> {
  const started = performance.now();
  const { lines } = o;
  const splits: LineSplit[] = [];
  if (o.protocols.includes("random")) splits.push(randomLineSplit(lines.y.length, o.seed));
  if (o.protocols.includes("template")) splits.push(templateLineSplit(lines.group, o.seed));
  if (o.protocols.includes("loso")) splits.push(...leaveOneSystemOutSplits(lines.systemOf, lines.group, o.seed).filter((s) => !o.losoSystems || o.losoSystems.includes(s.heldOut!)));
  const featureCache: EncoderFeatureCache = new Map();
  const jobs = splits.flatMap((s) => (s.protocol === "loso" ? (o.losoModels ?? DEFAULT_LOSO_MODELS) : o.models).map((m) => ({ split: s, model: m })));
  const keptJob = (j: LineFitJob): boolean => j.split.protocol === "random" && (o.keep?.includes(j.model) ?? false);
  const results: (LineModelResult | undefined)[] = new Array(jobs.length);
  const kept: Partial<Record<LineModelName, BertLineClassifier>> = {};
  const workers = o.encoderDir === undefined ? 1 : (o.workers ?? defaultExperimentWorkers());
  const pooled = workers > 1 ? jobs.flatMap((j, i) => (keptJob(j) ? [] : [i])) : [];
  const bar = progress({ label: "line protocols", total: jobs.length, unit: "fits" });
  const finished = (i: number, r: LineModelResult): void => {
    results[i] = r;
    o.onResult?.(r);
    bar.tick();
  };
  try {
    // With workers, the pool starts first and the kept classifiers (which stay in this process) fit
    // beside it, so no core waits for them; a failure here stops the pool.
    const stop = new AbortController();
    const context: LineFitWorkerContext = { lines, encoderDir: o.encoderDir!, seed: o.seed, params: o.params, losoParams: o.losoParams };
    const pool: Promise<Error | null> =
      pooled.length > 0
        ? runOnChildPool<LineFitJob, LineModelResult>({ kind: "line-class", context, jobs: pooled.map((i) => jobs[i]!), workers, describe: (j) => `${j.model} ${j.split.name}`, onDone: (k, r) => finished(pooled[k]!, r), signal: stop.signal }).then(
            () => null,
            (e: unknown) => e as Error,
          )
        : Promise.resolve(null);
    try {
      for (let i = 0; i < jobs.length; i++) {
        if (pooled.includes(i)) continue;
        const fitted = await runLineFit(o, jobs[i]!, featureCache);
        if (fitted.classifier && keptJob(jobs[i]!)) kept[jobs[i]!.model] = fitted.classifier;
        else fitted.classifier?.dispose();
        finished(i, fitted.result);
      }
    } catch (err) {
      stop.abort();
      await pool;
      throw err;
    }
    const failed = await pool;
    if (failed) throw failed;
  } catch (err) {
    for (const c of Object.values(kept)) c.dispose();
    throw err;
  } finally {
    bar.done();
  }
  return { classes: lines.classes, results: results as LineModelResult[], splits, seconds: (performance.now() - started) / 1000, kept };
}

/** Macro and weighted F1 per model for one protocol (LOSO: the mean over held-out systems). */
export function protocolScores(results: readonly LineModelResult[], protocol: LineProtocol): Record<string, { macroF1: number; weightedF1: number; macroF1Shared: number | null; splits: number }> {
  const out: Record<string, { macroF1: number; weightedF1: number; macroF1Shared: number | null; splits: number }> = {};
  const byModel = new Map<string, LineModelResult[]>();
  for (const r of results) if (r.protocol === protocol) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r]);
  for (const [m, rs] of byModel) {
    const mean = (f: (r: LineModelResult) => number): number => rs.reduce((s, r) => s + f(r), 0) / rs.length;
    const shared = rs.every((r) => r.report.macroF1Shared !== null) ? mean((r) => r.report.macroF1Shared!) : null;
    out[m] = { macroF1: mean((r) => r.report.macroF1), weightedF1: mean((r) => r.report.weightedF1), macroF1Shared: shared, splits: rs.length };
  }
  return out;
}

/** One row per model × protocol: macro F1, weighted F1, macro F1 over classes in both parts, fit seconds, parameters. */
export function protocolTableRows(r: LineClassProtocolResults): Record<string, string | number>[] {
  const rows: Record<string, string | number>[] = [];
  for (const protocol of ["random", "template", "loso"] as const) {
    const scores = protocolScores(r.results, protocol);
    for (const [model, s] of Object.entries(scores)) {
      const rs = r.results.filter((x) => x.protocol === protocol && x.model === model);
      const family = rs[0]!.family;
      const params = rs[0]!.parameters;
      rows.push({
        protocol: protocol === "random" ? "(a) random by line" : protocol === "template" ? "(b) by template" : `(c) leave one system out (mean of ${s.splits})`,
        model,
        family,
        "macro F1": s.macroF1,
        "weighted F1": s.weightedF1,
        "macro F1 (classes in train and test)": s.macroF1Shared ?? "",
        "fit s": rs.reduce((a, x) => a + x.fitSeconds, 0),
        "trainable / total params": params ? `${params.trainable} / ${params.total}` : "",
      });
    }
  }
  return rows;
}

/** Leave-one-system-out: per held-out system, the macro F1 of each model (DANN vs no adaptation side by side). */
export function losoRows(r: LineClassProtocolResults): Record<string, string | number>[] {
  const loso = r.results.filter((x) => x.protocol === "loso");
  const systems = [...new Set(loso.map((x) => x.split))];
  const models = [...new Set(loso.map((x) => x.model))];
  return systems.map((s) => {
    const row: Record<string, string | number> = { "held-out system": s.replace(/^loso:/, ""), "test lines": loso.find((x) => x.split === s)!.test.length };
    for (const m of models) {
      const x = loso.find((y) => y.split === s && y.model === m);
      row[`${m} macro F1`] = x ? x.report.macroF1 : "";
    }
    row["classes with support"] = loso.find((x) => x.split === s)!.report.perClass.filter((c) => c.status === "scored").map((c) => c.class).join(", ");
    return row;
  });
}

/** Misclassified test lines of one result with their raw lines (at most `limit`, rarest true classes first). */
export function misclassifiedLines(r: LineModelResult, lines: LabelledLogLines, limit = 20): { system: string; lineId: number; truth: string; predicted: string; raw: string; template: string }[] {
  const out: { system: string; lineId: number; truth: string; predicted: string; raw: string; template: string; support: number }[] = [];
  r.test.forEach((i, k) => {
    const p = r.predicted[k]!;
    if (p === lines.y[i]) return;
    out.push({ system: lines.systemOf[i]!, lineId: lines.lineId[i]!, truth: lines.classes[lines.y[i]!]!, predicted: lines.classes[p]!, raw: lines.raw[i]!, template: lines.template[i]!, support: r.report.perClass[lines.y[i]!]!.support });
  });
  // One example per (template, predicted) pair, rare classes first: a wall of one repeated template says little.
  const seen = new Set<string>();
  return out
    .sort((a, b) => a.support - b.support || a.system.localeCompare(b.system) || a.lineId - b.lineId)
    .filter((x) => {
      const key = `${x.system}|${x.template}|${x.predicted}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit)
    .map(({ support: _s, ...rest }) => rest);
}

/** A point of the embedding map. */
export interface EmbeddingMapPoint {
  x: number;
  y: number;
  system: string;
  class: string;
  content: string;
}

/**
 * A 2-D map of sentence embeddings: principal components 1 and 2 of the embeddings of up to
 * `maxPoints` distinct messages (a seeded sample), each with its system and class (colour by
 * either).
 */
export function embeddingMap(encoder: LogTextEncoder, lines: LabelledLogLines, options: { maxPoints?: number; seed?: number } = {}): { points: EmbeddingMapPoint[]; explained: [number, number] } {
  const seen = new Map<string, number>();
  lines.content.forEach((c, i) => {
    const key = `${lines.systemOf[i]}|${encoder.tokenizer.encode(c, 48).join(",")}`;
    if (!seen.has(key)) seen.set(key, i);
  });
  let idx = [...seen.values()];
  const max = options.maxPoints ?? 2000;
  if (idx.length > max) idx = Array.from(new Rng(options.seed ?? 42).fork("embedding-map").sampleIndices(idx.length, max), (k) => idx[k]!).sort((a, b) => a - b);
  const emb = embedWithEncoder(encoder, idx.map((i) => lines.content[i]!));
  const H = encoder.config.hidden;
  const rows = idx.map((_, r) => Array.from(emb.subarray(r * H, (r + 1) * H)));
  const pca = new PCA(rows);
  const proj = pca.predict(rows, { nComponents: 2 }).to2DArray();
  const ev = pca.getExplainedVariance();
  return {
    points: idx.map((i, r) => ({ x: proj[r]![0]!, y: proj[r]![1]!, system: lines.systemOf[i]!, class: lines.classes[lines.y[i]!]!, content: lines.content[i]! })),
    explained: [ev[0] ?? 0, ev[1] ?? 0],
  };
}

/**
 * The comparison with notebook 05's classic models on one protocol (default: by template): every
 * model's macro F1 over classes with test support and over classes present in both parts, and its
 * difference from the best classic model on the latter (the issue's ≥ 0.10 target).
 */
export function classicComparisonRows(r: LineClassProtocolResults, protocol: LineProtocol = "template"): Record<string, string | number>[] {
  const scores = protocolScores(r.results, protocol);
  const family = new Map(r.results.map((x) => [x.model, x.family]));
  const classic = Object.entries(scores).filter(([m]) => family.get(m as LineModelName) === "classic");
  const bestClassic = classic.reduce<[string, number]>((b, [m, s]) => ((s.macroF1Shared ?? -1) > b[1] ? [m, s.macroF1Shared ?? -1] : b), ["", -1]);
  return Object.entries(scores)
    .map(([model, s]) => ({ model, family: family.get(model as LineModelName) ?? "", "macro F1": s.macroF1, "macro F1 (classes in train and test)": s.macroF1Shared ?? "", [`Δ vs best classic (${bestClassic[0] || "none"})`]: s.macroF1Shared !== null && bestClassic[1] >= 0 ? s.macroF1Shared - bestClassic[1] : "" }))
    .sort((a, b) => Number(b["macro F1 (classes in train and test)"] || 0) - Number(a["macro F1 (classes in train and test)"] || 0));
}

/** The result of one model on one split (throws, naming what exists, when there is none). */
export function findLineResult(r: LineClassProtocolResults, protocol: LineProtocol, model: LineModelName, split?: string): LineModelResult {
  const hit = r.results.find((x) => x.protocol === protocol && x.model === model && (split === undefined || x.split === split));
  if (!hit) throw new Error(`no result for ${model} under ${protocol}${split ? ` (${split})` : ""}; have: ${[...new Set(r.results.map((x) => `${x.protocol}/${x.model}`))].join(", ")}`);
  return hit;
}

/**
 * Sizes of a protocol run per profile, for notebooks: the smoke profile uses 150 lines per system,
 * 3 epochs and three held-out systems so it runs in minutes; full uses every line and system with
 * the models' own epochs.
 */
export function lineProtocolDefaults(profile: "smoke" | "full"): { maxLinesPerSystem: number | null; losoSystems: string[] | null; bertParams: Partial<BertLineClassifierParams> } {
  return profile === "smoke" ? { maxLinesPerSystem: 150, losoSystems: ["HDFS", "OpenSSH", "BGL"], bertParams: { epochs: 3 } } : { maxLinesPerSystem: null, losoSystems: null, bertParams: {} };
}
