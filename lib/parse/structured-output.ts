import { basename, join } from "node:path";
import { ArrowFileWriter, type ArrowColumn } from "../io/arrow-writer.js";
import { CsvWriter } from "../io/csv.js";
import type { Rejected } from "../io/rejected.js";
import type { TemplateCount } from "./log-parser.js";
import type { ParsedLog } from "./log-record.js";

/**
 * Parsed events written in LogHub's layout (`<log>_structured.csv`: LineId, the header fields,
 * Content, EventId, EventTemplate, ParameterList), optionally also as an Arrow file with the same
 * columns plus Timestamp; templates as `<log>_templates.csv` (EventId, EventTemplate,
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
  return `[${values.map(pythonStrRepr).join(", ")}]`;
}

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
}

/** Writes one input's events in LogHub's layout, batch by batch. */
export class StructuredWriter {
  private readonly csv: CsvWriter;
  private readonly arrow: ArrowFileWriter | null;
  readonly csvPath: string;
  readonly arrowPath: string | null;

  constructor(
    readonly dir: string,
    readonly baseName: string,
    readonly fields: readonly string[],
    options: StructuredWriterOptions = {},
  ) {
    const header = ["LineId", ...fields, "Content", "EventId", "EventTemplate", "ParameterList"];
    this.csvPath = join(dir, `${baseName}_structured.csv`);
    this.csv = new CsvWriter(this.csvPath, header);
    if (options.arrow !== false) {
      this.arrowPath = join(dir, `${baseName}_structured.arrow`);
      const cols: ArrowColumn[] = [
        { name: "LineId", type: "int32" },
        ...fields.map((f) => ({ name: f, type: "utf8" as const })),
        { name: "Timestamp", type: "float64" },
        { name: "Content", type: "utf8" },
        { name: "EventId", type: "utf8" },
        { name: "EventTemplate", type: "utf8" },
        { name: "ParameterList", type: "list-utf8" },
      ];
      this.arrow = new ArrowFileWriter(this.arrowPath, cols);
    } else {
      this.arrowPath = null;
      this.arrow = null;
    }
  }

  /** Writes events (all from this writer's input). */
  write(events: readonly ParsedLog[]): void {
    const nf = this.fields.length;
    const row: (string | number)[] = new Array(nf + 5);
    for (const e of events) {
      row[0] = e.lineNo;
      for (let i = 0; i < nf; i++) row[i + 1] = e.fields[this.fields[i]!] ?? "";
      row[nf + 1] = e.content;
      row[nf + 2] = e.templateId;
      row[nf + 3] = e.template;
      row[nf + 4] = pythonListRepr(e.params);
      this.csv.write(row);
    }
    if (this.arrow && events.length > 0) {
      const cols: Record<string, unknown[]> = {
        LineId: events.map((e) => e.lineNo),
        Timestamp: events.map((e) => e.timestamp ?? null),
        Content: events.map((e) => e.content),
        EventId: events.map((e) => e.templateId),
        EventTemplate: events.map((e) => e.template),
        ParameterList: events.map((e) => e.params),
      };
      for (const f of this.fields) cols[f] = events.map((e) => e.fields[f] ?? null);
      this.arrow.writeBatch(cols);
    }
  }

  /** Finishes both files (they appear atomically). */
  async close(): Promise<void> {
    this.csv.close();
    await this.arrow?.close();
  }

  /** Deletes the partial files. */
  abort(): void {
    this.csv.abort();
    this.arrow?.abort();
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
  return [w.csvPath, ...(w.arrowPath ? [w.arrowPath] : []), templates, rejects];
}
