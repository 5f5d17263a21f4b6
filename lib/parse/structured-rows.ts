import { ColumnBatcher, batchTransferList, type ArrowAppender, type ArrowColumn, type BatchBuffers, type ListUtf8Appender, type NumberAppender, type Utf8Appender } from "../io/arrow-columns.js";
import { csvField } from "../io/csv.js";
import type { ParsedLog } from "./log-record.js";

/**
 * Rows of LogHub's structured layout (`<log>_structured.csv`: LineId, the header fields, Content,
 * EventId, EventTemplate, ParameterList; the Arrow file adds the parsed time) built from parsed
 * events: the CSV text and the Arrow column values. `StructuredWriter` (structured-output.ts)
 * writes them to files; a parallel parse's worker builds a {@link StructuredPart} here, which
 * loads neither apache-arrow nor the Parquet writer.
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

/** The Arrow columns of the structured layout (LineId, header fields, the parsed time, Content, EventId, EventTemplate, ParameterList). */
export function structuredArrowColumns(fields: readonly string[], timestampColumn: string): ArrowColumn[] {
  return [
    { name: "LineId", type: "int32" },
    ...fields.map((f) => ({ name: f, type: "utf8" as const })),
    { name: timestampColumn, type: "float64" },
    { name: "Content", type: "utf8" },
    { name: "EventId", type: "utf8" },
    { name: "EventTemplate", type: "utf8" },
    { name: "ParameterList", type: "list-utf8" },
  ];
}

/** The parsed time's Arrow column: `Timestamp`, or `TimestampMillis` when a header field is already called Timestamp (BGL, Thunderbird). */
export function timestampColumnOf(fields: readonly string[]): string {
  return fields.includes("Timestamp") ? "TimestampMillis" : "Timestamp";
}

/** The appenders of the structured Arrow columns. */
export interface StructuredAppenders {
  lineId: NumberAppender;
  fields: Utf8Appender[];
  timestamp: NumberAppender;
  content: Utf8Appender;
  eventId: Utf8Appender;
  template: Utf8Appender;
  params: ListUtf8Appender;
}

export function structuredAppenders(appender: (name: string) => ArrowAppender, fields: readonly string[], timestampColumn: string): StructuredAppenders {
  return {
    lineId: appender("LineId") as NumberAppender,
    fields: fields.map((f) => appender(f) as Utf8Appender),
    timestamp: appender(timestampColumn) as NumberAppender,
    content: appender("Content") as Utf8Appender,
    eventId: appender("EventId") as Utf8Appender,
    template: appender("EventTemplate") as Utf8Appender,
    params: appender("ParameterList") as ListUtf8Appender,
  };
}

/**
 * One pass over the events: the CSV records as one string (template fields quoted once per run of
 * a template, not once per line), and their values appended to the Arrow columns when given.
 */
export function structuredRecords(events: readonly ParsedLog[], fields: readonly string[], a: StructuredAppenders | null): string {
  const nf = fields.length;
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
  return parts.join("");
}

/**
 * A run of consecutive events of one input in {@link StructuredWriter}'s layout, built where the
 * events are (a parallel parse's worker thread) and written by {@link StructuredWriter.writePart}:
 * the CSV records as UTF-8 bytes and the Arrow record batches as their buffers (both posted to
 * the writing thread; `transfer` lists the large buffers to move rather than copy).
 */
export interface StructuredPart {
  /** Events in the part. */
  rows: number;
  /** The header fields of its events (null when it has none). */
  fields: string[] | null;
  csv: Uint8Array;
  /** The part's Arrow record batches (null without Arrow output). */
  arrow: BatchBuffers[] | null;
  transfer: ArrayBuffer[];
}

/** Builds a {@link StructuredPart} from batches of events (all of one input, with the same header fields). */
export class StructuredPartBuilder {
  /** The CSV bytes so far: csvBytes[0, csvLength) (its own allocation, so it can be transferred). */
  private csvBytes: Buffer;
  private csvLength = 0;
  private batcher: ColumnBatcher | null = null;
  private appenders: StructuredAppenders | null = null;
  private readonly batches: BatchBuffers[] = [];
  private readonly transfer: ArrayBuffer[] = [];
  private rows = 0;
  private fields: string[] | null = null;

  /** `expectedCsvBytes`: a first guess of the CSV's size (the buffer grows by doubling past it). */
  constructor(private readonly options: { arrow: boolean; expectedCsvBytes?: number }) {
    this.csvBytes = Buffer.allocUnsafeSlow(Math.max(1 << 16, options.expectedCsvBytes ?? 1 << 20));
  }

  write(events: readonly ParsedLog[]): void {
    if (events.length === 0) return;
    if (this.fields === null) {
      this.fields = Object.keys(events[0]!.fields);
      if (this.options.arrow) {
        const b = new ColumnBatcher(structuredArrowColumns(this.fields, timestampColumnOf(this.fields)), {}, "StructuredPartBuilder");
        this.batcher = b;
        this.appenders = structuredAppenders((n) => b.appender(n), this.fields, timestampColumnOf(this.fields));
      }
    }
    this.appendCsv(structuredRecords(events, this.fields, this.appenders));
    if (this.batcher?.endRows(events.length)) this.takeBatch(this.batcher);
    this.rows += events.length;
  }

  private appendCsv(text: string): void {
    const need = this.csvLength + text.length * 3; // a UTF-16 unit takes at most 3 UTF-8 bytes
    if (need > this.csvBytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, this.csvBytes.length * 2));
      this.csvBytes.copy(grown, 0, 0, this.csvLength);
      this.csvBytes = grown;
    }
    this.csvLength += this.csvBytes.write(text, this.csvLength, "utf8");
  }

  private takeBatch(batcher: ColumnBatcher): void {
    const batch = batcher.take();
    this.batches.push(batch);
    this.transfer.push(...batchTransferList(batch));
  }

  /** The part (the builder is spent). */
  finish(): StructuredPart {
    if (this.batcher && this.batcher.pendingRows > 0) this.takeBatch(this.batcher);
    const csv = this.csvBytes.subarray(0, this.csvLength);
    return { rows: this.rows, fields: this.fields, csv, arrow: this.batcher ? this.batches : null, transfer: [csv.buffer as ArrayBuffer, ...this.transfer] };
  }
}

