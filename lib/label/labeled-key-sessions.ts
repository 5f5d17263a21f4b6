import { readKeySessions } from "../io/key-files.js";
import type { LineRef } from "../io/line-ref.js";

/** A key file and the label every session in it carries (DeepLog-style files are split by label). */
export interface KeyFileSource {
  file: string;
  /** 1 = the file holds abnormal sessions, 0 = normal ones. */
  label: 0 | 1;
}

/** Sessions from several key files, each with its ground-truth label and its source line. */
export interface LabeledKeySessions {
  sequences: number[][];
  /** 1 = abnormal, per session. */
  labels: Uint8Array;
  /** File and line each session came from. */
  refs: LineRef[];
  /** Per input file: its label, sessions read and blank lines skipped. */
  files: { file: string; label: 0 | 1; sessions: number; blankLines: number }[];
}

/**
 * Reads DeepLog-style key files (one session per line) whose name gives the label, e.g.
 * `hdfs_train` (normal) and `hdfs_test_abnormal_dev` (abnormal). Sessions stay in the order of
 * `sources`, then of their lines.
 *
 * @example
 * const s = readLabeledKeySessions([
 *   { file: dataPath("hdfs-deeplog", "hdfs_train"), label: 0 },
 *   { file: dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev"), label: 1 },
 * ]);
 */
export function readLabeledKeySessions(sources: readonly KeyFileSource[]): LabeledKeySessions {
  const sequences: number[][] = [];
  const labels: number[] = [];
  const refs: LineRef[] = [];
  const files: LabeledKeySessions["files"] = [];
  for (const src of sources) {
    const ks = readKeySessions(src.file);
    ks.sequences.forEach((seq, i) => {
      sequences.push(seq);
      labels.push(src.label);
      refs.push({ file: src.file, lineNo: ks.lineNos[i]! });
    });
    files.push({ file: src.file, label: src.label, sessions: ks.sequences.length, blankLines: ks.blankLines.length });
  }
  return { sequences, labels: Uint8Array.from(labels), refs, files };
}
