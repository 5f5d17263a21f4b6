/**
 * The one runner of detection experiments (notebooks 05 and 06, benchmarks; `loglab train` uses
 * its parts): for each model, fit on the fit set its registry entry declares ({@link fitSetOf}),
 * choose the threshold on validation ({@link chooseDetectorThreshold}), then score the test part
 * once and report it over all sessions, distinct sessions and sessions never seen in training.
 * It returns the fitted detectors, so a later cell can re-score, change a threshold
 * ({@link reportAtThreshold}) or show flagged sessions without retraining; the caller disposes
 * them ({@link disposeResults}).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detectionReport, seenSessions, type DetectionReport } from "../../eval/detection-report.js";
import type { Detector, KeyVectors, SessionSet } from "../../models/detector.js";
import { keysOfSessions, keyVectorTable } from "../../models/key-vector-table.js";
import type { ModelName } from "../../models/registry.js";
import { loadTrainedDetector, saveTrainedDetector } from "../../models/trained-model.js";
import type { DetectionThresholdPolicy } from "./choose-detector-threshold.js";
import { fitDetector, type FittedDetector } from "./fit-detector.js";
import { labelOf, unlabelledSet, type DetectionSplit, type ExperimentModel, type LabelledSessions } from "./experiment-model.js";
import { progress } from "../../runtime/progress.js";
import { buildModelCard } from "./model-card.js";
import { defaultExperimentWorkers, fitInWorkers } from "./parallel-fit.js";

/** What one model did in an experiment: fitted, thresholded on validation, tested. */
export interface DetectionResult<N extends ModelName = ModelName> extends FittedDetector<N> {
  /** Test scores (one per test session, in split order). */
  testScores: Float64Array;
  scoreSeconds: number;
  /** Test metrics at the validation-chosen threshold: all, distinct, unseen in training. */
  test: DetectionReport;
  /** Test metrics at the model's own threshold (null when it has none). */
  testAtIntrinsic: DetectionReport | null;
  /** Folder the model was saved to with its card (null: not saved). */
  savedTo: string | null;
}

/** A result of any registered model; `r.model === "deeplog"` narrows `r.detector` to `DeepLog`. */
export type AnyDetectionResult = { [N in ModelName]: DetectionResult<N> }[ModelName];

/** Options of {@link runDetectionExperiment}. */
export interface DetectionExperimentOptions {
  split: DetectionSplit;
  models: readonly ExperimentModel[];
  seed: number;
  /** Default: max F1 on validation. */
  threshold?: DetectionThresholdPolicy;
  /** Save each fitted model with its card under `<modelsDir>/<label>` (default: do not save). */
  modelsDir?: string | null;
  /** Input paths recorded in saved model cards. */
  files?: readonly string[];
  /** Initial key-embedding vectors for token-level inputs (models without a key embedding ignore them). */
  keyVectors?: KeyVectors;
  /** Called after each model (progress, or streaming a table); in completion order when parallel. */
  onModel?: (result: AnyDetectionResult) => void;
  /** Shows a progress bar over the models under this label (default: none). */
  progress?: string;
  /**
   * Models fitted at once, each in its own child process (default `LOGLAB_WORKERS`, else the
   * number of cores; 1 = serial, in this process). Results are the same as a serial run's for
   * the same seed (test/experiments/detection/parallel-fit.test.ts) and come back in `models` order.
   */
  workers?: number;
}

/** A folder name for a model label. */
function folderName(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/**
 * Fits, thresholds (on validation) and tests each model in turn; returns the fitted detectors.
 *
 * @example
 * const { split } = loadKeyDatasetSplit("hdfs-deeplog");
 * const results = await runDetectionExperiment({ split, models: [{ model: "pca" }, { model: "deeplog" }], seed: 42 });
 * results[0].test.unseen?.f1;
 * disposeResults(results);
 */
export async function runDetectionExperiment(o: DetectionExperimentOptions): Promise<AnyDetectionResult[]> {
  if (o.progress !== undefined) return withModelProgress(o, o.progress);
  const workers = o.workers ?? defaultExperimentWorkers();
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`runDetectionExperiment: workers must be a whole number ≥ 1, got ${workers}`);
  if (workers > 1 && o.models.length > 1) return runInWorkers(o, workers);
  const out: AnyDetectionResult[] = [];
  const { train, validation, test } = o.split;
  const seen = seenSessions(train.sequences);
  try {
    for (const spec of o.models) {
      const fitted = await fitDetector(spec, { train, validation }, { seed: o.seed, threshold: o.threshold ?? { kind: "max-f1" }, keyVectors: o.keyVectors });
      const detector = fitted.detector as Detector<SessionSet>;
      try {
        const t0 = performance.now();
        const testScores = await detector.score(unlabelledSet(test));
        const scoreSeconds = (performance.now() - t0) / 1000;
        let savedTo: string | null = null;
        if (o.modelsDir) {
          savedTo = join(o.modelsDir, folderName(fitted.label));
          await saveTrainedDetector(savedTo, detector, buildModelCard(fitted, { seed: o.seed, train, validation, files: o.files }));
        }
        const result = {
          ...fitted,
          testScores,
          scoreSeconds,
          test: detectionReport(test.sequences, test.labels, testScores, fitted.threshold, seen),
          testAtIntrinsic: fitted.intrinsicThreshold === null ? null : detectionReport(test.sequences, test.labels, testScores, fitted.intrinsicThreshold, seen),
          savedTo,
        } as AnyDetectionResult;
        out.push(result);
        o.onModel?.(result);
      } catch (err) {
        detector.dispose();
        throw err;
      }
    }
  } catch (err) {
    disposeResults(out);
    throw err;
  }
  return out;
}

/** {@link runDetectionExperiment} with a progress bar that moves as each model finishes. */
async function withModelProgress(o: DetectionExperimentOptions, label: string): Promise<AnyDetectionResult[]> {
  const bar = progress({ label, total: o.models.length, unit: "models" });
  try {
    return await runDetectionExperiment({
      ...o,
      progress: undefined,
      onModel: (r) => {
        bar.tick();
        o.onModel?.(r);
      },
    });
  } finally {
    bar.done();
  }
}

/** Every model of some families, in family order (one experiment fits them in one pool of workers). */
export function modelGroupList<G extends { [K in keyof G]: readonly ExperimentModel[] }>(groups: G): ExperimentModel[] {
  return (Object.values(groups) as (readonly ExperimentModel[])[]).flat();
}

/** {@link runDetectionExperiment} on a pool of child processes: each fits, scores and saves; this process loads the detectors back. */
async function runInWorkers(o: DetectionExperimentOptions, workers: number): Promise<AnyDetectionResult[]> {
  const { train, test } = o.split;
  const seen = seenSessions(train.sequences);
  const scratch = o.modelsDir ? null : mkdtempSync(join(tmpdir(), "loglab-experiment-"));
  // the vectors of the split's keys, as arrays: a child process cannot receive the `vector` closure
  const keyVectors = o.keyVectors ? keyVectorTable(o.keyVectors, keysOfSessions(train, o.split.validation, test)) : undefined;
  const jobs = o.models.map((spec, i) => ({
    spec,
    split: o.split,
    seed: o.seed,
    threshold: o.threshold ?? { kind: "max-f1" as const },
    dir: o.modelsDir ? join(o.modelsDir, folderName(labelOf(spec))) : join(scratch!, String(i)),
    files: o.files ?? [],
    ...(keyVectors ? { keyVectors } : {}),
  }));
  const done: (AnyDetectionResult | undefined)[] = new Array(jobs.length);
  try {
    await fitInWorkers(jobs, workers, async (i, r) => {
      const { detector } = await loadTrainedDetector(jobs[i]!.dir);
      const f = r.fitted;
      const result = {
        ...f,
        detector,
        testScores: r.testScores,
        scoreSeconds: r.scoreSeconds,
        test: detectionReport(test.sequences, test.labels, r.testScores, f.threshold, seen),
        testAtIntrinsic: f.intrinsicThreshold === null ? null : detectionReport(test.sequences, test.labels, r.testScores, f.intrinsicThreshold, seen),
        savedTo: o.modelsDir ? jobs[i]!.dir : null,
      } as AnyDetectionResult;
      done[i] = result;
      o.onModel?.(result);
    });
  } catch (err) {
    disposeResults(done.filter((r): r is AnyDetectionResult => r !== undefined));
    throw err;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  return done as AnyDetectionResult[];
}

/** Frees every fitted detector of some results (TF.js tensors); they cannot score afterwards. */
export function disposeResults(results: readonly { detector: { dispose(): void } }[]): void {
  for (const r of results) r.detector.dispose();
}

/**
 * A result's test metrics at another threshold (e.g. one read off the validation sweep), without
 * retraining or re-scoring. `train` gives the unseen-session view.
 *
 * @example
 * reportAtThreshold(result, split.test, result.choice.curve[10].threshold, split.train).all.f1;
 */
export function reportAtThreshold(result: { testScores: Float64Array }, test: LabelledSessions, threshold: number, train?: SessionSet): DetectionReport {
  return detectionReport(test.sequences, test.labels, result.testScores, threshold, train ? seenSessions(train.sequences) : null);
}
