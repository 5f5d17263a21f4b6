import { readKeySessions } from "../../io/key-files.js";
import { dataPath } from "../../runtime/project.js";
import type { EnsembleExperiment, EnsembleExperimentOptions } from "./ensemble-experiment.js";

/** The HDFS data of the ensemble study: normal training sessions, a labelled test set, and how to name a test session. */
export interface EnsembleStudyData extends Pick<EnsembleExperimentOptions, "normal" | "test" | "sessionName"> {
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
