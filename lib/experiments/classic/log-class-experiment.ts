/**
 * The 7-class log classification task on the LogHub 2k samples (normal plus six issue classes of
 * the rule-based labeler, notebook 02): features, split and a model comparison with and without
 * SMOTE. Design, written down because the labels are rule outputs:
 * - features: tf-idf (loglizer's, fit on training lines) of the tokens of each line's
 *   ground-truth template (lower-cased words of 2+ characters, no `<*>` and no pure numbers),
 *   the `maxTokens` most common in training plus an out-of-vocabulary column;
 * - split by template: all lines of one (system, template) go to the same part, so a test line's
 *   template was never seen in training (a line split would let a model memorise templates);
 *   parts are filled with templates in seeded random order up to the line fractions;
 * - hyperparameters: random search with group k-fold CV (folds by template) inside the training
 *   part; validation is only reported (and used for GBDT early stopping); test is scored once;
 * - SMOTE, when on, runs on the training part only (inside each CV fold during the search).
 */
import { classificationReport, type ClassificationReport } from "../../eval/classification-report.js";
import { multiclassConfusion, type MulticlassConfusion } from "../../eval/multiclass-confusion.js";
import { countMatrix, KeyVocabulary } from "../../features/count-matrix.js";
import { CountTransform } from "../../features/tfidf.js";
import { readLoghubStructured } from "../../data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { loadLoghubLabels } from "../labelling/loghub-labels.js";
import { LOG_CLASSES, type LogClass } from "../../label/log-classes.js";
import { Rng } from "../../runtime/rng.js";
import { groupParts } from "../../windows/group-split.js";
import { binaryMetrics, confusion } from "../../eval/confusion.js";
import { mergeDuplicateRows, type Classifier } from "../../models/classic/classifier.js";
import { keywordLineScores } from "../../models/classic/keyword-detector.js";
import { randomSearchCV, type ParamDomain, type ParamSpace, type RandomSearchResult } from "../../models/classic/random-search.js";
import type { ClassicEntry } from "../../models/classic/entries.js";
import { modelEntry, type ParamsOf } from "../../models/registry.js";
import { resolveConfig } from "../../runtime/config.js";
import { smote } from "../../models/classic/smote.js";

/** One part of the 7-class dataset. */
export interface LogClassPart {
  x: Float64Array[];
  y: Int32Array;
  /** Template group of each line (`System:EventId`). */
  groups: string[];
  /** Raw message of each line (for the keyword baseline). */
  content: string[];
}

/** The 7-class dataset with its split and provenance. */
export interface LogClassDataset {
  classes: string[];
  train: LogClassPart;
  validation: LogClassPart;
  test: LogClassPart;
  /** Token of each feature column (last: OOV). */
  tokens: string[];
  /** Where each system's labels came from (results/02-labeling file or recomputed). */
  labelSources: { system: string; source: string }[];
}

/** Options of {@link buildLogClassDataset}. */
export interface LogClassDatasetOptions {
  seed: number;
  systems?: readonly LoghubSystem[];
  /** Feature tokens kept (default 300). */
  maxTokens?: number;
  /** Line shares of train / validation / test (default 0.6 / 0.2 / 0.2). */
  fractions?: { train: number; validation: number; test: number };
  /** Use only the first N lines of each system (smoke runs). */
  maxLinesPerSystem?: number;
}

/** Template tokens used as features. */
export function templateTokens(template: string): string[] {
  return template
    .toLowerCase()
    .replace(/<\*>/g, " ")
    .split(/[^a-z0-9_]+/)
    .filter((t) => t.length > 1 && !/^\d+$/.test(t));
}

/** Builds features, labels and the by-template split of the 7-class task. */
export function buildLogClassDataset(o: LogClassDatasetOptions): LogClassDataset {
  const systems = o.systems ?? LOGHUB_SYSTEMS;
  const fr = o.fractions ?? { train: 0.6, validation: 0.2, test: 0.2 };
  const lines: { group: string; tokens: string[]; y: number; content: string }[] = [];
  const labelSources: { system: string; source: string }[] = [];
  for (const system of systems) {
    const labels = loadLoghubLabels(system);
    labelSources.push({ system, source: labels.source === "file" ? `file ${labels.path}` : "recomputed (lib/label)" });
    const content = new Map(readLoghubStructured(system).map((r) => [r.lineId, r.content]));
    const rows = o.maxLinesPerSystem ? labels.rows.slice(0, o.maxLinesPerSystem) : labels.rows;
    for (const r of rows) lines.push({ group: `${system}:${r.eventId}`, tokens: templateTokens(r.eventTemplate), y: r.classIndex, content: content.get(r.lineId) ?? "" });
  }
  // Split by template group, groups in seeded random order, filling train then validation then test by line count.
  const part = groupParts(lines.map((l) => l.group), fr, new Rng(o.seed).fork("log-class-split"));
  // Token ids, vocabulary of the training part only.
  const tokenIds = new Map<string, number>();
  const trainDf = new Map<string, number>();
  lines.forEach((l, i) => {
    if (part[i] !== 0) return;
    for (const t of new Set(l.tokens)) trainDf.set(t, (trainDf.get(t) ?? 0) + 1);
  });
  const kept = [...trainDf.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, o.maxTokens ?? 300);
  kept.forEach(([t], j) => tokenIds.set(t, j));
  // Tokens outside the kept set get id -1, which the vocabulary counts in its OOV column.
  const seqs = lines.map((l) => l.tokens.map((t) => tokenIds.get(t) ?? -1));
  const trainIdx = lines.map((_, i) => i).filter((i) => part[i] === 0);
  const vocab = KeyVocabulary.fit([kept.map((_, j) => j)]);
  const transform = CountTransform.fit(countMatrix(trainIdx.map((i) => seqs[i]!), vocab).matrix, { termWeighting: "tf-idf" });
  const make = (p: number): LogClassPart => {
    const idx = lines.map((_, i) => i).filter((i) => part[i] === p);
    return {
      x: transform.transform(countMatrix(idx.map((i) => seqs[i]!), vocab).matrix),
      y: Int32Array.from(idx, (i) => lines[i]!.y),
      groups: idx.map((i) => lines[i]!.group),
      content: idx.map((i) => lines[i]!.content),
    };
  };
  const tokenOf = [...tokenIds.entries()].sort((a, b) => a[1] - b[1]).map((e) => e[0]);
  return { classes: [...LOG_CLASSES], train: make(0), validation: make(1), test: make(2), tokens: [...vocab.keys.map((k) => tokenOf[k] ?? `#${k}`), "OOV"], labelSources };
}

/** One row of the 7-class split table: lines and templates per part, then lines per class. */
export type LogClassSplitRow = { part: "train" | "validation" | "test"; lines: number; templates: number } & { [C in LogClass]: number };

/** Lines per class and part, plus distinct templates per part (a table for the notebook). */
export function logClassSplitRows(d: LogClassDataset): LogClassSplitRow[] {
  const parts = [["train", d.train], ["validation", d.validation], ["test", d.test]] as const;
  return parts.map(([name, p]) => {
    const perClass = Object.fromEntries(LOG_CLASSES.map((c, k) => [c, p.y.filter((v) => v === k).length])) as { [C in LogClass]: number };
    return { part: name, lines: p.y.length, templates: new Set(p.groups).size, ...perClass };
  });
}

/** The supervised classic models of the 7-class task (registry names: one registry, one set of defaults). */
export type LogClassModelName = "logistic-regression" | "linear-svm" | "decision-tree" | "random-forest" | "gbdt";

/**
 * Random-search spaces of the 7-class task, by registry parameter name (the defaults of every
 * other parameter are the registry's). An experiment setting, not a second registry.
 */
export const LOG_CLASS_SEARCH_SPACES: { readonly [N in LogClassModelName]: Partial<Record<keyof ParamsOf<N>, ParamDomain>> } = {
  "logistic-regression": { C: { min: 0.01, max: 1000, log: true } },
  "linear-svm": { C: { min: 0.001, max: 100, log: true } },
  "decision-tree": { maxDepth: [0, 8, 16, 32], minSamplesLeaf: { min: 1, max: 20, int: true } },
  "random-forest": { nEstimators: [50, 100], maxDepth: [0, 12, 24], minSamplesLeaf: { min: 1, max: 5, int: true } },
  gbdt: { nRounds: [50, 100], learningRate: { min: 0.05, max: 0.3, log: true }, maxDepth: { min: 3, max: 8, int: true } },
};

/**
 * The unfitted classifier of a registered model for some parameters over its registry defaults
 * (the same core the registry's detector wraps). GBDT stops early on the validation set `fit` is
 * given (its registry default, 10 rounds), and runs its rounds in full in CV folds, which have none.
 */
export function logClassClassifier<N extends LogClassModelName>(name: N, params: Readonly<Record<string, string | number | boolean>>, rng: Rng): Classifier {
  const entry = modelEntry(name) as ClassicEntry<ParamsOf<N>>;
  const core = entry.core(resolveConfig(entry.defaults, params, `7-class ${name} parameters`), rng);
  if (core.type !== "classifier") throw new Error(`7-class task: "${name}" is not a classifier`);
  return core.model;
}

/** One model × SMOTE setting of the 7-class task. */
export interface LogClassResult {
  model: LogClassModelName;
  smote: boolean;
  search: RandomSearchResult | null;
  /** The searched parameters (empty without a search: the registry defaults). */
  params: Record<string, string | number | boolean>;
  validation: ClassificationReport;
  test: ClassificationReport;
  confusion: MulticlassConfusion;
  fitSeconds: number;
  scoreSeconds: number;
  smoteAdded: number;
}

/** Options of {@link runLogClassExperiment}. */
export interface LogClassExperimentOptions {
  models: readonly LogClassModelName[];
  smote: readonly boolean[];
  seed: number;
  /** Random search inside training (null: the registry's defaults). */
  search: { nIter: number; folds: number } | null;
  /** SMOTE brings each class to this share of the largest (default 0.25, to bound the synthetic rows). */
  smoteRatio?: number;
}

/**
 * Runs every model with and without SMOTE: random search (group k-fold inside training), fit on
 * training (identical rows merged into weights, SMOTE first when on), then validation and test
 * reports.
 */
export function runLogClassExperiment(d: LogClassDataset, o: LogClassExperimentOptions): LogClassResult[] {
  const K = d.classes.length;
  const results: LogClassResult[] = [];
  for (const name of o.models) {
    if (!(name in LOG_CLASS_SEARCH_SPACES)) throw new Error(`7-class task: unknown model "${name}" (known: ${Object.keys(LOG_CLASS_SEARCH_SPACES).join(", ")})`);
    const space = LOG_CLASS_SEARCH_SPACES[name] as ParamSpace;
    for (const useSmote of o.smote) {
      const rng = new Rng(o.seed).fork(`${name}-${useSmote}`);
      const search = o.search
        ? randomSearchCV({ make: (p, r) => logClassClassifier(name, p, r), space, nIter: o.search.nIter, folds: o.search.folds, x: d.train.x, y: d.train.y, nClasses: K, groups: d.train.groups, smote: useSmote, rng: rng.fork("search") })
        : null;
      const params = search?.best ?? {};
      const t0 = performance.now();
      let x: ArrayLike<number>[] = d.train.x;
      let y: ArrayLike<number> = d.train.y;
      let smoteAdded = 0;
      if (useSmote) {
        const s = smote(x, y, { ratio: o.smoteRatio ?? 0.25 }, rng.fork("smote"));
        x = s.x;
        y = s.y;
        smoteAdded = s.added.reduce((a, b) => a + b, 0);
      }
      const merged = mergeDuplicateRows(x, y, new Float64Array(x.length).fill(1));
      const model = logClassClassifier(name, params, rng.fork("model"));
      model.fit(merged.x, merged.y, { nClasses: K, sampleWeights: merged.w, validation: { x: d.validation.x, y: d.validation.y } });
      const fitSeconds = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const testPred = model.predict(d.test.x);
      const scoreSeconds = (performance.now() - t1) / 1000;
      results.push({
        model: name,
        smote: useSmote,
        search,
        params,
        validation: classificationReport(d.validation.y, model.predict(d.validation.x), d.classes),
        test: classificationReport(d.test.y, testPred, d.classes),
        confusion: multiclassConfusion(d.test.y, testPred, d.classes),
        fitSeconds,
        scoreSeconds,
        smoteAdded,
      });
    }
  }
  return results;
}

/** One row of the 7-class results table. */
export type LogClassResultRow = {
  model: LogClassModelName;
  SMOTE: boolean;
  "test macro F1": number;
  "test weighted F1": number;
  "test accuracy": number;
  "val macro F1": number;
  /** Mean macro F1 of the best search trial over the CV folds (null without a search). */
  "CV macro F1 (train)": number | null;
  params: string;
  "synthetic rows": number;
  "fit s": number;
  "score s": number;
};

/** One row per model × SMOTE: macro / weighted F1 on validation and test, the CV score and times. */
export function logClassResultRows(results: readonly LogClassResult[]): LogClassResultRow[] {
  return results.map((r) => ({
    model: r.model,
    SMOTE: r.smote,
    "test macro F1": r.test.macro.f1,
    "test weighted F1": r.test.weighted.f1,
    "test accuracy": r.test.accuracy,
    "val macro F1": r.validation.macro.f1,
    "CV macro F1 (train)": r.search ? r.search.bestScore : null,
    params: JSON.stringify(r.params),
    "synthetic rows": r.smoteAdded,
    "fit s": r.fitSeconds,
    "score s": r.scoreSeconds,
  }));
}

/** One row of a per-class report. */
export type ClassReportRow = { class: string; precision: number; recall: number; F1: number; support: number };

/** Per-class test P/R/F1 of one result (the classification report as rows). */
export function classReportRows(r: LogClassResult): ClassReportRow[] {
  return [
    ...r.test.perClass.map((c) => ({ class: c.class, precision: c.precision, recall: c.recall, F1: c.f1, support: c.support })),
    { class: "macro avg", precision: r.test.macro.precision, recall: r.test.macro.recall, F1: r.test.macro.f1, support: r.test.total },
    { class: "weighted avg", precision: r.test.weighted.precision, recall: r.test.weighted.recall, F1: r.test.weighted.f1, support: r.test.total },
  ];
}

/** The keyword baseline's row. */
export type KeywordBaselineRow = { model: string; task: string; precision: number; recall: number; F1: number; FP: number; FN: number };

/**
 * The keyword baseline on the 7-class test lines, as a binary task (any issue class vs normal):
 * a line is flagged when it contains an error word. It cannot name the class, so it has no macro F1.
 */
export function keywordBaselineRow(d: LogClassDataset): KeywordBaselineRow {
  const flagged = Array.from(keywordLineScores(d.test.content), (s) => (s > 0 ? 1 : 0));
  const truth = Array.from(d.test.y, (c) => (c === 0 ? 0 : 1));
  const m = binaryMetrics(confusion(truth, flagged));
  return { model: "keyword (grep error words)", task: "issue vs normal (binary)", precision: m.precision, recall: m.recall, F1: m.f1, FP: m.fp, FN: m.fn };
}

/** What the 7-class task found, every number read from its results and the keyword baseline. */
export function logClassFindings(results: readonly LogClassResult[], keyword: KeywordBaselineRow): string[] {
  if (results.length === 0) return ["7-class: no models were run."];
  const best = results.reduce((a, b) => (b.test.macro.f1 > a.test.macro.f1 ? b : a));
  const out = [`7-class: the best test macro F1 is ${best.model}${best.smote ? " with SMOTE" : ""}'s, ${best.test.macro.f1.toFixed(3)} (weighted F1 ${best.test.weighted.f1.toFixed(3)}) on templates never seen in training.`];
  const pairs = results.filter((r) => !r.smote).map((r) => [r, results.find((x) => x.model === r.model && x.smote)] as const).filter((p) => p[1] !== undefined);
  if (pairs.length > 0) {
    const gain = pairs.reduce((a, [off, on]) => a + (on!.test.macro.f1 - off.test.macro.f1), 0) / pairs.length;
    out.push(`7-class: SMOTE changes test macro F1 by ${gain >= 0 ? "+" : ""}${gain.toFixed(3)} on average over ${pairs.length} models.`);
  }
  out.push(`7-class: the keyword baseline (any error word = an issue) reaches binary F1 ${keyword.F1.toFixed(3)}; it cannot name the class.`);
  return out;
}
