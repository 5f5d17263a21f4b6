import { readFileSync } from "node:fs";
import { readKeySessions } from "../../io/key-files.js";
import { dataPath } from "../../runtime/project.js";
import { duplicateStats } from "../../windows/duplicate-stats.js";
import { SPLIT_NAMES } from "../../windows/chronological-split.js";
import { KEY_DATASET_SPECS, type KeyDatasetName, type KeyDatasetSplit } from "../../data/key-dataset-split.js";
import { sessionWindows, type SessionWindows } from "../../windows/session.js";

/** One key file: its sessions' lengths and duplicates. */
export interface KeyFileOverview {
  /** `<dataset>/<file name>` (e.g. `hdfs-deeplog/hdfs_train`, `bgl-afalog/unlabeled_samples_normal`). */
  name: string;
  label: 0 | 1;
  sessions: number;
  distinct: number;
  /** Keys per session. */
  lengths: number[];
}

/**
 * Every key file of the shipped key datasets with session lengths and distinct counts (for the
 * session-length and duplicate figures).
 */
export function keyFileOverview(datasets: readonly KeyDatasetName[] = ["hdfs-deeplog", "bgl-afalog"]): KeyFileOverview[] {
  return datasets.flatMap((d) =>
    KEY_DATASET_SPECS[d].files.map((f) => {
      const ks = readKeySessions(dataPath(...f.path));
      return { name: `${d}/${f.path[f.path.length - 1]}`, label: f.label, sessions: ks.sequences.length, distinct: duplicateStats(ks.sequences).distinct, lengths: ks.sequences.map((s) => s.length) };
    }),
  );
}

/**
 * HDFS block sessions built from a raw HDFS log (default: the shipped 20,000-line sample of
 * salesforce/logai): every line joins the session of each `blk_` id it names. Lines are read
 * whole (the sample is 3 MB); `maxLines` cuts the input for smoke runs.
 */
export function hdfsBlockSessionsFromRaw(path: string = dataPath("logai-raw", "HDFS_20000.log"), options: { maxLines?: number } = {}): SessionWindows & { lines: number } {
  const text = readFileSync(path, "utf8");
  let lines = text.split(/\r\n|\n|\r/);
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (options.maxLines !== undefined) lines = lines.slice(0, options.maxLines);
  const events = lines.map((content, i) => ({ file: path, lineNo: i + 1, content }));
  return { ...sessionWindows(events, { idPattern: /blk_-?\d+/ }), lines: lines.length };
}

/** Length groups for the session-length figure: each key file, plus optional extra sessions (e.g. raw HDFS blocks). */
export function sessionLengthGroups(files: readonly KeyFileOverview[], extra: readonly { name: string; windows: readonly { indices: readonly number[] }[] }[] = []): { name: string; lengths: number[] }[] {
  return [...files.map((f) => ({ name: f.name, lengths: f.lengths })), ...extra.map((e) => ({ name: e.name, lengths: e.windows.map((w) => w.indices.length) }))];
}

/** Sessions and distinct sessions per key file and per split (for the duplicate-sessions figure). */
export function sessionDuplicateRows(files: readonly KeyFileOverview[], splits: readonly KeyDatasetSplit[]): { name: string; sessions: number; distinct: number }[] {
  return [
    ...files.map((f) => ({ name: f.name, sessions: f.sessions, distinct: f.distinct })),
    ...splits.flatMap((s) => SPLIT_NAMES.map((k) => ({ name: `${s.name} ${k}`, sessions: s[k].sequences.length, distinct: duplicateStats(s[k].sequences).distinct }))),
  ];
}
