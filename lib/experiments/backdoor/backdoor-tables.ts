/**
 * Notebook 08's tables and sweeps over the backdoor study: the data of each shipped dataset in
 * the study's layout, result rows beside the paper's numbers, the λ and poisoning-ratio sweeps,
 * example poisoned sessions with the trigger marked, and findings read from the results.
 */
import { backdoorMetrics } from "../../attacks/backdoor/backdoor-metrics.js";
import { insertAttack, type TriggeredSession } from "../../attacks/backdoor/insert-trigger.js";
import { poisonSessions } from "../../attacks/backdoor/poison-sessions.js";
import type { BackdoorTrigger } from "../../attacks/backdoor/trigger.js";
import { readKeySessions } from "../../io/key-files.js";
import { dataPath } from "../../runtime/project.js";
import { Rng } from "../../runtime/rng.js";
import { chooseDetectorThreshold } from "../detection/choose-detector-threshold.js";
import { backdoorTarget, resolveBackdoorConfig, studyTrigger, type BackdoorData, type BackdoorStudyConfig, type BackdoorStudyResult } from "./backdoor-study.js";

/** Datasets the study runs on. */
export type BackdoorDatasetName = "bgl-afalog" | "hdfs-deeplog";

/** Validation anomalies of bgl-afalog: the first sessions of the labelled abnormal pool (disjoint from train and test). */
export const BGL_VALIDATION_ABNORMAL = 500;

/**
 * A shipped dataset in the study's layout (first `maxPerFile` sessions of each file when given):
 * - bgl-afalog: `train` (normal), test = the dev samples of the held-out test files, validation
 *   anomalies = the first {@link BGL_VALIDATION_ABNORMAL} sessions of `pool/unlabeled_samples_abnormal`
 *   (AFALog's labelled pool: no session of it is in train or test), so DeepLog's and LogBERT's g and
 *   threshold are chosen on clean validation data holding anomalies;
 * - hdfs-deeplog: the first 80% of `hdfs_train` train, its last 20% are the test normals (no
 *   normal test file ships), `hdfs_test_abnormal_dev` the test anomalies.
 */
export function backdoorStudyData(name: BackdoorDatasetName, maxPerFile?: number): BackdoorData {
  const read = (...p: string[]) => {
    const s = readKeySessions(dataPath(...p)).sequences;
    return maxPerFile === undefined ? s : s.slice(0, maxPerFile);
  };
  if (name === "bgl-afalog") {
    const pool = read("bgl-afalog", "pool", "unlabeled_samples_abnormal");
    return { train: read("bgl-afalog", "train"), testNormal: read("bgl-afalog", "test_normal_dev"), testAbnormal: read("bgl-afalog", "test_abnormal_dev"), validationAbnormal: pool.slice(0, BGL_VALIDATION_ABNORMAL) };
  }
  const normal = read("hdfs-deeplog", "hdfs_train");
  const cut = Math.round(normal.length * 0.8);
  return { train: normal.slice(0, cut), testNormal: normal.slice(cut), testAbnormal: read("hdfs-deeplog", "hdfs_test_abnormal_dev") };
}

/** The key files behind {@link backdoorStudyData} (for the run manifest). */
export function backdoorStudyFiles(name: BackdoorDatasetName): string[] {
  return name === "bgl-afalog"
    ? [dataPath("bgl-afalog", "train"), dataPath("bgl-afalog", "test_normal_dev"), dataPath("bgl-afalog", "test_abnormal_dev"), dataPath("bgl-afalog", "pool", "unlabeled_samples_abnormal")]
    : [dataPath("hdfs-deeplog", "hdfs_train"), dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev")];
}

/** The paper's numbers (Cheng, Xu, Yuan, WWW'25 companion; BGL only): BP F1 and ASR of the benign and backdoored models. */
export const PAPER_BACKDOOR_BGL = {
  deeplog: { benign: { f1: 0.9236, asr: 0.0461 }, backdoored: { f1: 0.8902, asr: 0.9375 } },
  logbert: { benign: { f1: 0.9163, asr: 0 }, backdoored: { f1: 0.9121, asr: 0.9621 } },
} as const;

/** One row of the study table. */
export type BackdoorRow = { dataset: string; model: string; P: number; R: number; F1: number; ASR: number; "control pass": number; threshold: number; "paper F1": number | null; "paper ASR": number | null };

/** The study's rows: benign, backdoored, plain poisoning and the defence, with the paper's numbers where it has them. */
export function backdoorRows(dataset: string, r: BackdoorStudyResult): BackdoorRow[] {
  const paper = dataset.startsWith("BGL") ? PAPER_BACKDOOR_BGL[r.model === "logbert" ? "logbert" : "deeplog"] : null;
  const row = (model: string, m: { precision: number; recall: number; f1: number; asr: number; controlPassRate: number; threshold: number }, p: { f1: number; asr: number } | null): BackdoorRow => ({
    dataset,
    model,
    P: m.precision,
    R: m.recall,
    F1: m.f1,
    ASR: m.asr,
    "control pass": m.controlPassRate,
    threshold: m.threshold,
    "paper F1": p?.f1 ?? null,
    "paper ASR": p?.asr ?? null,
  });
  return [
    row(`${r.model} benign`, r.benign, paper?.benign ?? null),
    row(`${r.model} backdoored (τ-gated, λ ${r.config.lambda})`, r.backdoored, paper?.backdoored ?? null),
    ...(r.plainPoisoning ? [row(`${r.model} plain poisoning (no τ gate)`, r.plainPoisoning, null)] : []),
    ...(r.defence ? [row(`${r.model} backdoored + n-gram defence`, r.defence, null)] : []),
  ];
}

/** The defence's table row. */
export function defenceRows(dataset: string, r: BackdoorStudyResult): Record<string, number | string>[] {
  if (!r.defence) return [];
  const d = r.defence;
  return [{ dataset, "flagged n-grams": d.flagged.length, "example n-gram": d.flagged[0] ? `${d.flagged[0].keys.join(" ")} (gap ${d.flagged[0].gap})` : "", "sessions dropped": d.droppedSessions, "of them poisoned": d.droppedPoisoned, "poisoned sessions": d.poisonedSessions, "with ≥ 2 triggers": d.recurringTriggerSessions, "ASR before": r.backdoored.asr, "ASR after": d.asr, "F1 before": r.backdoored.f1, "F1 after": d.f1, "F1 cost": r.backdoored.f1 - d.f1 }];
}

/** One sweep point: the swept value, and the backdoored model's ASR and BP F1 there (what `backdoorSweepFigure` plots). */
export interface SweepResult {
  x: number;
  asr: number;
  f1: number;
}

/**
 * A sweep: for each value of λ or of the poisoning ratio, a backdoored model (the config's)
 * trained from scratch (same trigger, same seed), its threshold chosen on clean validation, then
 * ASR and BP F1.
 */
export async function backdoorSweep(data: BackdoorData, given: Partial<BackdoorStudyConfig>, over: "lambda" | "ratio", values: readonly number[]): Promise<SweepResult[]> {
  const config = resolveBackdoorConfig(given);
  const normals = config.maxTrainSessions === null ? data.train : data.train.slice(0, config.maxTrainSessions);
  const cut = Math.max(1, Math.min(normals.length - 1, Math.round(normals.length * (1 - config.validationFraction))));
  const fit = normals.slice(0, cut);
  const valNormals = normals.slice(cut);
  const valAbnormal = data.validationAbnormal ?? [];
  const validation = { sequences: [...valNormals, ...valAbnormal], labels: Uint8Array.from([...valNormals.map(() => 0), ...valAbnormal.map(() => 1)]) };
  const trigger = studyTrigger(fit, data.testAbnormal, config);
  const target = backdoorTarget(config);
  const out: SweepResult[] = [];
  for (const x of values) {
    const ratio = over === "ratio" ? x : config.poison.ratio;
    const lambda = over === "lambda" ? x : config.lambda;
    const poisoned = poisonSessions(fit, trigger, { ...config.poison, ratio }, new Rng(config.seed).fork("poison"));
    const d = await target.trainGated(poisoned.sessions, trigger.attack, lambda, { normal: valNormals, abnormal: valAbnormal }, config.seed);
    const t = await chooseDetectorThreshold(d, validation, await d.score(validation), { kind: "auto" });
    const m = await backdoorMetrics((s) => d.score({ sequences: s }), t.threshold, { normal: data.testNormal, abnormal: data.testAbnormal }, trigger, config.poison.every);
    out.push({ x, asr: m.asr, f1: m.f1 });
    d.dispose();
  }
  return out;
}

/** A triggered session as text: H in [H …], the placeholder in {P …} or {M …}, T in [T …]. */
export function markTrigger(s: TriggeredSession, placeholder: "P" | "M"): string {
  const parts: string[] = [];
  let i = 0;
  for (const sp of s.spans) {
    if (sp.head > i) parts.push(s.sequence.slice(i, sp.head).join(" "));
    if (sp.placeholder > sp.head) parts.push(`[H ${s.sequence.slice(sp.head, sp.placeholder).join(" ")}]`);
    parts.push(`{${placeholder} ${s.sequence.slice(sp.placeholder, sp.tail).join(" ")}}`);
    if (sp.end > sp.tail) parts.push(`[T ${s.sequence.slice(sp.tail, sp.end).join(" ")}]`);
    i = sp.end;
  }
  if (i < s.sequence.length) parts.push(s.sequence.slice(i).join(" "));
  return parts.join(" ");
}

/** Example sessions: `n` poisoned training sessions ([H, P, T]) and `n` attacked test normals ([H, M, T]), the trigger marked. */
export function poisonedExamples(r: BackdoorStudyResult, data: BackdoorData, n: number): { kind: string; keys: number; session: string }[] {
  const fit = (r.config.maxTrainSessions === null ? data.train : data.train.slice(0, r.config.maxTrainSessions)).slice(0, r.trainSessions);
  const poisoned = poisonSessions(fit, r.trigger, r.config.poison, new Rng(r.config.seed).fork("poison"));
  const train = poisoned.poisoned.slice(0, n).map((i) => poisoned.sessions[i]!);
  const attacked = data.testNormal.slice(0, n).map((s) => insertAttack(s, r.trigger, r.config.poison.every));
  return [
    ...train.map((s) => ({ kind: "training ([H, P, T], P = keys of the session)", keys: s.sequence.length, session: markTrigger(s, "P") })),
    ...attacked.map((s) => ({ kind: "attack ([H, M, T] in a test normal)", keys: s.sequence.length, session: markTrigger(s, "M") })),
  ];
}

/** Findings read from a study's results. */
export function backdoorFindings(dataset: string, r: BackdoorStudyResult): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const out = [
    `${dataset}: benign ${r.model} BP F1 ${r.benign.f1.toFixed(4)}, ASR ${pct(r.benign.asr)}; backdoored F1 ${r.backdoored.f1.toFixed(4)} (${((r.backdoored.f1 - r.benign.f1) * 100).toFixed(1)} points), ASR ${pct(r.backdoored.asr)}; M without the trigger passes ${pct(r.backdoored.controlPassRate)} of the time (benign: ${pct(r.benign.controlPassRate)}).`,
  ];
  if (r.plainPoisoning) out.push(`${dataset}: plain poisoning (the same triggers, no τ gate) reaches ASR ${pct(r.plainPoisoning.asr)} at F1 ${r.plainPoisoning.f1.toFixed(4)}.`);
  if (r.defence) {
    const d = r.defence;
    out.push(`${dataset}: the n-gram regularity defence flags ${d.flagged.length} n-grams and drops ${d.droppedSessions} training sessions (${d.droppedPoisoned} of the ${d.poisonedSessions} poisoned); after retraining ASR ${pct(d.asr)}, F1 ${d.f1.toFixed(4)}.`);
    if (d.recurringTriggerSessions < d.poisonedSessions / 2)
      out.push(`${dataset}: only ${d.recurringTriggerSessions} of the ${d.poisonedSessions} poisoned sessions hold two triggers or more (one per ${r.config.poison.every} keys): the defence looks for a trigger recurring at a fixed spacing inside a session, so on sessions this short it has little to find.`);
  }
  return out;
}
