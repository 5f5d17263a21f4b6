import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { LineReader } from "../io/line-reader.js";
import type { Rejected } from "../io/rejected.js";
import { detectFormat } from "../parse/formats/detect.js";
import { resolveFormat } from "../parse/formats/registry.js";
import { RecordReader } from "../parse/log-parser.js";
import { dataPath, projectRoot } from "../runtime/project.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../parse/formats/loghub-presets.js";
import { loghubLogPath } from "./loghub-2k.js";

/** One raw log file of the pretraining corpus and the header format its messages are read with. */
export interface CorpusSource {
  /** Path of the raw log. */
  path: string;
  /** `loghub-2k`, `logai-raw` or `full` (a dataset fetched by `npm run fetch-datasets`). */
  collection: "loghub-2k" | "logai-raw" | "full";
  /** The LogHub system whose header format reads it, or `auto` (detected from its first lines). */
  format: LoghubSystem | "auto";
}

/** What was read from one source. */
export interface CorpusSourceReport {
  file: string;
  collection: CorpusSource["collection"];
  format: string;
  /** Physical lines read (all of them, or up to the per-file limit). */
  lines: number;
  /** Messages kept. */
  messages: number;
  /** Lines whose header did not fit the format (counted by reason). */
  rejected: number;
  rejectReasons: Record<string, number>;
  /** Whether the per-file line limit stopped reading early. */
  capped: boolean;
}

/** The message text of a set of raw logs. */
export interface MessageCorpus {
  messages: string[];
  /** Index of each message's source in `sources`. */
  sourceOf: Int32Array;
  sources: CorpusSourceReport[];
  /** The first rejected lines, with their reasons (at most 100). */
  rejectExamples: Rejected[];
}

function systemFromName(name: string): LoghubSystem | null {
  const lower = name.toLowerCase();
  // Longest first, so "Hadoop" is not taken for "HDFS"-like prefixes and "OpenSSH" beats "Open…".
  const sorted = [...LOGHUB_SYSTEMS].sort((a, b) => b.length - a.length);
  return sorted.find((s) => lower.startsWith(s.toLowerCase())) ?? null;
}

function logFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...logFilesUnder(p));
    else if (/\.log$/i.test(entry)) out.push(p);
  }
  return out;
}

/**
 * Every raw log the repository ships (the 16 LogHub 2k samples, the larger LogAI samples) plus
 * the `.log` files of the full datasets under `data/full/` when a user fetched them. The format is
 * the LogHub system named by the file (or its folder), else detected.
 *
 * @example
 * shippedCorpusSources().length; // 19 without data/full
 */
export function shippedCorpusSources(options: { includeFull?: boolean } = {}): CorpusSource[] {
  const out: CorpusSource[] = LOGHUB_SYSTEMS.map((s) => ({ path: loghubLogPath(s), collection: "loghub-2k" as const, format: s }));
  for (const p of logFilesUnder(dataPath("logai-raw"))) out.push({ path: p, collection: "logai-raw", format: systemFromName(basename(p)) ?? "auto" });
  if (options.includeFull !== false) {
    const full = dataPath("full");
    for (const p of logFilesUnder(full)) {
      const rel = relative(full, p);
      out.push({ path: p, collection: "full", format: systemFromName(basename(p)) ?? systemFromName(rel) ?? "auto" });
    }
  }
  return out;
}

/** Options of {@link readMessageCorpus}. */
export interface MessageCorpusOptions {
  /** Read at most this many lines of each file (default: all). Full datasets are large: cap them. */
  maxLinesPerFile?: number;
  /** Keep empty messages (default false). */
  keepEmpty?: boolean;
}

/**
 * Reads the message (the `Content` field) of every line of the given raw logs; lines whose
 * header does not fit the format are counted as rejected with their reason, never dropped silently.
 *
 * @example
 * const corpus = await readMessageCorpus(shippedCorpusSources());
 * corpus.messages.length; // 32,000 LogHub lines + 45,000 LogAI lines, less rejects
 */
export async function readMessageCorpus(sources: readonly CorpusSource[], options: MessageCorpusOptions = {}): Promise<MessageCorpus> {
  const messages: string[] = [];
  const sourceOf: number[] = [];
  const reports: CorpusSourceReport[] = [];
  const rejectExamples: Rejected[] = [];
  const cap = options.maxLinesPerFile ?? Infinity;
  const root = projectRoot();
  for (const src of sources) {
    const file = relative(root, src.path).startsWith("..") ? src.path : relative(root, src.path);
    const reader = new LineReader(src.path, { name: file });
    let recordReader: RecordReader | null = src.format === "auto" ? null : new RecordReader(resolveFormat(src.format), file);
    let formatName: string = src.format;
    const pending: { text: string; lineNo: number }[] = [];
    const report: CorpusSourceReport = { file, collection: src.collection, format: formatName, lines: 0, messages: 0, rejected: 0, rejectReasons: {}, capped: false };
    const reject = (lineNo: number, reason: string): void => {
      report.rejected++;
      report.rejectReasons[reason] = (report.rejectReasons[reason] ?? 0) + 1;
      if (rejectExamples.length < 100) rejectExamples.push({ file, lineNo, reason });
    };
    const take = (text: string, lineNo: number): void => {
      const r = recordReader!.read(text, lineNo);
      if (typeof r === "string") return reject(lineNo, r);
      if (r.content.trim() === "" && !options.keepEmpty) return reject(lineNo, "empty message");
      messages.push(r.content);
      sourceOf.push(reports.length);
      report.messages++;
    };
    outer: for await (const b of reader.batches()) {
      for (let i = 0; i < b.lines.length; i++) {
        if (report.lines >= cap) {
          report.capped = true;
          break outer;
        }
        report.lines++;
        if (recordReader) take(b.lines[i]!, b.lineNos[i]!);
        else {
          pending.push({ text: b.lines[i]!, lineNo: b.lineNos[i]! });
          if (pending.length >= 200) {
            const det = detectFormat(pending.map((p) => p.text));
            recordReader = new RecordReader(det.format, file);
            formatName = `${det.format.name} (detected)`;
            for (const p of pending.splice(0)) take(p.text, p.lineNo);
          }
        }
      }
    }
    if (!recordReader && pending.length) {
      const det = detectFormat(pending.map((p) => p.text));
      recordReader = new RecordReader(det.format, file);
      formatName = `${det.format.name} (detected)`;
      for (const p of pending.splice(0)) take(p.text, p.lineNo);
    }
    for (const r of reader.rejects) reject(r.lineNo, r.reason);
    report.format = formatName;
    reports.push(report);
  }
  return { messages, sourceOf: Int32Array.from(sourceOf), sources: reports, rejectExamples };
}

/** One row per corpus source: file, format, lines, messages, rejects (a table for notebooks). */
export function corpusSourceRows(corpus: MessageCorpus): Record<string, string | number>[] {
  return corpus.sources.map((s) => ({
    file: s.file,
    collection: s.collection,
    format: s.format,
    lines: s.lines,
    messages: s.messages,
    rejected: s.rejected,
    reasons: Object.entries(s.rejectReasons)
      .map(([r, n]) => `${r}: ${n}`)
      .join("; "),
    capped: s.capped ? "yes" : "",
  }));
}
