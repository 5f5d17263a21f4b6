/**
 * HTTP access-log anomaly detection: requests → feature tokens (features/http-request-tokens.ts)
 * → the registry's autoencoders and Isolation Forest through the one detection runner, with the
 * per-attack-type recall the web-attack setting asks for (after the autoencoder study of
 * Farzad & Gulliver, ICT Express 2020, moved from log messages to web requests).
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { readAccessLog, type AccessLogData } from "../../data/access-log-dataset.js";
import { generateAccessLog, writeAccessLog, type AccessLogFormat } from "../../data/synthetic-access.js";
import { Rng } from "../../runtime/rng.js";
import { HttpRequestFeaturizer, type HttpFeatureOptions } from "../../features/http-request-tokens.js";
import { runDetectionExperiment, type AnyDetectionResult } from "../detection/detection-experiment.js";
import type { DetectionSplit, ExperimentModel, LabelledSessions } from "../detection/experiment-model.js";

/** An access log split in time order into train / validation / test, as key sequences. */
export interface HttpSplit {
  split: DetectionSplit;
  featurizer: HttpRequestFeaturizer;
  /** Attack type of each test request ("" when normal). */
  testAttackTypes: string[];
  /** Sizes of the three parts (requests). */
  sizes: { train: number; validation: number; test: number };
}

/**
 * Splits a labelled access log by time (file order): the first `train` share trains, the next
 * `validation` share chooses thresholds, the rest tests. The feature vocabulary is fitted on the
 * training requests only; per-client rates are computed over the whole log (a client's window
 * does not stop at a split boundary).
 */
export function splitAccessLog(log: AccessLogData, o: { train?: number; validation?: number; features?: Partial<HttpFeatureOptions> } = {}): HttpSplit {
  if (!log.labels) throw new Error(`${log.file}: no labels (give FILE.labels.csv or a 0/1 label column)`);
  const n = log.requests.length;
  const a = Math.round(n * (o.train ?? 0.6));
  const b = Math.round(n * ((o.train ?? 0.6) + (o.validation ?? 0.2)));
  if (a < 2 || b - a < 2 || n - b < 2) throw new Error(`${log.file}: ${n} requests are too few to split into train / validation / test`);
  const featurizer = HttpRequestFeaturizer.fit(log.requests.slice(0, a), o.features);
  const sequences = featurizer.transform(log.requests);
  const part = (lo: number, hi: number): LabelledSessions => ({ sequences: sequences.slice(lo, hi), labels: log.labels!.slice(lo, hi) });
  return {
    split: { train: part(0, a), validation: part(a, b), test: part(b, n) },
    featurizer,
    testAttackTypes: (log.attackTypes ?? log.requests.map(() => "")).slice(b, n),
    sizes: { train: a, validation: b - a, test: n - b },
  };
}

/** The HTTP detectors: the four autoencoders and Isolation Forest, sized by the caller. */
export function httpDetectors(o: { epochs: number; lstmMaxLength: number; lstmHidden: number }): ExperimentModel[] {
  return [
    { model: "dense-ae", params: { hidden: [64], latentDim: 8, epochs: o.epochs } },
    { model: "lstm-ae", params: { maxLength: o.lstmMaxLength, hiddenUnits: o.lstmHidden, epochs: Math.max(1, Math.round(o.epochs / 10)) } },
    { model: "iforest-ae", params: { epochs: o.epochs } },
    { model: "iforest-2ae", params: { epochs: o.epochs } },
    { model: "iforest", label: "iforest (unlabelled)", fitSet: "unlabelled" },
  ] as ExperimentModel[];
}

/** One row of the HTTP results table. */
export type HttpResultRow = {
  model: string;
  P: number;
  R: number;
  F1: number;
  "ROC-AUC": number;
  "min recall per attack type": number;
  "fit s": number;
} & Record<`R ${string}`, number>;

/** Recall on the test part per attack type, at the model's validation-chosen threshold. */
export function recallByAttackType(result: AnyDetectionResult, split: HttpSplit): Record<string, number> {
  const hit = new Map<string, [number, number]>();
  split.testAttackTypes.forEach((t, i) => {
    if (!t || split.split.test.labels[i] !== 1) return;
    const c = hit.get(t) ?? [0, 0];
    c[1]++;
    if (result.testScores[i]! > result.threshold) c[0]++;
    hit.set(t, c);
  });
  return Object.fromEntries([...hit.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([t, [h, n]]) => [t, h / n]));
}

/** The results table: test precision, recall, F1, ROC-AUC, recall per attack type and its minimum. */
export function httpResultRows(results: readonly AnyDetectionResult[], split: HttpSplit): HttpResultRow[] {
  return results.map((r) => {
    const byType = recallByAttackType(r, split);
    const recalls = Object.values(byType);
    const row: Record<string, number | string> = {
      model: r.label,
      P: r.test.all.precision,
      R: r.test.all.recall,
      F1: r.test.all.f1,
      "ROC-AUC": r.test.all.rocAuc,
      "min recall per attack type": recalls.length ? Math.min(...recalls) : NaN,
      "fit s": r.fitSeconds,
    };
    for (const [t, v] of Object.entries(byType)) row[`R ${t}`] = v;
    return row as HttpResultRow;
  });
}

/** Fits and tests every HTTP detector on a split (thresholds: max F1 on validation). */
export async function runHttpExperiment(split: HttpSplit, models: readonly ExperimentModel[], seed: number): Promise<AnyDetectionResult[]> {
  return runDetectionExperiment({ split: split.split, models, seed, threshold: { kind: "max-f1" } });
}

/**
 * A generated labelled access log (Combined Log Format by default) written to `path` with its
 * `.labels.csv`, then read back by {@link readAccessLog}: the path a user's own labelled log takes.
 */
export function syntheticAccessLog(path: string, o: { lines: number; anomalyRatio: number; seed: number; format?: AccessLogFormat }): AccessLogData {
  mkdirSync(dirname(path), { recursive: true });
  writeAccessLog(path, generateAccessLog(new Rng(o.seed), { format: o.format ?? "access-combined", lines: o.lines, anomalyRatio: o.anomalyRatio }));
  return readAccessLog(path);
}

/**
 * The HTTP target for one row: recall ≥ `minRecall` on every attack type at overall
 * precision ≥ `minPrecision` (test part, validation-chosen threshold).
 */
export function httpTargetMet(row: HttpResultRow, minRecall = 0.9, minPrecision = 0.9): boolean {
  return row.P >= minPrecision && row["min recall per attack type"] >= minRecall;
}

/** The best HTTP row: the one meeting the target with the highest F1, else the highest minimum per-type recall among those with precision ≥ 0.9, else the highest F1. */
export function bestHttpRow(rows: readonly HttpResultRow[]): HttpResultRow {
  if (rows.length === 0) throw new Error("bestHttpRow: no rows");
  const by = (xs: readonly HttpResultRow[], f: (r: HttpResultRow) => number): HttpResultRow => xs.reduce((a, b) => (f(b) > f(a) ? b : a));
  const met = rows.filter((r) => httpTargetMet(r));
  if (met.length) return by(met, (r) => r.F1);
  const precise = rows.filter((r) => r.P >= 0.9);
  if (precise.length) return by(precise, (r) => r["min recall per attack type"]);
  return by(rows, (r) => r.F1);
}

/** Test recall per attack type as grouped series: one category per attack type, one series per detector (for `groupedScoresFigure`). */
export function httpRecallSeries(rows: readonly HttpResultRow[]): { categories: string[]; series: { name: string; values: (number | null)[] }[] } {
  const categories = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k.startsWith("R ")).map((k) => k.slice(2))))].sort();
  return { categories, series: rows.map((r) => ({ name: `${r.model} (P ${r.P.toFixed(2)})`, values: categories.map((t) => (r[`R ${t}`] as number | undefined) ?? null) })) };
}
