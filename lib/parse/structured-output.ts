import { basename, join } from "node:path";
import { ArrowFileWriter, type ArrowColumn, type ListUtf8Appender, type NumberAppender, type Utf8Appender } from "../io/arrow-writer.js";
import { csvField, CsvWriter } from "../io/csv.js";
import { ParquetFileWriter } from "../io/parquet-writer.js";
import type { Rejected } from "../io/rejected.js";
import type { TemplateCount } from "./log-parser.js";
import type { ParsedLog } from "./log-record.js";

/**
 * Parsed events written in LogHub's layout (`<log>_structured.csv`: LineId, the header fields,
 * Content, EventId, EventTemplate, ParameterList), optionally also as an Arrow file with the same
 * columns plus Timestamp (epoch ms; `TimestampMillis` where a header field is already called Timestamp); templates as `<log>_templates.csv` (EventId, EventTemplate,
 * Occurrences) and rejects as `<log>_rejects.csv` (File, LineId, Reason).
 *
 * LineId is the line's number in the input file (LogHub's files have no rejected lines, so the
 * two agree there; elsewhere the number still points at the raw line).
 */

/**
 * A parameter list as Python's `repr` of a list of strings, the way logparser writes
 * ParameterList (`['1', 'blk_38865049064139660']`), so existing LogHub tooling reads it.
 */
export function pythonListRepr(values: readonly string[]): string {
  const n = values.length;
  if (n === 0) return "[]";
  // Fast path (almost every parameter): nothing to escape, so each value is itself in single quotes.
  let plain = true;
  for (let i = 0; i < n && plain; i++) plain = !NEEDS_ESCAPE.test(values[i]!);
  if (plain) return n === 1 ? `['${values[0]!}']` : `['${values.join("', '")}']`;
  return `[${values.map(pythonStrRepr).join(", ")}]`;
}

/** Characters that make {@link pythonStrRepr} do more than wrap the value in single quotes. */
const NEEDS_ESCAPE = /['\\\x00-\x1f\x7f]/;

function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** The base name outputs are named after: the input's file name without a `.gz` suffix. */
export function outputBaseName(inputPath: string): string {
  return basename(inputPath).replace(/\.gz$/i, "");
}

/** Options of {@link StructuredWriter}. */
export interface StructuredWriterOptions {
  /** Also write `<log>_structured.arrow` (default true). */
  arrow?: boolean;
  /** Also write `<log>_structured.parquet`, the Arrow file's columns (default false). */
  parquet?: boolean;
}

/** Writes one input's events in LogHub's layout, batch by batch. */
export class StructuredWriter {
  private readonly csv: CsvWriter;
  private readonly arrow: ArrowFileWriter | null;
  readonly csvPath: string;
  readonly arrowPath: string | null;
  readonly parquetPath: string | null;
  private readonly parquet: ParquetFileWriter | null;
  /** The Parquet file's column value arrays, in the order of its columns (null without Parquet output). */
  private readonly parquetColumns: unknown[][] | null;
  /**
   * The Arrow column of the parsed time (epoch milliseconds): `Timestamp`, or `TimestampMillis`
   * when the format has a header field named `Timestamp` (BGL, Thunderbird), which keeps its name.
   */
  readonly timestampColumn: string;

  constructor(
    readonly dir: string,
    readonly baseName: string,
    readonly fields: readonly string[],
    options: StructuredWriterOptions = {},
  ) {
    const header = ["LineId", ...fields, "Content", "EventId", "EventTemplate", "ParameterList"];
    this.timestampColumn = fields.includes("Timestamp") ? "TimestampMillis" : "Timestamp";
    this.csvPath = join(dir, `${baseName}_structured.csv`);
    this.csv = new CsvWriter(this.csvPath, header);
    const cols: ArrowColumn[] = [
      { name: "LineId", type: "int32" },
      ...fields.map((f) => ({ name: f, type: "utf8" as const })),
      { name: this.timestampColumn, type: "float64" },
      { name: "Content", type: "utf8" },
      { name: "EventId", type: "utf8" },
      { name: "EventTemplate", type: "utf8" },
      { name: "ParameterList", type: "list-utf8" },
    ];
    if (options.parquet) {
      this.parquetPath = join(dir, `${baseName}_structured.parquet`);
      this.parquet = new ParquetFileWriter(this.parquetPath, cols);
      this.parquetColumns = cols.map((c) => this.parquet!.column(c.name));
    } else {
      this.parquetPath = null;
      this.parquet = null;
      this.parquetColumns = null;
    }
    if (options.arrow !== false) {
      this.arrowPath = join(dir, `${baseName}_structured.arrow`);
      this.arrow = new ArrowFileWriter(this.arrowPath, cols);
      const w = this.arrow;
      this.arrowColumns = {
        lineId: w.appender("LineId") as NumberAppender,
        fields: fields.map((f) => w.appender(f) as Utf8Appender),
        timestamp: w.appender(this.timestampColumn) as NumberAppender,
        content: w.appender("Content") as Utf8Appender,
        eventId: w.appender("EventId") as Utf8Appender,
        template: w.appender("EventTemplate") as Utf8Appender,
        params: w.appender("ParameterList") as ListUtf8Appender,
      };
    } else {
      this.arrowPath = null;
      this.arrow = null;
      this.arrowColumns = null;
    }
  }

  /** The Arrow file's column appenders (null without Arrow output). */
  private readonly arrowColumns: {
    lineId: NumberAppender;
    fields: Utf8Appender[];
    timestamp: NumberAppender;
    content: Utf8Appender;
    eventId: Utf8Appender;
    template: Utf8Appender;
    params: ListUtf8Appender;
  } | null;

  /**
   * Writes events (all from this writer's input). One pass over the events: each CSV record is
   * built as one string (template fields quoted once per template, not once per line), and the
   * Arrow columns are appended to the current record batch.
   */
  write(events: readonly ParsedLog[]): void {
    const fields = this.fields;
    const nf = fields.length;
    const a = this.arrowColumns;
    let lastTemplate: string | null = null;
    let templateCsv = "";
    // The batch's CSV text as one join of flat pieces (no per-line concatenations to flatten later).
    const parts: string[] = [];
    for (let k = 0; k < events.length; k++) {
      const e = events[k]!;
      parts.push(String(e.lineNo));
      for (let i = 0; i < nf; i++) parts.push(",", csvField(e.fields[fields[i]!] ?? ""));
      if (e.template !== lastTemplate) {
        lastTemplate = e.template;
        templateCsv = "," + csvField(e.templateId) + "," + csvField(e.template) + ",";
      }
      parts.push(",", csvField(e.content), templateCsv, csvField(pythonListRepr(e.params)), "\n");
      if (a) {
        a.lineId.push(e.lineNo);
        for (let i = 0; i < nf; i++) a.fields[i]!.push(e.fields[fields[i]!] ?? null);
        a.timestamp.push(e.timestamp ?? null);
        a.content.push(e.content);
        a.eventId.push(e.templateId);
        a.template.push(e.template);
        a.params.push(e.params);
      }
    }
    if (events.length > 0) this.csv.writeFormatted(parts.join(""), events.length);
    const pq = this.parquetColumns;
    if (pq && events.length > 0) {
      for (const e of events) {
        let c = 0;
        pq[c++]!.push(e.lineNo);
        for (let i = 0; i < nf; i++) pq[c++]!.push(e.fields[fields[i]!] ?? null);
        pq[c++]!.push(e.timestamp ?? null);
        pq[c++]!.push(e.content);
        pq[c++]!.push(e.templateId);
        pq[c++]!.push(e.template);
        pq[c++]!.push(e.params);
      }
      this.parquet!.endRows(events.length);
    }
    if (this.arrow && events.length > 0) this.arrow.endRows(events.length);
  }

  /** Finishes both files (they appear atomically). */
  async close(): Promise<void> {
    this.csv.close();
    await this.arrow?.close();
    await this.parquet?.close();
  }

  /** Deletes the partial files. */
  abort(): void {
    this.csv.abort();
    this.arrow?.abort();
    this.parquet?.abort();
  }
}

/** Writes `<log>_templates.csv` in LogHub's layout (EventId, EventTemplate, Occurrences). */
export function writeTemplatesCsv(path: string, templates: readonly TemplateCount[]): void {
  const w = new CsvWriter(path, ["EventId", "EventTemplate", "Occurrences"]);
  for (const t of templates) w.write([t.templateId, t.template, t.count]);
  w.close();
}

/** Writes rejected lines as CSV (File, LineId, Reason). */
export function writeRejectsCsv(path: string, rejects: readonly Rejected[]): void {
  const w = new CsvWriter(path, ["File", "LineId", "Reason"]);
  for (const r of rejects) w.write([r.file, r.lineNo, r.reason]);
  w.close();
}

/**
 * One row of LogHub's structured layout: the fixed columns, and the format's header fields
 * (`Date`, `Level`, `Component`, …), which depend on the format and so are known at run time only.
 */
export type StructuredRow = { LineId: number; Content: string; EventId: string; EventTemplate: string; ParameterList: string } & { [headerField: string]: string | number };

/**
 * Events as rows in LogHub's structured layout (LineId, header fields, Content, EventId,
 * EventTemplate, ParameterList), for display.
 *
 * @example
 * showTable(structuredRows(result.events.slice(0, 5)));
 */
export function structuredRows(events: readonly ParsedLog[]): StructuredRow[] {
  return events.map((e) => ({ LineId: e.lineNo, ...e.fields, Content: e.content, EventId: e.templateId, EventTemplate: e.template, ParameterList: pythonListRepr(e.params) }) as StructuredRow);
}

/**
 * Writes one parse's outputs into `dir`: `<base>_structured.csv` (+ `.arrow` unless
 * `arrow: false`), `<base>_templates.csv` and `<base>_rejects.csv`. Returns the paths written.
 */
export async function writeStructuredFiles(
  dir: string,
  baseName: string,
  parsed: { events: readonly ParsedLog[]; templates: readonly TemplateCount[]; rejects: readonly Rejected[]; fields?: readonly string[] },
  options: StructuredWriterOptions = {},
): Promise<string[]> {
  const fields = parsed.fields ?? Object.keys(parsed.events[0]?.fields ?? {});
  const w = new StructuredWriter(dir, baseName, fields, options);
  try {
    w.write(parsed.events);
  } catch (err) {
    w.abort();
    throw err;
  }
  await w.close();
  const templates = join(dir, `${baseName}_templates.csv`);
  const rejects = join(dir, `${baseName}_rejects.csv`);
  writeTemplatesCsv(templates, parsed.templates);
  writeRejectsCsv(rejects, parsed.rejects);
  return [w.csvPath, ...(w.arrowPath ? [w.arrowPath] : []), ...(w.parquetPath ? [w.parquetPath] : []), templates, rejects];
}
