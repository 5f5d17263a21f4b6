import { readKeySessions } from "../io/key-files.js";
import { dataPath } from "../runtime/project.js";
import { chronologicalSplit, checkSplitFractions, SPLIT_NAMES, type SplitFractions, type SplitName } from "../windows/chronological-split.js";
import { crossSetDuplicates, duplicateStats, sequenceKey } from "../windows/duplicate-stats.js";
import { lineWindows, type EventWindow } from "../windows/event-window.js";
import type { LineRef } from "../io/line-ref.js";
import { checkSplitLeakage, type LeakageReport } from "../windows/split-leakage.js";
import type { RawLogDatasetName, RawLogDatasetSpec, SessionDecoding } from "./raw-log-dataset.js";

/** The shipped DeepLog-style key datasets. */
export type KeyDatasetName = "hdfs-deeplog" | "bgl-afalog";

/** Every dataset with a documented split: key files, and raw logs windowed into sessions. */
export type DatasetName = KeyDatasetName | RawLogDatasetName;

/** One key file of a dataset and how it is split. */
export interface KeyDatasetFile {
  /** Path under data/. */
  path: readonly string[];
  /** Label of every session in the file (1 = abnormal). */
  label: 0 | 1;
  /**
   * `chronological`: split in file order by the dataset's fractions (first lines train, then
   * validation, then test); `test-only`: every session goes to test (dev samples of held-out
   * test files).
   */
  role: "chronological" | "test-only";
}

/** How a key dataset becomes train/validation/test. */
export interface KeyDatasetSpec {
  kind: "key-files";
  name: KeyDatasetName;
  description: string;
  files: readonly KeyDatasetFile[];
  fractions: SplitFractions;
  /** Identical sessions across splits are expected and allowed (reported, not flagged). */
  allowDuplicates: boolean;
}

/**
 * The documented splits of the shipped key datasets. Every file is split in file order (the only
 * order these files have), so no session is in two splits and every later split comes after every
 * earlier one within each file; abnormal files are split too, so validation holds anomalies for
 * threshold choice and supervised models have labeled anomalies to train on (semi-supervised
 * models train on the train split's normal sessions only).
 */
export const KEY_DATASET_SPECS: Readonly<Record<KeyDatasetName, KeyDatasetSpec>> = {
  "hdfs-deeplog": {
    kind: "key-files",
    name: "hdfs-deeplog",
    description:
      "DeepLog HDFS block sessions: hdfs_train (4,855 normal) and hdfs_test_abnormal_dev (1,684 abnormal), each split 70/10/20 in file order. No normal test file ships (hdfs_test_normal is missing), so test normals are the last 20% of hdfs_train. Identical normal sessions repeat everywhere (839 distinct of 4,855): duplicates are allowed and counted.",
    files: [
      { path: ["hdfs-deeplog", "hdfs_train"], label: 0, role: "chronological" },
      { path: ["hdfs-deeplog", "hdfs_test_abnormal_dev"], label: 1, role: "chronological" },
    ],
    fractions: { train: 0.7, validation: 0.1, test: 0.2 },
    allowDuplicates: true,
  },
  "bgl-afalog": {
    kind: "key-files",
    name: "bgl-afalog",
    description:
      "AFALog BGL key sequences: train (5,251 normal) and the labeled pools (5,256 normal, 5,478 abnormal), each split 70/10/20 in file order; the dev samples of the held-out test files (89 normal, 34 abnormal) go to test only. Lines are distinct within each file but a few repeat across files: duplicates are allowed and counted.",
    files: [
      { path: ["bgl-afalog", "train"], label: 0, role: "chronological" },
      { path: ["bgl-afalog", "pool", "unlabeled_samples_normal"], label: 0, role: "chronological" },
      { path: ["bgl-afalog", "pool", "unlabeled_samples_abnormal"], label: 1, role: "chronological" },
      { path: ["bgl-afalog", "test_normal_dev"], label: 0, role: "test-only" },
      { path: ["bgl-afalog", "test_abnormal_dev"], label: 1, role: "test-only" },
    ],
    fractions: { train: 0.7, validation: 0.1, test: 0.2 },
    allowDuplicates: true,
  },
};

/** One part of a key-dataset split: sessions, labels and where each came from. */
export interface KeySplitPart {
  sequences: number[][];
  /** 1 = abnormal. */
  labels: Uint8Array;
  /** File (relative to the project root, e.g. `data/hdfs-deeplog/hdfs_train`) and line of each session. */
  refs: LineRef[];
  /** Severity ordinal (0 debug … 5 critical, lib/label/severity.ts) of each event of each session, where the data carry levels (raw-log datasets). */
  severities?: number[][];
}

/** A dataset split into train, validation and test sessions of keys, with its leakage check. */
export interface KeyDatasetSplit {
  name: DatasetName;
  spec: KeyDatasetSpec | RawLogDatasetSpec;
  train: KeySplitPart;
  validation: KeySplitPart;
  test: KeySplitPart;
  /** Sessions per file and split. */
  perFile: { file: string; label: 0 | 1 | null; role: KeyDatasetFile["role"]; read: number; train: number; validation: number; test: number }[];
  leakage: LeakageReport;
  /** Set when only the first `maxPerFile` sessions of each file were used (smoke runs). */
  maxPerFile: number | null;
  /** Raw-log datasets: each key's template text and each session's raw lines; null for key files (no text ships with their keys). */
  decoding: SessionDecoding | null;
}

interface KeyWindow extends EventWindow {
  sequence: number[];
  label: 0 | 1;
}

/** Options of {@link splitKeyDataset}. */
export interface SplitKeyDatasetOptions {
  /** Override the spec's fractions. */
  fractions?: SplitFractions;
  /** Use only the first N sessions of each file (smoke runs; default: all). */
  maxPerFile?: number;
}

/**
 * Splits a shipped key dataset as documented in {@link KEY_DATASET_SPECS} and checks the result
 * with {@link checkSplitLeakage}; throws if the check fails.
 *
 * @example
 * const hdfs = splitKeyDataset("hdfs-deeplog");
 * hdfs.train.sequences.length; // 3,398 normal + 1,179 abnormal
 */
export function splitKeyDataset(name: KeyDatasetName, options: SplitKeyDatasetOptions = {}): KeyDatasetSplit {
  const spec = KEY_DATASET_SPECS[name];
  if (!spec) throw new Error(`unknown key dataset "${name}" (known: ${Object.keys(KEY_DATASET_SPECS).join(", ")})`);
  const fractions = options.fractions ?? spec.fractions;
  checkSplitFractions(fractions);
  const parts: Record<SplitName, KeyWindow[]> = { train: [], validation: [], test: [] };
  const perFile: KeyDatasetSplit["perFile"] = [];
  for (const f of spec.files) {
    const rel = ["data", ...f.path].join("/");
    const ks = readKeySessions(dataPath(...f.path));
    const n = options.maxPerFile !== undefined ? Math.min(options.maxPerFile, ks.sequences.length) : ks.sequences.length;
    const events = ks.lineNos.slice(0, n).map((lineNo) => ({ file: rel, lineNo }));
    const windows: KeyWindow[] = lineWindows(events).map((w, i) => ({ ...w, sequence: ks.sequences[i]!, label: f.label }));
    const row = { file: rel, label: f.label, role: f.role, read: n, train: 0, validation: 0, test: 0 };
    if (f.role === "test-only") {
      parts.test.push(...windows);
      row.test = windows.length;
    } else {
      const s = chronologicalSplit(windows, { fractions });
      if (s.dropped.length) throw new Error(`${rel}: ${s.dropped.length} one-line windows straddle a boundary (cannot happen)`);
      for (const k of SPLIT_NAMES) {
        parts[k].push(...s[k]);
        row[k] = s[k].length;
      }
    }
    perFile.push(row);
  }
  const leakage = checkSplitLeakage(parts, { allowDuplicates: spec.allowDuplicates, sequenceOf: (w) => sequenceKey(w.sequence) });
  if (!leakage.ok) throw new Error(`split of ${name} leaks: ${leakage.violations[0]?.detail ?? "see report"}`);
  const toPart = (ws: KeyWindow[]): KeySplitPart => ({ sequences: ws.map((w) => w.sequence), labels: Uint8Array.from(ws.map((w) => w.label)), refs: ws.map((w) => w.lines[0]!) });
  return {
    name,
    spec: { ...spec, fractions },
    train: toPart(parts.train),
    validation: toPart(parts.validation),
    test: toPart(parts.test),
    perFile,
    leakage,
    maxPerFile: options.maxPerFile ?? null,
    decoding: null,
  };
}

/** One row of the split table. */
export type KeySplitRow = {
  dataset: string;
  split: SplitName;
  sessions: number;
  normal: number;
  abnormal: number;
  distinct: number;
  "distinct normal": number;
  "distinct abnormal": number;
  "labeled both ways (distinct)": number;
  /** Validation / test sessions whose key sequence also occurs in train (null for train itself). */
  "repeat a train session": number | null;
};

/**
 * One row per split: sessions, normal/abnormal, distinct sessions (all, normal, abnormal),
 * identical sessions labeled both ways, and sessions that repeat one of an earlier split.
 */
export function keySplitRows(split: KeyDatasetSplit): KeySplitRow[] {
  return SPLIT_NAMES.map((k) => {
    const p = split[k];
    const normal = p.sequences.filter((_, i) => !p.labels[i]);
    const abnormal = p.sequences.filter((_, i) => p.labels[i]);
    const d = duplicateStats(p.sequences, p.labels);
    const inTrain = k === "train" ? null : crossSetDuplicates(split.train.sequences, p.sequences);
    return {
      dataset: split.name,
      split: k,
      sessions: p.sequences.length,
      normal: normal.length,
      abnormal: abnormal.length,
      distinct: d.distinct,
      "distinct normal": duplicateStats(normal).distinct,
      "distinct abnormal": duplicateStats(abnormal).distinct,
      "labeled both ways (distinct)": d.labelConflicts ?? 0,
      "repeat a train session": inTrain ? inTrain.sequences : null,
    };
  });
}

/** One row of the leakage table. */
export type KeySplitLeakageRow = {
  dataset: string;
  ok: boolean;
  "shared lines": number;
  "order violations": number;
  "duplicate violations": number;
  "duplicates allowed": boolean;
  "validation in train": number | null;
  "test in train": number | null;
};

/** The leakage verdict of each split as one table row. */
export function keySplitLeakageRows(splits: readonly KeyDatasetSplit[]): KeySplitLeakageRow[] {
  return splits.map((s) => ({
    dataset: s.name,
    ok: s.leakage.ok,
    "shared lines": s.leakage.counts["shared-line"],
    "order violations": s.leakage.counts.order,
    "duplicate violations": s.leakage.counts.duplicate,
    "duplicates allowed": s.leakage.allowDuplicates,
    "validation in train": s.leakage.duplicates?.validationInTrain ?? null,
    "test in train": s.leakage.duplicates?.testInTrain ?? null,
  }));
}

/** One row of the per-file table. */
export type KeySplitFileRow = { dataset: string } & KeyDatasetSplit["perFile"][number];

/** Sessions per file and split, for several splits. */
export function keySplitFileRows(splits: readonly KeyDatasetSplit[]): KeySplitFileRow[] {
  return splits.flatMap((s) => s.perFile.map((f) => ({ dataset: s.name, ...f })));
}
