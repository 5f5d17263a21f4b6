import type { KeyDatasetSplit } from "../../data/key-dataset-split.js";
import { readKeySessions } from "../../io/key-files.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../runtime/project.js";
import type { EnsembleLabel } from "../../models/ensemble/ensemble-label.js";
import { dataPath } from "../../runtime/project.js";
import type { EnsembleExperiment, EnsembleExperimentOptions } from "./ensemble-experiment.js";

/** The HDFS data of the ensemble study: normal training sessions, a labelled test set, and how to name a test session. */
export interface EnsembleStudyData extends Pick<EnsembleExperimentOptions, "normal" | "normalSeverities" | "test" | "sessionName" | "lineName" | "templateOf"> {
  /** The raw text of a test line (session i, position p), where the data are raw logs. */
  lineText?: (i: number, p: number) => string;
  testNormal: number;
  testAbnormal: number;
  files: string[];
}

/**
 * HDFS (`hdfs-deeplog`) for the ensemble: normal sessions are the start of `hdfs_train` in file
 * order (at most `maxNormal`, never past its first 80%); the test set is the last 20% of
 * `hdfs_train` (normal) and the first `maxAbnormal` sessions of `hdfs_test_abnormal_dev`. Test
 * sessions are named by file and line (`hdfs_train:4856`), so triage examples trace back.
 */
export function hdfsEnsembleData(maxNormal: number, maxAbnormal: number): EnsembleStudyData {
  const trainFile = dataPath("hdfs-deeplog", "hdfs_train");
  const abnormalFile = dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev");
  const all = readKeySessions(trainFile).sequences;
  const abnormal = readKeySessions(abnormalFile).sequences.slice(0, maxAbnormal);
  const n80 = Math.floor(all.length * 0.8);
  const testNormal = all.slice(n80);
  return {
    normal: all.slice(0, Math.min(n80, maxNormal)),
    test: { sequences: [...testNormal, ...abnormal], labels: Uint8Array.from([...testNormal.map(() => 0), ...abnormal.map(() => 1)]) },
    sessionName: (i) => (i < testNormal.length ? `hdfs_train:${n80 + i + 1}` : `hdfs_test_abnormal_dev:${i - testNormal.length + 1}`),
    testNormal: testNormal.length,
    testAbnormal: abnormal.length,
    files: [trainFile, abnormalFile],
  };
}

/**
 * A raw-log split (e.g. `bgl-2k-windows`, whose lines carry levels) for the ensemble: the normal
 * windows of train then validation (file order; the ensemble's own validation share picks its
 * thresholds from the last of them), each event's severity, and the test windows with their
 * labels. Triage examples name the raw line (`data/loghub-2k/BGL/BGL_2k.log:1734`).
 */
export function rawWindowEnsembleData(split: KeyDatasetSplit): EnsembleStudyData {
  const d = split.decoding;
  if (!d) throw new Error(`rawWindowEnsembleData: ${split.name} is not a raw-log split (no decoding to raw lines)`);
  const normals = (part: "train" | "validation") => split[part].sequences.map((_, i) => i).filter((i) => split[part].labels[i] === 0);
  const tr = normals("train");
  const va = normals("validation");
  const sev = (part: "train" | "validation", idx: number[]) => (split[part].severities ? idx.map((i) => split[part].severities![i]!) : undefined);
  const trSev = sev("train", tr);
  const vaSev = sev("validation", va);
  const test = split.test;
  const nTestNormal = Array.from(test.labels).filter((l) => l === 0).length;
  let raw: string[] | undefined;
  return {
    normal: [...tr.map((i) => split.train.sequences[i]!), ...va.map((i) => split.validation.sequences[i]!)],
    ...(trSev && vaSev ? { normalSeverities: [...trSev, ...vaSev] } : {}),
    test: { sequences: test.sequences, labels: test.labels, ...(test.severities ? { severities: test.severities } : {}) },
    sessionName: (i) => `test window ${i + 1} (${d.file}:${d.lines.test[i]![0]})`,
    lineName: (i, p) => `${d.file}:${d.lines.test[i]![p]}`,
    lineText: (i, p) => (raw ??= readFileSync(join(projectRoot(), d.file), "utf8").split(/\r\n|\n|\r/))[d.lines.test[i]![p]! - 1] ?? "",
    templateOf: (k) => d.templates[String(k)] ?? `key ${k}`,
    testNormal: nTestNormal,
    testAbnormal: test.labels.length - nTestNormal,
    files: [d.file],
  };
}

/** The study's findings, every number read from the experiment. */
export function ensembleFindings(dataset: string, exp: EnsembleExperiment): string[] {
  const [danger, watch, normal] = exp.table.rows;
  const p = (x: number | null | undefined): string => (x === null || x === undefined ? "n/a" : x.toFixed(3));
  const t = exp.ensemble.thresholds;
  return [
    `On ${exp.table.sessions} ${dataset} test sessions (${exp.table.anomalies} anomalous), the ensemble labels ${danger!.sessions} Danger (precision ${p(danger!.precision)}), ${watch!.sessions} Watch Out (precision ${p(watch!.precision)}) and ${normal!.sessions} Normal (${normal!.anomalous} of them anomalous).`,
    `Its ${watch!.lines} Watch Out lines fall into ${exp.queue.length} template groups: a reviewer reads ${exp.queue.length} groups instead of ${watch!.lines} lines.`,
    `Thresholds from ${exp.validationSessions} validation normal sessions: dual LSTM g = ${t.lstmG}, LogBERT-severity g = ${t.bertG}, cosine cutoffs ${t.watchCutoff.toFixed(4)} (watch) and ${t.dangerCutoff.toFixed(4)} (danger).`,
  ];
}

/** Sessions per part and seconds per step, as display rows. */
export function ensembleInputRows(exp: EnsembleExperiment, data: EnsembleStudyData): Record<string, string | number>[] {
  return [
    { part: "fit (normal)", sessions: exp.fitSessions },
    { part: "validation (normal)", sessions: exp.validationSessions },
    { part: "test normal", sessions: data.testNormal },
    { part: "test abnormal", sessions: data.testAbnormal },
    { part: "seconds: dual LSTM / LogBERT-severity / calibration / labelling", sessions: `${exp.seconds.lstm.toFixed(1)} / ${exp.seconds.bert.toFixed(1)} / ${exp.seconds.calibrate.toFixed(1)} / ${exp.seconds.judge.toFixed(1)}` },
  ];
}

/**
 * The `top` test lines of one label (highest score first), each named and, for raw logs, with its
 * template and raw text: "the top Danger and Watch Out examples traced to their raw lines".
 */
export function ensembleExampleRows(exp: EnsembleExperiment, data: EnsembleStudyData, label: EnsembleLabel, top: number): Record<string, string | number>[] {
  const name = data.lineName ?? ((i: number, p: number) => `${data.sessionName ? data.sessionName(i) : `session ${i + 1}`}#${p + 1}`);
  const rows = exp.result.lines
    .filter((l) => l.label === label)
    .sort((a, b) => b.score - a.score || a.session - b.session || a.position - b.position)
    .slice(0, top)
    .map((l) => ({
      line: name(l.session, l.position),
      rule: l.rule,
      score: Number(l.score.toFixed(4)),
      "training occurrences": l.trainCount,
      ...(data.templateOf ? { template: data.templateOf(l.key) } : { key: l.key }),
      ...(data.lineText ? { "raw line": data.lineText(l.session, l.position) } : {}),
    }));
  // A table that says so rather than an empty one.
  return rows.length > 0 ? rows : [{ line: `(no ${label} line)` }];
}
