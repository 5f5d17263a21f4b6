/**
 * Notebook 06's experiment: the sequence models and autoencoders on one labelled key-dataset
 * split, evaluated the way notebook 05 evaluates the classic detectors (so their tables compare):
 * - semi-supervised models (DeepLog, dual LSTM, autoencoders) fit on the train normals only;
 *   supervised classifiers on the labelled train part; the unsupervised Isolation-Forest hybrids
 *   on the train part with its labels removed (their setting: unlabelled, contaminated data);
 * - every threshold is chosen on validation (default: max F1), never on test;
 * - the test part is scored once and reported over all sessions and over distinct sessions.
 * Optionally (HDFS), the issue's DeepLog protocol: semi-supervised models with thresholds from
 * the validation normals alone, tested on the test normals plus a whole abnormal file.
 */
import { join } from "node:path";
import { chooseThreshold, type ThresholdPolicy } from "../../eval/choose-threshold.js";
import { detectionReport, type DetectionReport } from "../../eval/detection-report.js";
import { Rng } from "../../runtime/rng.js";
import type { Detector, EpochRecord, FitReport, SessionSet, Supervision } from "../../models/detector.js";

/** A named training history (what `trainingCurvesFigure` plots). */
type TrainingCurve = { name: string; history: EpochRecord[] };
/** A top-g sweep series (what `topGSweepFigure` plots). */
type TopGSeries = { label: string; points: TopGPoint[] };
import { createDetector, defaultParams, describeModels, type ModelName } from "../../models/registry.js";
import { saveTrainedDetector, type ModelCard } from "../../models/trained-model.js";
import type { ExperimentModel, ExperimentModelResult, LabelledSessions } from "../detection/detection-experiment.js";
import { supervisionOf } from "../detection/train-pipeline.js";
import { DeepLog } from "../../models/sequence/deeplog.js";
import { DualLstm, type DualTopKAccuracy } from "../../models/sequence/dual-lstm.js";
import { normalSubset } from "../../models/sequence/session-subsets.js";
import { chooseTopG, topGSweep, type TopGChoice, type TopGPoint } from "../../models/sequence/top-g-sweep.js";

/** Labelled sessions (the same type as {@link LabelledSessions}). */
export type LabelledSessionSet = LabelledSessions;

/** One model of the experiment (the same as {@link ExperimentModel}: a registry name, parameters and a display label). */
export type SequenceModelSpec = ExperimentModel;

/** The HDFS protocol for semi-supervised models (see the module doc). */
export interface NormalOnlyProtocol {
  /** Test normals (the last 20% of `hdfs_train`). */
  normal: readonly (readonly number[])[];
  /** The whole abnormal file. */
  abnormal: readonly (readonly number[])[];
  /** FPR bound for thresholds chosen on validation normals (DeepLog: {@link chooseTopG}; others: max-fpr). */
  maxFpr: number;
}

/** Options of {@link runSequenceExperiment}. */
export interface SequenceExperimentOptions {
  /** Name used in model folders and tables, e.g. "hdfs". */
  dataset: string;
  split: { train: LabelledSessionSet; validation: LabelledSessionSet; test: LabelledSessionSet };
  models: readonly SequenceModelSpec[];
  seed: number;
  /** Threshold policy on validation (default max F1). */
  threshold?: ThresholdPolicy;
  /** Save each fitted model with its card under `<modelsDir>/<label>` (null: do not save). */
  modelsDir?: string | null;
  protocol?: NormalOnlyProtocol | null;
  /** Called after each model. */
  onModel?: (r: SequenceModelResult) => void;
}

/** What one model did. */
export interface SequenceModelResult extends ExperimentModelResult {
  /** How many test sessions were scored. */
  testSessions: number;
  /** Training histories (two for the dual LSTM). */
  curves: TrainingCurve[];
  /** DeepLog only: g chosen on validation normals, and the sweeps. */
  topG?: { choice: TopGChoice; validation: TopGPoint[]; test: TopGPoint[] };
  /** Dual LSTM only: top-5 next-key accuracy of both models on the test normals. */
  topK?: DualTopKAccuracy;
  /** With a protocol: threshold from validation normals only, tested on protocol normal + abnormal. */
  protocol?: { threshold: number; rule: string; report: DetectionReport; scoreSeconds: number };
  /** Where the model was saved (null: not saved). */
  savedTo: string | null;
}

function fitSetOf(supervision: Supervision, train: LabelledSessionSet): SessionSet {
  if (supervision === "supervised") return train;
  if (supervision === "unsupervised") return { sequences: train.sequences }; // labels removed
  return normalSubset(train);
}

function policySource(policy: ThresholdPolicy, validation: LabelledSessionSet): string {
  if (policy.kind === "max-f1") return `max F1 on ${validation.labels.length} validation sessions`;
  if (policy.kind === "max-fpr") return `lowest threshold with validation FPR <= ${policy.fpr}`;
  return `fixed at ${policy.threshold}`;
}

/**
 * Fits, thresholds (on validation) and tests each model in turn; frees each model after saving
 * it. See the module doc for who trains on what.
 *
 * @example
 * const split = splitKeyDataset("hdfs-deeplog");
 * const results = await runSequenceExperiment({ dataset: "hdfs", split, models: [{ model: "deeplog" }, { model: "lstm" }], seed: 42 });
 */
export async function runSequenceExperiment(o: SequenceExperimentOptions): Promise<SequenceModelResult[]> {
  const { train, validation, test } = o.split;
  const policy = o.threshold ?? { kind: "max-f1" };
  const out: SequenceModelResult[] = [];
  for (const spec of o.models) {
    const label = spec.label ?? spec.model;
    const supervision = supervisionOf(spec.model);
    const fitSet = fitSetOf(supervision, train);
    const params = { ...defaultParams(spec.model), ...(spec.params ?? {}) };
    const detector: Detector<SessionSet> = createDetector(spec.model as ModelName, spec.params ?? {}, { rng: new Rng(o.seed) });
    try {
      const t0 = performance.now();
      const fit = await detector.fit(fitSet, validation);
      const fitSeconds = (performance.now() - t0) / 1000;
      const valScores = await detector.score(validation);
      const choice = chooseThreshold(validation.labels, valScores, policy);
      const t1 = performance.now();
      const testScores = await detector.score({ sequences: test.sequences });
      const scoreSeconds = (performance.now() - t1) / 1000;
      const result: SequenceModelResult = {
        label,
        model: spec.model,
        supervision,
        params,
        fit,
        fitSeconds,
        fitSessions: fitSet.sequences.length,
        scoreSeconds,
        testSessions: test.sequences.length,
        threshold: choice.threshold,
        thresholdSource: policySource(policy, validation),
        choice,
        testScores,
        test: detectionReport(test.sequences, test.labels, testScores, choice.threshold),
        curves: [],
        savedTo: null,
      };
      if (detector instanceof DualLstm) {
        result.curves = [
          { name: `${label} (frequent)`, history: detector.histories.frequent },
          { name: `${label} (rare)`, history: detector.histories.rare },
        ];
        result.topK = detector.topKAccuracy(normalSubset(test), 5);
      } else if (fit.history && fit.history.length > 0) {
        result.curves = [{ name: label, history: fit.history }];
      }
      const valNormals = normalSubset(validation);
      if (detector instanceof DeepLog && valNormals.sequences.length > 0) {
        const V = detector.vocabulary.size;
        const valNormalScores = await detector.score(valNormals);
        const g = chooseTopG(valNormalScores, detector.expectedFalseAlarmRates(valNormals, V), o.protocol?.maxFpr ?? 0.01, V);
        result.topG = { choice: g, validation: topGSweep(validation.labels, valScores, V), test: topGSweep(test.labels, testScores, V) };
      }
      if (o.protocol && supervision === "semi-supervised" && valNormals.sequences.length > 0) {
        const p = o.protocol;
        const valNormalScores = await detector.score(valNormals);
        let threshold: number;
        let rule: string;
        if (result.topG) {
          threshold = result.topG.choice.g;
          rule = `g = ${threshold}: ${result.topG.choice.rule}`;
        } else {
          const c = chooseThreshold(new Uint8Array(valNormalScores.length), valNormalScores, { kind: "max-fpr", fpr: p.maxFpr });
          threshold = c.threshold;
          rule = `lowest threshold with FPR <= ${p.maxFpr} on ${valNormalScores.length} validation normals`;
        }
        const seqs = [...p.normal, ...p.abnormal];
        const labels = new Uint8Array(seqs.length).fill(1, p.normal.length);
        const t2 = performance.now();
        const scores = await detector.score({ sequences: seqs });
        result.protocol = { threshold, rule, report: detectionReport(seqs, labels, scores, threshold), scoreSeconds: (performance.now() - t2) / 1000 };
      }
      if (o.modelsDir) {
        const dir = join(o.modelsDir, label.replace(/[^A-Za-z0-9._-]+/g, "_"));
        const card: ModelCard = {
          format: "loglab.model",
          version: 1,
          name: spec.model,
          params,
          threshold: choice.threshold,
          thresholdPolicy: policy,
          validation: choice.validation,
          seed: o.seed,
          trainedAt: new Date().toISOString(),
          training: {
            files: [],
            sessions: fitSet.sequences.length,
            normal: supervision === "supervised" || supervision === "unsupervised" ? train.labels.filter((y) => y === 0).length : fitSet.sequences.length,
            abnormal: supervision === "supervised" || supervision === "unsupervised" ? train.labels.filter((y) => y === 1).length : 0,
            validationSessions: validation.sequences.length,
          },
          fit,
          thresholdSource: result.thresholdSource,
          vocabulary: [...new Set(fitSet.sequences.flatMap((s) => [...s]))].sort((a, b) => a - b),
        };
        await saveTrainedDetector(dir, detector, card);
        result.savedTo = dir;
      }
      out.push(result);
      o.onModel?.(result);
    } finally {
      detector.dispose();
    }
  }
  return out;
}

/**
 * The HDFS protocol inputs from a key-dataset split: the test normals, and a whole
 * abnormal file (its first `maxSessions` sessions in smoke runs).
 */
export function normalOnlyProtocol(split: { test: LabelledSessionSet }, abnormalFile: readonly (readonly number[])[], maxFpr: number, maxSessions: number | null = null): NormalOnlyProtocol {
  return {
    normal: normalSubset(split.test).sequences,
    abnormal: maxSessions === null ? abnormalFile : abnormalFile.slice(0, maxSessions),
    maxFpr,
  };
}

/** Families of models, for grouping training curves. */
export type ModelFamily = "next-key" | "classifier" | "autoencoder";

/** The family of a registry name. */
export function modelFamilyOf(model: string): ModelFamily {
  if (model === "deeplog" || model === "dual-lstm") return "next-key";
  if (model.endsWith("-ae") || model.startsWith("iforest")) return "autoencoder";
  return "classifier";
}

/** Name, supervision, family and description of the sequence and autoencoder models. */
export function describeSequenceModels(): { name: string; family: ModelFamily; supervision: Supervision; description: string }[] {
  const names = ["deeplog", "dual-lstm", "lstm", "gru", "bilstm-attention", "cnn-lstm", "transformer", "cnn-transformer", "dense-ae", "lstm-ae", "iforest-ae", "iforest-2ae"];
  return describeModels()
    .filter((m) => names.includes(m.name))
    .map((m) => ({ name: m.name, family: modelFamilyOf(m.name), supervision: m.supervision, description: m.description }));
}

/** The DeepLog result (the first model with a top-g choice). */
export function deeplogResultOf(results: readonly SequenceModelResult[]): SequenceModelResult {
  const r = results.find((x) => x.topG);
  if (!r) throw new Error("no DeepLog result among the models run");
  return r;
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The main results table: test metrics over all and over distinct sessions, with fit and score times. */
export function sequenceResultRows(results: readonly SequenceModelResult[]): Record<string, string | number>[] {
  return results.map((r) => ({
    model: r.label,
    supervision: r.supervision,
    threshold: Number.isInteger(r.threshold) ? r.threshold : Number(r.threshold.toPrecision(4)),
    P: r3(r.test.all.precision),
    R: r3(r.test.all.recall),
    F1: r3(r.test.all.f1),
    FP: r.test.all.fp,
    FN: r.test.all.fn,
    "P (distinct)": r3(r.test.distinct.precision),
    "R (distinct)": r3(r.test.distinct.recall),
    "F1 (distinct)": r3(r.test.distinct.f1),
    "FP (distinct)": r.test.distinct.fp,
    "FN (distinct)": r.test.distinct.fn,
    "ROC-AUC": r3(r.test.all.rocAuc),
    "PR-AUC": r3(r.test.all.prAuc),
    epochs: r.fit.history?.length ?? 0,
    "fit s": Math.round(r.fitSeconds * 10) / 10,
    "score s": Math.round(r.scoreSeconds * 100) / 100,
  }));
}

/** What each model trained on, distinct: sessions, count vectors, or (window, next key) pairs. */
function distinctItems(info: FitReport["info"]): string {
  if (!info) return "";
  if (info.distinctPairs !== undefined) return `${info.distinctPairs} pairs`;
  if (info.frequentPairs !== undefined) return `${info.frequentPairs} + ${info.rarePairs ?? 0} pairs`;
  if (info.distinctVectors !== undefined) return `${info.distinctVectors} vectors`;
  if (info.distinctSessions !== undefined) return `${info.distinctSessions} sessions`;
  return "";
}

/** Training and scoring facts per model: sessions, distinct items, epochs, why training stopped, throughput. */
export function sequenceTimingRows(results: readonly SequenceModelResult[]): Record<string, string | number>[] {
  return results.map((r) => ({
    model: r.label,
    "fit sessions": r.fitSessions,
    "distinct items (fit)": distinctItems(r.fit.info),
    epochs: r.fit.history?.length ?? 0,
    stopped: r.fit.stoppedBecause ?? "",
    "fit s": Math.round(r.fitSeconds * 10) / 10,
    "test sessions": r.testSessions,
    "score s": Math.round(r.scoreSeconds * 100) / 100,
    "sessions/s scored": Math.round(r.testSessions / Math.max(1e-9, r.scoreSeconds)),
  }));
}

/** The HDFS protocol table (semi-supervised models, thresholds from validation normals only). */
export function protocolRows(results: readonly SequenceModelResult[]): Record<string, string | number>[] {
  return results
    .filter((r) => r.protocol)
    .map((r) => {
      const p = r.protocol!;
      return {
        model: r.label,
        threshold: Number.isInteger(p.threshold) ? p.threshold : Number(p.threshold.toPrecision(4)),
        P: r3(p.report.all.precision),
        R: r3(p.report.all.recall),
        F1: r3(p.report.all.f1),
        FPR: Math.round(p.report.all.fpr * 10000) / 10000,
        FP: p.report.all.fp,
        FN: p.report.all.fn,
        "R (distinct)": r3(p.report.distinct.recall),
        "FP (distinct)": p.report.distinct.fp,
        "FN (distinct)": p.report.distinct.fn,
        normal: p.report.all.normal,
        abnormal: p.report.all.abnormal,
        "score s": Math.round(p.scoreSeconds * 100) / 100,
        rule: p.rule,
      };
    });
}

/** The training curves of every model, or of one family's models. */
export function trainingCurvesOf(results: readonly SequenceModelResult[], family?: ModelFamily): TrainingCurve[] {
  return results.filter((r) => !family || modelFamilyOf(r.model) === family).flatMap((r) => r.curves);
}

/** DeepLog's top-g sweeps as figure series: validation (labelled) and test. */
export function topGSeriesOf(result: SequenceModelResult): { series: TopGSeries[]; chosenG: number | null } {
  if (!result.topG) return { series: [], chosenG: null };
  return {
    series: [
      { label: "validation", points: result.topG.validation },
      { label: "test", points: result.topG.test },
    ],
    chosenG: result.topG.choice.g,
  };
}

/** The validation g choice as rows: observed, model-expected and estimated FPR per g. */
export function topGChoiceRows(result: SequenceModelResult): Record<string, number | string>[] {
  if (!result.topG) return [];
  const c = result.topG.choice;
  return c.observedFpr.slice(1).map((obs, i) => ({
    g: i + 1,
    "validation FPR (observed)": Math.round(obs * 10000) / 10000,
    "validation FPR (model-expected)": Math.round((c.expectedFpr[i + 1] ?? 0) * 10000) / 10000,
    "estimate (max)": Math.round((c.estimatedFpr[i + 1] ?? 0) * 10000) / 10000,
    chosen: i + 1 === c.g ? "←" : "",
    "test recall": r3(result.topG!.test[i]?.recall ?? NaN),
    "test FPR": Math.round((result.topG!.test[i]?.fpr ?? NaN) * 10000) / 10000,
  }));
}

/** The dual LSTM's top-5 accuracies next to the published industrial figures. */
export function dualTopKRows(dataset: string, results: readonly SequenceModelResult[]): Record<string, string | number>[] {
  return results
    .filter((r) => r.topK)
    .flatMap((r) => [
      { dataset, model: "frequent-key LSTM", [`top-${r.topK!.k} accuracy`]: r3(r.topK!.frequent), positions: r.topK!.frequentPositions, keys: Number(r.fit.info?.frequentKeys ?? NaN), published: 0.99 },
      { dataset, model: "rare-key LSTM", [`top-${r.topK!.k} accuracy`]: r3(r.topK!.rare), positions: r.topK!.rarePositions, keys: Number(r.fit.info?.rareKeys ?? NaN), published: 0.91 },
    ]);
}

/** Labels and test scores per model, for ROC / PR figures. */
export function scoredSeriesOf(results: readonly SequenceModelResult[], labels: ArrayLike<number>): { name: string; labels: ArrayLike<number>; scores: ArrayLike<number> }[] {
  return results.map((r) => ({ name: r.label, labels, scores: r.testScores }));
}
