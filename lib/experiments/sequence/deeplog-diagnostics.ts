/**
 * DeepLog's own views of an experiment's fitted model (no retraining): g chosen on validation
 * normals with the whole top-g sweep, and which rule decides each alarm (an unseen key, the
 * padding of short sessions, or the LSTM's ranks).
 */
import { decide } from "../../eval/confusion.js";
import { normalSubset } from "../../models/sequence/session-subsets.js";
import type { DeepLogScoreCause } from "../../models/sequence/deeplog.js";
import { topGSweep, type TopGChoice, type TopGPoint } from "../../models/sequence/top-g-sweep.js";
import type { AnyDetectionResult, DetectionResult } from "../detection/detection-experiment.js";
import type { LabelledSessions } from "../detection/experiment-model.js";

/** The first DeepLog result of an experiment (or the one with the given label). */
export function deeplogResultOf(results: readonly AnyDetectionResult[], label?: string): DetectionResult<"deeplog"> {
  for (const r of results) if (r.model === "deeplog" && (label === undefined || r.label === label)) return r;
  throw new Error(`no DeepLog result${label ? ` labelled "${label}"` : ""} among the models run (${results.map((r) => r.label).join(", ")})`);
}

/** g chosen on validation normals, and the top-g sweeps on validation and test. */
export interface DeepLogTopG {
  choice: TopGChoice;
  validation: TopGPoint[];
  test: TopGPoint[];
}

/**
 * DeepLog's g chosen on the validation **normals** (at most `maxFpr` flagged, by the model's own
 * estimate) and the sweep g = 1 … V on validation and test, from the experiment's scores.
 */
export async function deeplogTopG(result: DetectionResult<"deeplog">, split: { validation: LabelledSessions; test: LabelledSessions }, maxFpr: number): Promise<DeepLogTopG> {
  const V = result.detector.vocabulary.size;
  return {
    choice: await result.detector.chooseTopGOnNormals(normalSubset(split.validation), maxFpr),
    validation: topGSweep(split.validation.labels, result.validationScores, V),
    test: topGSweep(split.test.labels, result.testScores, V),
  };
}

/** One g of the validation choice. */
export type TopGChoiceRow = {
  g: number;
  "validation FPR (observed)": number;
  "validation FPR (model-expected)": number;
  "estimate (max)": number;
  chosen: boolean;
  "test recall": number | null;
  "test FPR": number | null;
};

/** The validation g choice as rows: observed, model-expected and estimated FPR per g, with test recall and FPR. */
export function topGChoiceRows(t: DeepLogTopG): TopGChoiceRow[] {
  const c = t.choice;
  return c.observedFpr.slice(1).map((obs, i) => ({
    g: i + 1,
    "validation FPR (observed)": obs,
    "validation FPR (model-expected)": c.expectedFpr[i + 1] ?? 0,
    "estimate (max)": c.estimatedFpr[i + 1] ?? 0,
    chosen: i + 1 === c.g,
    "test recall": t.test[i]?.recall ?? null,
    "test FPR": t.test[i]?.fpr ?? null,
  }));
}

/** The sweeps as `topGSweepFigure` series, with the chosen g. */
export function topGSeriesOf(t: DeepLogTopG): { series: { label: string; points: TopGPoint[] }[]; chosenG: number } {
  return {
    series: [
      { label: "validation", points: t.validation },
      { label: "test", points: t.test },
    ],
    chosenG: t.choice.g,
  };
}

/** Why test sessions were (or were not) flagged at a threshold, by class. */
export type DeepLogCauseRow = {
  cause: "unseen key" | "padding rule" | "LSTM rank" | "not flagged";
  abnormal: number;
  /** Share of the abnormal test sessions: the flagged causes sum to the recall. */
  "share of abnormal": number;
  normal: number;
  /** Share of the normal test sessions: the flagged causes sum to the FPR. */
  "share of normal": number;
};

const CAUSE_NAMES: Record<DeepLogScoreCause, DeepLogCauseRow["cause"]> = { "unseen-key": "unseen key", padding: "padding rule", rank: "LSTM rank" };

/**
 * DeepLog's recall (and FPR) split by what flagged each session at `threshold` (default: the
 * experiment's): a key never seen in training, the padding rule for sessions shorter than
 * window + 1, or the LSTM's ranks (DeepLog.scoreCauses). Shows how much of a high recall the
 * LSTM itself earns.
 */
export function deeplogCauseRows(result: DetectionResult<"deeplog">, test: LabelledSessions, threshold: number = result.threshold): DeepLogCauseRow[] {
  const causes = result.detector.scoreCauses(test);
  const flagged = decide(result.testScores, threshold);
  const counts = new Map<DeepLogCauseRow["cause"], { abnormal: number; normal: number }>();
  for (const c of ["unseen key", "padding rule", "LSTM rank", "not flagged"] as const) counts.set(c, { abnormal: 0, normal: 0 });
  let abnormal = 0;
  for (let i = 0; i < causes.length; i++) {
    const y = test.labels[i]!;
    abnormal += y;
    const cause = flagged[i] ? CAUSE_NAMES[causes[i]!] : "not flagged";
    const c = counts.get(cause)!;
    if (y) c.abnormal++;
    else c.normal++;
  }
  const normal = causes.length - abnormal;
  return [...counts].map(([cause, c]) => ({ cause, abnormal: c.abnormal, "share of abnormal": abnormal ? c.abnormal / abnormal : 0, normal: c.normal, "share of normal": normal ? c.normal / normal : 0 }));
}

/**
 * DeepLog's recall by cause in words, every number read from the cause rows: how much of what it
 * detects the LSTM's ranks detect, and how much the unseen-key and padding rules do.
 */
export function deeplogCauseFindings(dataset: string, result: DetectionResult<"deeplog">, rows: readonly DeepLogCauseRow[]): string[] {
  const by = (c: DeepLogCauseRow["cause"]): DeepLogCauseRow => rows.find((r) => r.cause === c)!;
  const detected = rows.filter((r) => r.cause !== "not flagged").reduce((a, r) => a + r.abnormal, 0);
  if (detected === 0) return [`${dataset}: ${result.label} detects no anomalous test session at threshold ${result.threshold}.`];
  const share = (c: DeepLogCauseRow["cause"]): string => `${((100 * by(c).abnormal) / detected).toFixed(1)}%`;
  const rules = by("unseen key").abnormal + by("padding rule").abnormal;
  return [
    `${dataset}: ${result.label} (threshold ${result.threshold}) detects ${detected} anomalous test sessions (recall ${(by("unseen key")["share of abnormal"] + by("padding rule")["share of abnormal"] + by("LSTM rank")["share of abnormal"]).toFixed(3)}); ${share("unseen key")} of them hold a key never seen in training, ${share("padding rule")} are flagged by the padding rule for short sessions, and ${share("LSTM rank")} by the LSTM's ranks.`,
    `${dataset}: without the LSTM, the two rules alone would catch ${rules} of those ${detected}; its false positives: ${by("unseen key").normal} by an unseen key, ${by("padding rule").normal} by padding, ${by("LSTM rank").normal} by rank.`,
  ];
}
