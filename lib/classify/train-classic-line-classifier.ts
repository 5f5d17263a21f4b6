import { existsSync } from "node:fs";
import { classificationReport } from "../eval/classification-report.js";
import { CountTransform } from "../features/tfidf.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../parse/formats/loghub-presets.js";
import { LOG_CLASSES } from "../label/log-classes.js";
import { LogisticRegression } from "../models/classic/logistic-regression.js";
import { Rng } from "../runtime/rng.js";
import { ClassicLineScorer, lineFeatureWords, wordCountRow } from "./classic-line-scorer.js";
import { LINE_CLASSIFIER_CARD, loadLineClassifier, saveLineClassifier } from "./line-classifier-folder.js";
import type { LineClassifierCard } from "./line-classifier.js";
import { buildLoghubLineSet, type LoghubLineSample } from "./loghub-line-set.js";
import { ScoredLineClassifier } from "./scored-line-classifier.js";
import { join } from "node:path";

/** Options of {@link trainClassicLineClassifier}. */
export interface TrainClassicLineOptions {
  /** Seeds the template split (default 42). */
  seed?: number;
  systems?: readonly LoghubSystem[];
  /** First N lines of each system only (tests). */
  maxLinesPerSystem?: number;
  /** Line shares of train / validation / test (default 0.6 / 0.2 / 0.2), filled template by template. */
  fractions?: { train: number; validation: number; test: number };
  /** Feature words kept: the most frequent in training (default 1,000). */
  maxWords?: number;
  /** Logistic-regression C values tried; the best validation macro F1 wins (default 0.3, 1, 3, 10). */
  cGrid?: readonly number[];
  /** Progress messages. */
  onProgress?: (message: string) => void;
}

/** A trained classic line classifier and how it was chosen. */
export interface ClassicLineTraining {
  classifier: ScoredLineClassifier;
  /** One row per C: validation macro F1 and accuracy of the model fitted on the training part. */
  selection: { C: number; validationMacroF1: number; validationAccuracy: number }[];
  seconds: number;
}

type Part = 0 | 1 | 2;

/**
 * The tf-idf {@link CountTransform} that `CountTransform.fit(rows, { termWeighting: "tf-idf" })`
 * gives (loglizer's idf_j = ln(N / (df_j + 1e-8))), from the document frequencies and the row
 * count, without building N dense rows (32,000 lines × 1,001 columns would be 250 MB).
 */
export function tfidfFromDocumentFrequencies(df: readonly number[], rows: number): CountTransform {
  if (!(rows > 0)) throw new Error("tfidfFromDocumentFrequencies: no rows");
  return CountTransform.fromJSON({ format: "loglab.count-transform", version: 1, termWeighting: "tf-idf", normalization: "none", idf: df.map((d) => Math.log(rows / (d + 1e-8))), mean: [] });
}

/** Parts by template group (system + template): a test line's template was never seen in fitting, as in notebook 05's 7-class task. */
function splitByTemplate(samples: readonly LoghubLineSample[], seed: number, fr: { train: number; validation: number; test: number }): Uint8Array {
  const byGroup = new Map<string, number[]>();
  samples.forEach((s, i) => {
    const g = `${s.system}\u0000${s.template}`;
    const list = byGroup.get(g);
    if (list) list.push(i);
    else byGroup.set(g, [i]);
  });
  const order = new Rng(seed).fork("line-classifier-split").shuffle([...byGroup.keys()].sort());
  const part = new Uint8Array(samples.length);
  const total = fr.train + fr.validation + fr.test;
  let filled = 0;
  for (const g of order) {
    const share = filled / samples.length;
    const p: Part = share < fr.train / total ? 0 : share < (fr.train + fr.validation) / total ? 1 : 2;
    const members = byGroup.get(g)!;
    for (const i of members) part[i] = p;
    filled += members.length;
  }
  return part;
}

/**
 * Trains the classic 7-class line classifier on the shipped LogHub 2k data (seconds): Drain states
 * per log type and rule labels from {@link buildLoghubLineSet}; features are tf-idf counts of the
 * template's words (vocabulary and idf from the training part); logistic regression (softmax,
 * L2), its C chosen by macro F1 on the validation part; the served model is then fitted on
 * training + validation with that C and scored once on the test part, whose templates it never
 * saw. The labels are rule outputs (notebook 02), so the scores say how well the rules carry over
 * to unseen templates, not how well anomalies are found.
 */
export function trainClassicLineClassifier(options: TrainClassicLineOptions = {}): ClassicLineTraining {
  const t0 = performance.now();
  const seed = options.seed ?? 42;
  const fr = options.fractions ?? { train: 0.6, validation: 0.2, test: 0.2 };
  const say = options.onProgress ?? ((): void => undefined);
  const systems = options.systems ?? LOGHUB_SYSTEMS;
  const set = buildLoghubLineSet({ systems, maxLinesPerSystem: options.maxLinesPerSystem, onSystem: (s, d, n) => say(`parsed ${s} (${d}/${n})`) });
  const samples = set.samples;
  if (samples.length === 0) throw new Error("trainClassicLineClassifier: no training lines");
  const part = splitByTemplate(samples, seed, fr);
  const idx = (p: Part): number[] => samples.map((_, i) => i).filter((i) => part[i] === p);
  const [trainIdx, valIdx, testIdx] = [idx(0), idx(1), idx(2)];
  if (trainIdx.length === 0 || valIdx.length === 0) throw new Error(`trainClassicLineClassifier: the split left ${trainIdx.length} training and ${valIdx.length} validation lines; give more lines`);
  const K = LOG_CLASSES.length;
  const classes = [...LOG_CLASSES];

  // Vocabulary and idf from the lines a model is fitted on (never validation or test for the choice).
  const scorerFor = (fitIdx: readonly number[]): ClassicLineScorer => {
    const df = new Map<string, number>();
    for (const i of fitIdx) for (const w of new Set(lineFeatureWords(samples[i]!.template))) df.set(w, (df.get(w) ?? 0) + 1);
    const words = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.maxWords ?? 1000).map((e) => e[0]);
    const column = new Map(words.map((w, j) => [w, j]));
    // Document frequency of each column over the fitted lines, counted once per distinct template.
    const lines = new Map<string, number>();
    for (const i of fitIdx) lines.set(samples[i]!.template, (lines.get(samples[i]!.template) ?? 0) + 1);
    const colDf = new Array<number>(words.length + 1).fill(0);
    for (const [template, n] of lines) {
      const row = wordCountRow(column, words.length, template);
      for (let j = 0; j < row.length; j++) if (row[j] !== 0) colDf[j]! += n;
    }
    return new ClassicLineScorer(words, tfidfFromDocumentFrequencies(colDf, fitIdx.length), new LogisticRegression());
  };
  const fit = (fitIdx: readonly number[], C: number): ClassicLineScorer => {
    const base = scorerFor(fitIdx);
    // Features depend on the template only: fit on distinct (template, class) pairs weighted by their line counts (the same objective).
    const pairs = new Map<string, { template: string; y: number; n: number }>();
    for (const i of fitIdx) {
      const s = samples[i]!;
      const key = `${s.classIndex}\u0000${s.template}`;
      const p = pairs.get(key);
      if (p) p.n++;
      else pairs.set(key, { template: s.template, y: s.classIndex, n: 1 });
    }
    const rows = [...pairs.values()];
    const lr = new LogisticRegression({ C });
    lr.fit(base.features(rows.map((r) => r.template)), Int32Array.from(rows, (r) => r.y), { nClasses: K, sampleWeights: Float64Array.from(rows, (r) => r.n) });
    return new ClassicLineScorer(base.words, base.transform, lr);
  };
  const report = (scorer: ClassicLineScorer, evalIdx: readonly number[]): { macroF1: number; accuracy: number } => {
    const probs = scorer.probabilitiesOf(evalIdx.map((i) => samples[i]!.template));
    const pred = probs.map((p) => p.indexOf(Math.max(...p)));
    const r = classificationReport(Int32Array.from(evalIdx, (i) => samples[i]!.classIndex), Int32Array.from(pred), classes);
    return { macroF1: r.macro.f1, accuracy: r.accuracy };
  };

  const selection: ClassicLineTraining["selection"] = [];
  for (const C of options.cGrid ?? [0.3, 1, 3, 10]) {
    const r = report(fit(trainIdx, C), valIdx);
    selection.push({ C, validationMacroF1: r.macroF1, validationAccuracy: r.accuracy });
    say(`C=${C}: validation macro F1 ${r.macroF1.toFixed(3)}`);
  }
  const best = selection.reduce((a, b) => (b.validationMacroF1 > a.validationMacroF1 ? b : a));
  const served = fit([...trainIdx, ...valIdx], best.C);
  const test = testIdx.length ? report(served, testIdx) : null;
  if (test) say(`served model (train+validation, C=${best.C}): test macro F1 ${test.macroF1.toFixed(3)}`);
  const card: LineClassifierCard = {
    format: "loglab.line-classifier",
    version: 1,
    kind: "classic",
    name: "logistic-regression",
    classes,
    featureType: "tfidf-template-words",
    params: { C: best.C, maxWords: options.maxWords ?? 1000, words: served.words.length },
    seed,
    trainedAt: new Date().toISOString(),
    training: {
      source: `data/loghub-2k (${systems.length} systems${options.maxLinesPerSystem !== undefined ? `, first ${options.maxLinesPerSystem} lines each` : ""}; ${set.rejected.length} lines rejected by their format)`,
      samples: trainIdx.length + valIdx.length,
      validationSamples: valIdx.length,
      testSamples: testIdx.length,
      split: `by template (system + template), seeded, ${fr.train}/${fr.validation}/${fr.test} of lines`,
      labels: "rule-based 7 classes (lib/label, notebook 02)",
    },
    metrics: { validation: { macroF1: best.validationMacroF1, accuracy: best.validationAccuracy }, test },
    selection: `C from {${selection.map((s) => s.C).join(", ")}} by macro F1 on validation (model fitted on training); served model refitted on training + validation; test scored once`,
  };
  return { classifier: new ScoredLineClassifier(card, set.analyzer, served), selection, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Loads the line classifier in `dir`, or, when the folder has no card yet, trains the classic one
 * on the shipped LogHub data (seconds), saves it there and returns it. `onTrain` is told before
 * training starts (so a server can say why it is slow to start).
 */
export async function loadOrTrainClassicLineClassifier(dir: string, options: TrainClassicLineOptions & { onTrain?: (dir: string) => void } = {}): Promise<{ classifier: ScoredLineClassifier; trained: ClassicLineTraining | null }> {
  if (existsSync(join(dir, LINE_CLASSIFIER_CARD))) return { classifier: await loadLineClassifier(dir), trained: null };
  options.onTrain?.(dir);
  const trained = trainClassicLineClassifier(options);
  await saveLineClassifier(dir, trained.classifier);
  return { classifier: trained.classifier, trained };
}
