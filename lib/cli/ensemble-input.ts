import { existsSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { readCsvFile } from "../io/csv.js";
import { CliError } from "./cli-error.js";
import { readKeyFileForCli } from "./key-inputs.js";

/** Sessions for `loglab ensemble`, with ground truth when known and references back to the input. */
export interface EnsembleInput {
  sequences: number[][];
  /** 1 = anomalous session (null: no ground truth). */
  truth: Uint8Array | null;
  /** Where a session comes from: `FILE:LINE` of a key file, or the session id of a `loglab sessions` folder. */
  sessionRef: (i: number) => string;
  /** Where a line (event) comes from: raw `file:line` (+ its text when the file is readable) for a sessions folder, else `FILE:LINE#POSITION`. */
  lineRef: (i: number, position: number) => { ref: string; text?: string };
  /** Template text per key, when a key map is known. */
  templates: Map<number, string> | null;
  /** Files read (for the manifest). */
  files: string[];
  kind: "key file" | "sessions folder";
}

/** Template text per key from a key map (`keys.csv` of `loglab sessions`: Key, EventId, EventTemplate, …). */
export function readKeyTemplates(path: string, flag: string): Map<number, string> {
  let t;
  try {
    t = readCsvFile(path);
  } catch (err) {
    throw new CliError(`${flag} ${(err as Error).message}`);
  }
  const k = t.header.indexOf("Key");
  const tt = t.header.indexOf("EventTemplate");
  if (k < 0 || tt < 0) throw new CliError(`${flag} ${path}: expected the columns Key and EventTemplate (a keys.csv of \`loglab sessions\`), got ${t.header.join(", ")}`, 2);
  return new Map(t.records.map((r) => [Number(r[k]), r[tt]!]));
}

function readLabelsFile(path: string, n: number): Uint8Array {
  if (!existsSync(path)) throw new CliError(`--labels ${path}: no such file`, 2);
  const vals = readFileSync(path, "utf8").split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  if (vals.length !== n) throw new CliError(`--labels ${path}: ${vals.length} labels for ${n} sessions (one 0 or 1 per session, in order)`, 2);
  return Uint8Array.from(vals, (v, i) => {
    if (v !== "0" && v !== "1") throw new CliError(`--labels ${path}: label ${i + 1} is "${v.slice(0, 20)}", expected 0 or 1`, 2);
    return Number(v);
  });
}

/** Raw lines of files, read once each, for the triage examples (null when a file cannot be read). */
function rawLineReader(base: string): (file: string, lineNo: number) => string | undefined {
  const cache = new Map<string, string[] | null>();
  return (file, lineNo) => {
    const p = isAbsolute(file) ? file : existsSync(file) ? file : join(base, file);
    let lines = cache.get(p);
    if (lines === undefined) {
      try {
        lines = readFileSync(p, "utf8").split(/\r?\n/);
      } catch {
        lines = null;
      }
      cache.set(p, lines);
    }
    return lines?.[lineNo - 1];
  };
}

/**
 * Reads `--input` for `loglab ensemble`: a DeepLog-style key file (labels from `--abnormal FILE`,
 * whose sessions are appended as anomalous, or `--labels FILE`, one 0/1 per session), or a folder
 * written by `loglab sessions` (sessions.keys; labels from sessions.csv when it has them; every
 * line traced to its raw file and line through session-lines.csv; templates from its keys.csv).
 */
export function readEnsembleInput(input: string, o: { abnormal?: string; labels?: string; keys?: string }): EnsembleInput {
  if (!existsSync(input)) throw new CliError(`--input ${input}: no such file or folder`, 2);
  let templates = o.keys ? readKeyTemplates(o.keys, "--keys") : null;
  if (statSync(input).isDirectory()) {
    if (o.abnormal || o.labels) throw new CliError(`--abnormal and --labels go with a key file; a sessions folder brings its own labels (sessions.csv)`, 2);
    const keysPath = join(input, "sessions.keys");
    if (!existsSync(keysPath)) throw new CliError(`--input ${input}: a folder must be an output of \`loglab sessions\` (sessions.keys is missing)`, 2);
    const ks = readKeyFileForCli(keysPath, "--input");
    const index = readCsvFile(join(input, "sessions.csv"));
    const col = (name: string): number => {
      const c = index.header.indexOf(name);
      if (c < 0) throw new CliError(`--input ${input}/sessions.csv has no ${name} column`);
      return c;
    };
    const sid = col("SessionId");
    const lab = col("Label");
    if (index.records.length !== ks.sequences.length) throw new CliError(`--input ${input}: sessions.csv lists ${index.records.length} sessions, sessions.keys holds ${ks.sequences.length}`);
    const labelled = index.records.length > 0 && index.records.every((r) => r[lab] === "0" || r[lab] === "1");
    const lines = readCsvFile(join(input, "session-lines.csv"));
    const perSession: [string, number][][] = ks.sequences.map(() => []);
    for (const r of lines.records) {
      const s = Number(r[0]) - 1;
      if (perSession[s]) perSession[s]!.push([r[1]!, Number(r[2])]);
    }
    const raw = rawLineReader(resolve(input, ".."));
    if (!templates && existsSync(join(input, "keys.csv"))) templates = readKeyTemplates(join(input, "keys.csv"), "--input keys.csv");
    return {
      sequences: ks.sequences,
      truth: labelled ? Uint8Array.from(index.records, (r) => Number(r[lab])) : null,
      sessionRef: (i) => index.records[i]![sid]!,
      lineRef: (i, p) => {
        const at = perSession[i]!.length === ks.sequences[i]!.length ? perSession[i]![p] : undefined;
        if (!at) return { ref: `${index.records[i]![sid]}#${p + 1}` };
        const text = raw(at[0], at[1]);
        return { ref: `${at[0]}:${at[1]}`, ...(text !== undefined ? { text } : {}) };
      },
      templates,
      files: [keysPath, join(input, "sessions.csv"), join(input, "session-lines.csv")],
      kind: "sessions folder",
    };
  }
  const main = readKeyFileForCli(input, "--input");
  const extra = o.abnormal ? readKeyFileForCli(o.abnormal, "--abnormal") : null;
  if (o.abnormal && o.labels) throw new CliError(`--abnormal and --labels do not go together`, 2);
  const n = main.sequences.length;
  const truth = extra ? Uint8Array.from([...main.sequences.map(() => 0), ...extra.sequences.map(() => 1)]) : o.labels ? readLabelsFile(o.labels, n) : null;
  const where = (i: number): [string, number] => (i < n ? [input, main.lineNos[i]!] : [o.abnormal!, extra!.lineNos[i - n]!]);
  return {
    sequences: [...main.sequences, ...(extra?.sequences ?? [])],
    truth,
    sessionRef: (i) => where(i).join(":"),
    lineRef: (i, p) => ({ ref: `${where(i).join(":")}#${p + 1}` }),
    templates,
    files: [input, ...(o.abnormal ? [o.abnormal] : []), ...(o.labels ? [o.labels] : []), ...(o.keys ? [o.keys] : [])],
    kind: "key file",
  };
}
