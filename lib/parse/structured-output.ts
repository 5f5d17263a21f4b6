import { basename, join } from "node:path";
import { ArrowFileWriter } from "../io/arrow-writer.js";
import { csvField, CsvWriter } from "../io/csv.js";
import { ParquetFileWriter } from "../io/parquet-writer.js";
import type { Rejected } from "../io/rejected.js";
import type { TemplateCount } from "./log-parser.js";
import type { ParsedLog } from "./log-record.js";
import { pythonListRepr, structuredAppenders, structuredArrowColumns, structuredRecords, timestampColumnOf, type StructuredAppenders, type StructuredPart } from "./structured-rows.js";

export { pythonListRepr, StructuredPartBuilder, type StructuredPart } from "./structured-rows.js";

/**
 * Parsed events written in LogHub's layout (`<log>_structured.csv`: LineId, the header fields,
 * Content, EventId, EventTemplate, ParameterList), optionally also as an Arrow file with the same
 * columns plus Timestamp (epoch ms; `TimestampMillis` where a header field is already called Timestamp); templates as `<log>_templates.csv` (EventId, EventTemplate,
 * Occurrences) and rejects as `<log>_rejects.csv` (File, LineId, Reason).
 *
 * LineId is the line's number in the input file (LogHub's files have no rejected lines, so the
 * two agree there; elsewhere the number still points at the raw line).
 */

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
    this.timestampColumn = timestampColumnOf(fields);
    this.csvPath = join(dir, `${baseName}_structured.csv`);
    this.csv = new CsvWriter(this.csvPath, header);
    const cols = structuredArrowColumns(fields, this.timestampColumn);
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
      this.arrowColumns = structuredAppenders((n) => w.appender(n), fields, this.timestampColumn);
    } else {
      this.arrowPath = null;
      this.arrow = null;
      this.arrowColumns = null;
    }
  }

  /** The Arrow file's column appenders (null without Arrow output). */
  private readonly arrowColumns: StructuredAppenders | null;

  /**
   * Writes events (all from this writer's input). One pass over the events: each CSV record is
   * built as one string (template fields quoted once per template, not once per line), and the
   * Arrow columns are appended to the current record batch.
   */
  write(events: readonly ParsedLog[]): void {
    const fields = this.fields;
    const nf = fields.length;
    const text = structuredRecords(events, fields, this.arrowColumns);
    if (events.length > 0) this.csv.writeFormatted(text, events.length);
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

  /**
   * Writes a part built by a {@link StructuredPartBuilder} (events after those written so far):
   * the same CSV bytes as {@link write} gives for its events, and the same Arrow rows, in the
   * part's record batches (a batch ends where a part ends).
   */
  writePart(part: StructuredPart): void {
    if (part.rows === 0) return;
    if (this.parquet) throw new Error(`StructuredWriter: ${this.csvPath}: Parquet output is written from events, not from parts`);
    if (part.fields === null || part.fields.join("\u0000") !== this.fields.join("\u0000")) throw new Error(`StructuredWriter: ${this.csvPath}: a part's header fields differ from the file's`);
    this.csv.writeFormattedBytes(part.csv, part.rows);
    if (this.arrow) {
      if (part.arrow === null) throw new Error(`StructuredWriter: ${this.csvPath}: a part lacks its Arrow batches`);
      this.arrow.writeBatchBuffers(part.arrow);
    }
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
