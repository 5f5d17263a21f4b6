/**
 * DeepLog's evaluation protocol on HDFS, as far as the shipped data allow: semi-supervised models
 * (trained on normal sessions) get their threshold from the validation **normals** alone, and are
 * tested on the test normals plus a whole abnormal file. Run after the experiment, on the fitted
 * detectors it returned (no retraining).
 */
import { detectionReport, type DetectionReport } from "../../eval/detection-report.js";
import { describeThresholdSource } from "../../eval/threshold-source.js";
import type { Detector, SessionSet } from "../../models/detector.js";
import { normalSubset } from "../../models/sequence/session-subsets.js";
import { chooseDetectorThreshold } from "../detection/choose-detector-threshold.js";
import type { AnyDetectionResult } from "../detection/detection-experiment.js";
import type { LabelledSessions } from "../detection/experiment-model.js";

/** The protocol's test data and FPR bound. */
export interface NormalOnlyProtocol {
  /** Test normals (HDFS: the last 20% of `hdfs_train`). */
  normal: readonly (readonly number[])[];
  /** The whole abnormal file. */
  abnormal: readonly (readonly number[])[];
  /** At most this share of validation normals flagged (DeepLog's g: its own estimator). */
  maxFpr: number;
}

/**
 * The protocol's inputs from a split: its test normals, and a whole abnormal file (the first
 * `maxSessions` sessions in smoke runs).
 */
export function normalOnlyProtocol(split: { test: LabelledSessions }, abnormalFile: readonly (readonly number[])[], maxFpr: number, maxSessions: number | null = null): NormalOnlyProtocol {
  return {
    normal: normalSubset(split.test).sequences,
    abnormal: maxSessions === null ? abnormalFile : abnormalFile.slice(0, maxSessions),
    maxFpr,
  };
}

/** One model under the protocol. */
export interface ProtocolResult {
  label: string;
  model: string;
  threshold: number;
  /** Where the threshold came from, in words. */
  rule: string;
  report: DetectionReport;
  scoreSeconds: number;
}

/**
 * Runs the protocol for the semi-supervised models among `results` (fitted detectors from
 * `runDetectionExperiment`): threshold from `validation`'s normal sessions only (the one chooser,
 * `max-fpr` policy: DeepLog uses its own g estimator), then the protocol's test data scored once.
 */
export async function runNormalOnlyProtocol(results: readonly AnyDetectionResult[], validation: LabelledSessions, protocol: NormalOnlyProtocol): Promise<ProtocolResult[]> {
  const normals = normalSubset(validation);
  if (normals.sequences.length === 0) throw new Error("normal-only protocol: validation has no normal sessions");
  const valNormals: LabelledSessions = { sequences: normals.sequences, labels: new Uint8Array(normals.sequences.length) };
  const sequences = [...protocol.normal, ...protocol.abnormal];
  const labels = new Uint8Array(sequences.length).fill(1, protocol.normal.length);
  const out: ProtocolResult[] = [];
  for (const r of results) {
    if (r.supervision !== "semi-supervised") continue;
    const detector = r.detector as Detector<SessionSet>;
    const t = await chooseDetectorThreshold(detector, valNormals, await detector.score(valNormals), { kind: "max-fpr", fpr: protocol.maxFpr });
    const t0 = performance.now();
    const scores = await detector.score({ sequences });
    out.push({ label: r.label, model: r.model, threshold: t.threshold, rule: describeThresholdSource(t.source), report: detectionReport(sequences, labels, scores, t.threshold), scoreSeconds: (performance.now() - t0) / 1000 });
  }
  return out;
}

/** One row of the protocol table. */
export type ProtocolRow = {
  model: string;
  threshold: number;
  P: number;
  R: number;
  F1: number;
  FPR: number;
  FP: number;
  FN: number;
  "R distinct": number;
  "FP distinct": number;
  "FN distinct": number;
  normal: number;
  abnormal: number;
  "score s": number;
  rule: string;
};

/** The protocol table. */
export function protocolRows(results: readonly ProtocolResult[]): ProtocolRow[] {
  return results.map((p) => ({
    model: p.label,
    threshold: p.threshold,
    P: p.report.all.precision,
    R: p.report.all.recall,
    F1: p.report.all.f1,
    FPR: p.report.all.fpr,
    FP: p.report.all.fp,
    FN: p.report.all.fn,
    "R distinct": p.report.distinct.recall,
    "FP distinct": p.report.distinct.fp,
    "FN distinct": p.report.distinct.fn,
    normal: p.report.all.normal,
    abnormal: p.report.all.abnormal,
    "score s": p.scoreSeconds,
    rule: p.rule,
  }));
}
