/**
 * Runs several registered detectors on one labelled train / validation / test split the honest
 * way: unsupervised models fit on the training normals only (or, with `fitOn: "unlabelled"`, on
 * the whole training part with its labels removed), supervised ones on the labelled training part; thresholds are chosen on validation ({@link fitAndChooseThreshold}); the test
 * part is only scored, after the threshold is fixed.
 */
import { detectionReport, type DetectionReport } from "../../eval/detection-report.js";
import type { ThresholdChoice } from "../../eval/choose-threshold.js";
import type { FitReport, SessionSet, Supervision } from "../../models/detector.js";
import { normalSubset } from "../../models/sequence/session-subsets.js";
import { fitAndChooseThreshold, supervisionOf, type TrainThresholdPolicy } from "./train-pipeline.js";

/** Labelled sessions. */
export type LabelledSessions = SessionSet & { labels: Uint8Array };

/** One model to run: a registry name, parameters and a display label. */
export interface ExperimentModel {
  model: string;
  params?: object;
  /** Shown in tables (default: the model name). */
  label?: string;
  /**
   * Unsupervised models only: `"normals"` (default) fits on the training normals (semi-supervised);
   * `"unlabelled"` fits on every training session with the labels removed, anomalies included:
   * loglizer's setting for PCA, Invariants Mining and Isolation Forest (He et al., ISSRE'16, §III).
   */
  fitOn?: "normals" | "unlabelled";
}

/** The sessions a model is fitted on, by its supervision and `fitOn`. */
function fitSetOf(m: ExperimentModel, supervision: Supervision, train: LabelledSessions): SessionSet {
  if (supervision === "supervised") {
    if (m.fitOn !== undefined) throw new Error(`${m.label ?? m.model}: fitOn applies to unsupervised models only; "${m.model}" is supervised and fits on the labelled training part`);
    return train;
  }
  return m.fitOn === "unlabelled" ? { sequences: train.sequences } : normalSubset(train);
}

/** Options of {@link runDetectionExperiment}. */
export interface DetectionExperimentOptions {
  split: { train: LabelledSessions; validation: LabelledSessions; test: LabelledSessions };
  models: readonly ExperimentModel[];
  seed: number;
  /** Default: max F1 on validation. */
  threshold?: TrainThresholdPolicy;
  /** Called after each model (progress). */
  onModel?: (result: DetectionModelResult) => void;
}

/** What one model did in an experiment (fit, validation-chosen threshold, test), whichever runner ran it. */
export interface ExperimentModelResult {
  label: string;
  model: string;
  supervision: Supervision;
  params: object;
  fit: FitReport;
  fitSeconds: number;
  /** Training sessions the model was fit on. */
  fitSessions: number;
  /** Seconds to score the test sessions. */
  scoreSeconds: number;
  threshold: number;
  thresholdSource: string;
  choice: ThresholdChoice;
  testScores: Float64Array;
  /** Test metrics at the validation-chosen threshold. */
  test: DetectionReport;
}

/** One model's outcome. */
export interface DetectionModelResult extends ExperimentModelResult {
  /** The model's own threshold (Q-statistic…), or null. */
  intrinsicThreshold: number | null;
  /** Test metrics at the model's own threshold (null when it has none). */
  testAtIntrinsic: DetectionReport | null;
}

/**
 * Fits, thresholds (on validation) and tests each model in turn.
 *
 * @example
 * const split = splitKeyDataset("hdfs-deeplog");
 * const results = await runDetectionExperiment({ split, models: [{ model: "pca" }, { model: "decision-tree" }], seed: 42 });
 */
export async function runDetectionExperiment(o: DetectionExperimentOptions): Promise<DetectionModelResult[]> {
  const out: DetectionModelResult[] = [];
  const { train, validation, test } = o.split;
  for (const m of o.models) {
    const supervision = supervisionOf(m.model);
    const fitSet = fitSetOf(m, supervision, train);
    const fitted = await fitAndChooseThreshold({ model: m.model, params: m.params, seed: o.seed, train: fitSet, validation, threshold: o.threshold ?? { kind: "max-f1" } });
    const t0 = performance.now();
    const testScores = await fitted.detector.score({ sequences: test.sequences });
    const scoreSeconds = (performance.now() - t0) / 1000;
    const intrinsic = fitted.detector.intrinsicThreshold?.() ?? null;
    const result: DetectionModelResult = {
      label: m.label ?? m.model,
      model: m.model,
      supervision,
      params: fitted.params,
      fit: fitted.fit,
      fitSeconds: fitted.fitSeconds,
      scoreSeconds,
      threshold: fitted.choice.threshold,
      thresholdSource: fitted.thresholdSource,
      choice: fitted.choice,
      intrinsicThreshold: intrinsic,
      testScores,
      test: detectionReport(test.sequences, test.labels, testScores, fitted.choice.threshold),
      testAtIntrinsic: intrinsic === null ? null : detectionReport(test.sequences, test.labels, testScores, intrinsic),
      fitSessions: fitSet.sequences.length,
    };
    fitted.detector.dispose();
    out.push(result);
    o.onModel?.(result);
  }
  return out;
}
