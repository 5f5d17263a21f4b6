import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KeyDatasetSplit } from "../../data/key-dataset-split.js";
import { projectRoot } from "../../runtime/project.js";
import type { SplitName } from "../../windows/chronological-split.js";

/** One distinct test session (a key sequence with its label) as the inspection tables show it. */
export type InspectedSessionRow = {
  rank: number;
  /** Index of its first copy in the test part (pass it to {@link traceSessionRows}). */
  session: number;
  score: number;
  label: "anomalous" | "normal";
  flagged: boolean;
  /** Test sessions with this exact sequence and label. */
  copies: number;
  /** Its sequence also occurs in the training part. */
  "in train": boolean;
  length: number;
  /** The first keys (all when short). */
  keys: string;
  /** Its distinct templates in order of appearance, `key: template` (empty when the dataset ships no template text). */
  templates: string;
  /** File and line(s) of the first copy. */
  source: string;
};

/** Top flagged sessions, false positives and false negatives of one model on the test part. */
export interface InspectedSessions {
  model: string;
  threshold: number;
  /** Flagged test sessions, highest score first (either label). */
  flagged: InspectedSessionRow[];
  /** Normal test sessions flagged, highest score first. */
  falsePositives: InspectedSessionRow[];
  /** Anomalous test sessions missed, lowest score first (the most confidently missed). */
  falseNegatives: InspectedSessionRow[];
  /** Whether keys decode to template text (raw-log datasets) or not (key files ship none). */
  decoded: boolean;
}

/** Options of {@link inspectSessions}. */
export interface InspectOptions {
  /** Distinct sessions per table (default 10). */
  top?: number;
  /** Keys shown per session (default 24). */
  maxKeys?: number;
  /** Templates shown per session (default 6). */
  maxTemplates?: number;
}

interface Group {
  first: number;
  copies: number;
  label: number;
  score: number;
}

/**
 * The sessions to look at after an experiment: the top flagged, the false positives and the
 * false negatives of a model's test scores at its threshold (or another), each a distinct
 * sequence with its copies, decoded to template text where the dataset has it, with the file and
 * line it came from (trace one to its raw lines with {@link traceSessionRows}).
 *
 * @example
 * const seen = inspectSessions(best, split, { top: 5 });
 * run.table("hdfs-false-negatives", seen.falseNegatives);
 */
export function inspectSessions(result: { label: string; testScores: ArrayLike<number>; threshold: number }, split: KeyDatasetSplit, options: InspectOptions & { threshold?: number } = {}): InspectedSessions {
  const test = split.test;
  const threshold = options.threshold ?? result.threshold;
  if (result.testScores.length !== test.sequences.length) throw new Error(`inspectSessions: ${result.testScores.length} scores for ${test.sequences.length} test sessions`);
  const top = options.top ?? 10;
  const train = new Set(split.train.sequences.map((s) => s.join(" ")));
  const groups = new Map<string, Group>();
  test.sequences.forEach((s, i) => {
    const key = `${test.labels[i]}|${s.join(" ")}`;
    const g = groups.get(key);
    if (g) g.copies++;
    else groups.set(key, { first: i, copies: 1, label: test.labels[i]!, score: result.testScores[i]! });
  });
  const all = [...groups.values()];
  const row = (g: Group, rank: number): InspectedSessionRow => {
    const seq = test.sequences[g.first]!;
    return {
      rank,
      session: g.first,
      score: g.score,
      label: g.label ? "anomalous" : "normal",
      flagged: g.score > threshold,
      copies: g.copies,
      "in train": train.has(seq.join(" ")),
      length: seq.length,
      keys: seq.slice(0, options.maxKeys ?? 24).join(" ") + (seq.length > (options.maxKeys ?? 24) ? " …" : ""),
      templates: decodeTemplates(split, seq, options.maxTemplates ?? 6),
      source: sourceOf(split, "test", g.first),
    };
  };
  const pick = (keep: (g: Group) => boolean, order: (a: Group, b: Group) => number): InspectedSessionRow[] =>
    all
      .filter(keep)
      .sort((a, b) => order(a, b) || a.first - b.first)
      .slice(0, top)
      .map((g, i) => row(g, i + 1));
  const high = (a: Group, b: Group): number => b.score - a.score;
  return {
    model: result.label,
    threshold,
    flagged: pick((g) => g.score > threshold, high),
    falsePositives: pick((g) => g.score > threshold && g.label === 0, high),
    falseNegatives: pick((g) => g.score <= threshold && g.label === 1, (a, b) => a.score - b.score),
    decoded: split.decoding !== null,
  };
}

function decodeTemplates(split: KeyDatasetSplit, seq: readonly number[], max: number): string {
  const d = split.decoding;
  if (!d) return "";
  const seen: number[] = [];
  for (const k of seq) if (!seen.includes(k)) seen.push(k);
  const shown = seen.slice(0, max).map((k) => `${k}: ${d.templates[String(k)] ?? "(unknown key)"}`);
  return shown.join(" | ") + (seen.length > max ? ` | … (${seen.length - max} more)` : "");
}

function sourceOf(split: KeyDatasetSplit, part: SplitName, index: number): string {
  const lines = split.decoding?.lines[part][index];
  const ref = split[part].refs[index]!;
  if (lines && lines.length > 0) return `${ref.file}:${lines[0]}–${lines[lines.length - 1]}`;
  return `${ref.file}:${ref.lineNo}`;
}

const fileLines = new Map<string, string[]>();

/** The lines of a file under the project root (cached; they are small shipped files). */
function linesOf(file: string): string[] {
  let lines = fileLines.get(file);
  if (!lines) {
    lines = readFileSync(join(projectRoot(), file), "utf8").split(/\r\n|\n|\r/);
    fileLines.set(file, lines);
  }
  return lines;
}

/** One line of a traced session: where it is, its key and template, and the raw text. */
export type TracedLineRow = { line: string; key: string; template: string; raw: string };

/**
 * A session traced to its source lines: for a raw-log dataset every event's raw line with its
 * key and template; for a key file the session's own line (the key sequence; these files ship no
 * template text and no raw log). `index` is a session of `part` (e.g. an inspected row's `session`).
 *
 * @example
 * run.table("bgl-fp-trace", traceSessionRows(split, "test", seen.falsePositives[0].session));
 */
export function traceSessionRows(split: KeyDatasetSplit, part: SplitName, index: number | undefined, maxLines = 40): TracedLineRow[] {
  if (index === undefined) return [];
  const seq = split[part].sequences[index];
  if (!seq) throw new Error(`traceSessionRows: ${part} has no session ${index}`);
  const ref = split[part].refs[index]!;
  const d = split.decoding;
  if (!d) return [{ line: `${ref.file}:${ref.lineNo}`, key: seq.join(" "), template: "(no template text ships with these keys)", raw: linesOf(ref.file)[ref.lineNo - 1] ?? "" }];
  const lines = d.lines[part][index]!;
  return lines.slice(0, maxLines).map((n, i) => ({ line: `${d.file}:${n}`, key: String(seq[i]), template: d.templates[String(seq[i])] ?? "(unknown key)", raw: linesOf(d.file)[n - 1] ?? "" }));
}
