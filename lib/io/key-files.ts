import { existsSync, readFileSync, statSync } from "node:fs";

/**
 * Sessions read from a DeepLog-style key file: one session per line, space-separated integer
 * log keys (the format of wuyifan18/DeepLog's `hdfs_train` and AFALog's BGL files).
 */
export interface KeySessions {
  /** The file the sessions came from. */
  file: string;
  /** One key sequence per session. */
  sequences: number[][];
  /** 1-based line number of each session in the file (traceability back to the input). */
  lineNos: number[];
  /** Blank lines skipped (reported, never silently dropped). */
  blankLines: number[];
}

/**
 * Reads a key file. Errors name the file and line: a non-integer or negative key, an empty file.
 * Blank lines (some files end with one) are listed in `blankLines`, not treated as sessions.
 *
 * @example
 * const train = readKeySessions(dataPath("hdfs-deeplog", "hdfs_train"));
 * train.sequences.length; // 4855
 */
export function readKeySessions(file: string): KeySessions {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  if (statSync(file).isDirectory()) throw new Error(`${file}: it is a directory, not a key file`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`${file}: could not read it (${(err as Error).message})`);
  }
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const sequences: number[][] = [];
  const lineNos: number[] = [];
  const blankLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "") {
      blankLines.push(i + 1);
      continue;
    }
    const tokens = line.split(/\s+/);
    const seq = new Array<number>(tokens.length);
    for (let j = 0; j < tokens.length; j++) {
      const tok = tokens[j]!;
      if (!/^\d+$/.test(tok)) {
        throw new Error(`${file}:${i + 1}: key ${j + 1} is "${tok.slice(0, 40)}", expected a non-negative integer (one session per line, space-separated keys)`);
      }
      seq[j] = Number(tok);
    }
    sequences.push(seq);
    lineNos.push(i + 1);
  }
  if (sequences.length === 0) throw new Error(`${file}: no sessions (the file is empty or blank)`);
  return { file, sequences, lineNos, blankLines };
}

/** Distinct sessions with their multiplicities (HDFS's 4,855 training sessions hold 839 distinct ones). */
export function distinctSessions(sequences: readonly (readonly number[])[]): { sequence: readonly number[]; count: number; firstIndex: number }[] {
  const map = new Map<string, { sequence: readonly number[]; count: number; firstIndex: number }>();
  sequences.forEach((s, i) => {
    const key = s.join(" ");
    const e = map.get(key);
    if (e) e.count++;
    else map.set(key, { sequence: s, count: 1, firstIndex: i });
  });
  return [...map.values()];
}
