import { statSync } from "node:fs";
import { basename } from "node:path";
import { LineReader, type LineReaderStats } from "../io/line-reader.js";
import { ClusterIdList } from "./cluster-id-list.js";
import { countRejectReasons, type Rejected } from "../io/rejected.js";
import { progress as startProgress, type Progress } from "../runtime/progress.js";
import { TemplateMiner, type MatchResult } from "./drain/template-miner.js";
import { detectFormat } from "./formats/detect.js";
import type { HeaderFormat } from "./formats/header-format.js";
import { compareTemplateCounts, countTemplates, RecordReader, resolveParseSetup, withFinalTemplates, type ParseOptions, type ResolvedParseSetup, type TemplateCount } from "./log-parser.js";
import type { LogRecord, ParsedLog } from "./log-record.js";

/**
 * Parsing files: the high-level API the CLI and the notebooks call.
 *
 * - {@link parseFile}: whole files into memory (events, rejects, templates, stats), two passes
 *   so that every line carries its cluster's final template.
 * - {@link parseFileStream}: bounded memory for files of any size; events arrive in batches.
 *   One pass (Drain3-style online templates, the fastest) or two passes (the file is read
 *   twice; the first pass mines, the second assigns final templates).
 */

/** Options of {@link parseFile} and {@link parseFileStream}. */
export interface ParseFileOptions extends ParseOptions {
  /** Longest accepted line in bytes (default 1 MiB); longer lines are rejected with a reason. */
  maxLineBytes?: number;
  /** Lines sampled from each file's start to detect its format when `format` is `auto` (default 200). */
  detectSample?: number;
  /** Detection below this confidence is an error naming the best candidates (default 0.5). */
  minConfidence?: number;
  /** Show a progress bar (terminal), display (notebook) or log lines (default false). */
  progress?: boolean;
}

/** Figures of one parse. */
export interface ParseStats {
  files: string[];
  /** Physical lines read. */
  lines: number;
  parsed: number;
  rejected: number;
  rejectReasons: Record<string, number>;
  /** Distinct final templates among the parsed lines. */
  templates: number;
  /** Format per file (name), and detection confidence when it was detected. */
  formats: { file: string; format: string; confidence: number | null }[];
  preset: string | null;
  mode: string;
  passes: 1 | 2;
  seconds: number;
  linesPerSecond: number;
  /** Lines that held invalid UTF-8 (bytes replaced by U+FFFD). */
  invalidUtf8Lines: number;
  /** Share of lines served by the miner's cache of repeated masked messages. */
  cacheHitRate: number;
}

/** The result of {@link parseFile}. */
export interface ParseResult {
  events: ParsedLog[];
  rejects: Rejected[];
  /** Final templates with line counts, most frequent first. */
  templates: TemplateCount[];
  stats: ParseStats;
  /** The miner (save it with `saveMinerState` to continue later). */
  miner: TemplateMiner;
}

/** The summary {@link parseFileStream} returns after the last batch. */
export interface ParseStreamSummary {
  rejects: Rejected[];
  templates: TemplateCount[];
  stats: ParseStats;
  miner: TemplateMiner;
}

async function sampleLines(path: string, n: number, maxLineBytes?: number): Promise<string[]> {
  const reader = new LineReader(path, { maxLineBytes });
  const out: string[] = [];
  for await (const b of reader.batches()) {
    for (const l of b.lines) {
      if (out.length >= n) break;
      out.push(l);
    }
    if (out.length >= n) break;
  }
  return out;
}

/** One input file, its resolved format and settings (internal to parse-file.ts and parse-parallel.ts). */
export interface FileSetup {
  path: string;
  name: string;
  setup: ResolvedParseSetup;
  confidence: number | null;
  /** The format as a name or LogHub-style string (detected when `auto`); null when given as a HeaderFormat object. */
  formatSpec: string | null;
}

/** Checks every input and resolves its format (detected from its first lines when `auto`). */
export async function setupFiles(paths: readonly string[], options: ParseFileOptions): Promise<FileSetup[]> {
  if (paths.length === 0) throw new Error("no input files");
  const out: FileSetup[] = [];
  for (const path of paths) {
    try {
      const st = statSync(path);
      if (st.isDirectory()) throw new Error("it is a directory");
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new Error(`Could not read ${path}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    }
    const given = options.format ?? "auto";
    let format: string | HeaderFormat = given;
    let confidence: number | null = null;
    if (given === "auto") {
      const sample = await sampleLines(path, options.detectSample ?? 200, options.maxLineBytes);
      const d = detectFormat(sample);
      const min = options.minConfidence ?? 0.5;
      if (d.confidence < min) {
        const best = d.candidates.slice(0, 3).map((c) => `${c.name} ${(c.confidence * 100).toFixed(0)}%`).join(", ");
        throw new Error(`${path}: could not detect the log format (best: ${best}); pass a format name or a LogHub-style format string`);
      }
      format = d.name;
      confidence = d.confidence;
    }
    out.push({ path, name: path, setup: resolveParseSetup(format, options), confidence, formatSpec: typeof format === "string" ? format : null });
  }
  return out;
}

export function newStats(files: readonly FileSetup[], miner: TemplateMiner, passes: 1 | 2): ParseStats {
  return {
    files: files.map((f) => f.path),
    lines: 0,
    parsed: 0,
    rejected: 0,
    rejectReasons: {},
    templates: 0,
    formats: files.map((f) => ({ file: f.path, format: f.setup.format.name, confidence: f.confidence })),
    preset: files[0]?.setup.preset ?? null,
    mode: miner.config.mode, // the miner's: a miner loaded from a state keeps its own
    passes,
    seconds: 0,
    linesPerSecond: 0,
    invalidUtf8Lines: 0,
    cacheHitRate: 0,
  };
}

export function finishStats(stats: ParseStats, rejects: readonly Rejected[], templates: number, miner: TemplateMiner, t0: number): void {
  stats.rejected = rejects.length;
  stats.rejectReasons = countRejectReasons(rejects);
  stats.templates = templates;
  stats.seconds = (performance.now() - t0) / 1000;
  stats.linesPerSecond = stats.seconds > 0 ? stats.lines / stats.seconds : 0;
  const { hits, misses } = miner.cacheStats;
  stats.cacheHitRate = hits + misses > 0 ? hits / (hits + misses) : 0;
}

export function newProgress(options: ParseFileOptions, file: FileSetup, pass: string): Progress | null {
  if (!options.progress) return null;
  // Progress counts decompressed bytes, so a gzip file's size is no total.
  let total: number | undefined;
  try {
    total = /\.gz$/i.test(file.path) ? undefined : statSync(file.path).size;
  } catch {
    total = undefined;
  }
  return startProgress({ label: `parse ${basename(file.path)}${pass}`, total, unit: "bytes" });
}

/** What a read pass makes of each line: a {@link LogRecord}, or an `event`, a record that already has the shape of a {@link ParsedLog} (see RecordReader.readEvent) so a later step fills in its template in place. */
export interface RecordKinds {
  record: LogRecord;
  event: ParsedLog;
  /** Only the content (the first pass of a two-pass parse). */
  content: { content: string };
}

/** Part of a file: bytes [start, end) beginning at a line start, after `firstLineNo` lines (see `lineAlignedRanges`). */
export interface LineRange {
  start: number;
  end: number;
  firstLineNo: number;
}

/**
 * Reads one file's lines (or one range of them) as records of `kind`, handing them to `onBatch`
 * one read batch at a time; rejects are collected.
 */
export async function readFileRecords<K extends keyof RecordKinds>(
  file: FileSetup,
  options: ParseFileOptions,
  rejects: Rejected[],
  kind: K,
  onBatch: (records: RecordKinds[K][]) => void | Promise<void>,
  bar: Progress | null,
  range?: LineRange,
): Promise<LineReaderStats> {
  const reader = new LineReader(file.path, { maxLineBytes: options.maxLineBytes, name: file.name, chunkBytes: 1 << 16, ...(range ?? {}) });
  const offset = range?.start ?? 0;
  const rr = new RecordReader(file.setup.format, file.name, file.setup.timestampOptions);
  const events = kind === "event";
  const contents = kind === "content";
  for await (const b of reader.batches()) {
    const records: RecordKinds[K][] = [];
    const { lines, lineNos } = b;
    for (let i = 0; i < lines.length; i++) {
      const r = events ? rr.readEvent(lines[i]!, lineNos[i]!) : contents ? rr.contentOf(lines[i]!) : rr.read(lines[i]!, lineNos[i]!);
      if (typeof r === "string") rejects.push({ file: file.name, lineNo: lineNos[i]!, reason: r });
      else records.push(r as RecordKinds[K]);
    }
    await onBatch(records);
    bar?.update(offset + reader.stats.bytes);
  }
  rejects.push(...reader.rejects);
  return reader.stats;
}

/** Lines read and lines holding invalid UTF-8, over several files. */
interface LinesRead {
  lines: number;
  invalidUtf8Lines: number;
}

/** {@link readFileRecords} over every file in turn, each with its own progress bar (`pass` is appended to its label). */
async function readFilesRecords<K extends keyof RecordKinds>(
  files: readonly FileSetup[],
  options: ParseFileOptions,
  rejects: Rejected[],
  pass: string,
  kind: K,
  onBatch: (records: RecordKinds[K][]) => void | Promise<void>,
): Promise<LinesRead> {
  const read: LinesRead = { lines: 0, invalidUtf8Lines: 0 };
  for (const f of files) {
    const bar = newProgress(options, f, pass);
    const rs = await readFileRecords(f, options, rejects, kind, onBatch, bar);
    bar?.done();
    read.lines += rs.lines;
    read.invalidUtf8Lines += rs.invalidUtf8Lines;
  }
  return read;
}

export function sortRejects(rejects: Rejected[]): Rejected[] {
  return rejects.sort((a, b) => (a.file === b.file ? a.lineNo - b.lineNo : a.file < b.file ? -1 : 1));
}

/**
 * Parses whole files into memory: every line ends up as an event or a reject. Two passes (all
 * lines mined, then each assigned its cluster's final template). Several files share one miner.
 *
 * @example
 * const { events, rejects, templates, stats } = await parseFile(dataPath("loghub-2k/HDFS/HDFS_2k.log"), { format: "HDFS" });
 * const auto = await parseFile("my.log", { format: "auto", assumeYear: 2024 });
 */
export async function parseFile(paths: string | readonly string[], options: ParseFileOptions = {}): Promise<ParseResult> {
  const t0 = performance.now();
  const files = await setupFiles(typeof paths === "string" ? [paths] : paths, options);
  const miner = options.miner ?? new TemplateMiner(files[0]!.setup.minerConfig);
  const stats = newStats(files, miner, 2);
  const rejects: Rejected[] = [];
  const records: LogRecord[] = [];
  const ids: number[] = [];
  const read = await readFilesRecords(files, options, rejects, "", "record", (batch) => {
    for (const r of batch) {
      records.push(r);
      ids.push(miner.addClusterId(r.content));
    }
  });
  stats.lines += read.lines;
  stats.invalidUtf8Lines += read.invalidUtf8Lines;
  miner.finalize();
  const events = withFinalTemplates(miner, records, ids);
  stats.parsed = events.length;
  const templates = countTemplates(events);
  finishStats(stats, sortRejects(rejects), templates.length, miner, t0);
  return { events, rejects, templates, stats, miner };
}

/** Options of {@link parseFileStream}. */
export interface ParseStreamOptions extends ParseFileOptions {
  /**
   * 1: one pass, each event carries its cluster's template at the time it was read (Drain3's
   * online behaviour; fastest). 2 (default): the files are read twice, so every event carries
   * its cluster's final template and the final `loglab` splits.
   */
  passes?: 1 | 2;
}

/**
 * Parses files of any size with bounded memory: events are handed to `onEvents` in batches (one
 * per 64 KiB read) and not kept. Memory holds the miner, one Int32 per line (two passes) and the
 * rejects. Events here carry every key of {@link ParsedLog}; optional ones absent from the line
 * (timestamp, level, component) are present as `undefined` (a fixed object shape is faster).
 *
 * @example
 * const summary = await parseFileStream("big.log.gz", { format: "HDFS", passes: 2 }, (events) => {
 *   for (const e of events) counts.set(e.templateId, (counts.get(e.templateId) ?? 0) + 1);
 * });
 */
export async function parseFileStream(
  paths: string | readonly string[],
  options: ParseStreamOptions,
  onEvents: (events: ParsedLog[]) => void | Promise<void>,
): Promise<ParseStreamSummary> {
  const t0 = performance.now();
  const passes = options.passes ?? 2;
  const files = await setupFiles(typeof paths === "string" ? [paths] : paths, options);
  const miner = options.miner ?? new TemplateMiner(files[0]!.setup.minerConfig);
  const stats = newStats(files, miner, passes);
  const rejects: Rejected[] = [];
  const counts = new Map<string, TemplateCount>();
  /** The record becomes the event (no copy: one object per line), and its template is counted. */
  const label = (r: ParsedLog, a: MatchResult): void => {
    r.templateId = a.templateId;
    r.template = a.template;
    r.params = a.params;
    const t = counts.get(r.templateId);
    if (t) t.count++;
    else counts.set(r.templateId, { templateId: r.templateId, template: r.template, count: 1 });
  };
  let read: LinesRead;
  if (passes === 1) {
    read = await readFilesRecords(files, options, rejects, "", "event", async (batch) => {
      for (let i = 0; i < batch.length; i++) {
        const r = batch[i]!;
        label(r, miner.add(r.content));
      }
      stats.parsed += batch.length;
      await onEvents(batch);
    });
    // Online templates may have changed since: count templates as the events carried them.
  } else {
    const ids = new ClusterIdList();
    read = await readFilesRecords(files, options, rejects, " (pass 1/2)", "content", (batch) => {
      for (const r of batch) ids.push(miner.addClusterId(r.content));
    });
    const n = ids.length;
    miner.finalize();
    let k = 0;
    const ignored: Rejected[] = [];
    await readFilesRecords(files, options, ignored, " (pass 2/2)", "event", async (batch) => {
      for (let i = 0; i < batch.length; i++) {
        const r = batch[i]!;
        label(r, miner.assign(r.content, ids.get(k++)));
      }
      stats.parsed += batch.length;
      await onEvents(batch);
    });
    if (k !== n) throw new Error(`parseFileStream: the input changed between the two passes (${n} then ${k} parsed lines)`);
  }
  stats.lines += read.lines;
  stats.invalidUtf8Lines += read.invalidUtf8Lines;
  const templates = [...counts.values()].sort(compareTemplateCounts);
  finishStats(stats, sortRejects(rejects), templates.length, miner, t0);
  return { rejects, templates, stats, miner };
}

/** One row of {@link parseFilesSummary}. */
export type ParseSummaryRow = {
  file: string;
  format: string;
  /** Detection confidence, or null when the format was given. */
  confidence: number | null;
  lines: number;
  parsed: number;
  rejected: number;
  templates: number;
  "lines/s": number;
};

/**
 * Parses each file on its own (format per file, `auto` by default) and summarises it: format and
 * detection confidence, lines, parsed, rejected, templates and speed. For notebooks and reports.
 *
 * @example
 * showTable(await parseFilesSummary([dataPath("logai-raw", "HDFS_20000.log")]));
 */
export async function parseFilesSummary(paths: readonly string[], options: ParseFileOptions = {}): Promise<ParseSummaryRow[]> {
  const rows: ParseSummaryRow[] = [];
  for (const p of paths) {
    const r = await parseFile(p, { format: "auto", ...options });
    const f = r.stats.formats[0]!;
    rows.push({
      file: basename(p),
      format: f.format,
      confidence: f.confidence ?? null,
      lines: r.stats.lines,
      parsed: r.stats.parsed,
      rejected: r.stats.rejected,
      templates: r.templates.length,
      "lines/s": Math.round(r.stats.linesPerSecond),
    });
  }
  return rows;
}
