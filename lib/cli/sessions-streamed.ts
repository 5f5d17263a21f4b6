import { createHash } from "node:crypto";
import { join } from "node:path";
import { BufferedTextWriter } from "../io/buffered-text-writer.js";
import { csvField, csvLine, CsvWriter } from "../io/csv.js";
import type { Rejected } from "../io/rejected.js";
import type { EventKeyMap } from "../features/event-key-map.js";
import type { TemplateMiner } from "../parse/drain/template-miner.js";
import { parseFileStream, type ParseStreamSummary } from "../parse/parse-file.js";
import type { ParseOptions } from "../parse/log-parser.js";
import { SessionStream, type StreamedSession } from "../windows/session-stream.js";
import type { SessionIdReader } from "../windows/session-rule.js";
import { CliError } from "./cli-error.js";

/**
 * `loglab sessions` by session id (a header field, a content regex or both), streamed: lines go
 * through a {@link SessionStream} and each session is written out when it closes, so memory holds
 * the open sessions (two 32-bit words per event) and not the lines. Without a timeout every
 * session closes at the end, in order of first appearance, and the files are byte for byte those
 * of the earlier in-memory implementation (test/cli/sessions-stream.test.ts checks it).
 */

/** What {@link streamSessions} needs. */
export interface StreamSessionsInput {
  inputs: readonly string[];
  dir: string;
  format: string;
  mode: "loglab" | "drain";
  assumeYear: number | undefined;
  /** Masks and Drain settings from the flags (a loaded `miner` keeps its own). */
  minerOptions?: Pick<ParseOptions, "drain" | "masking" | "masksBefore" | "placeholder" | "extraDelimiters">;
  miner: TemplateMiner | undefined;
  progress: boolean;
  rule: SessionIdReader;
  timeoutMs: number | undefined;
  label: { field: string; normalValue: string } | undefined;
  keyMap: EventKeyMap;
}

/** What {@link streamSessions} wrote and counted. */
export interface StreamSessionsResult {
  summary: ParseStreamSummary;
  rejects: number;
  rejectReasons: Record<string, number>;
  sessions: number;
  distinctSessions: number;
  abnormalSessions: number | null;
  linesNotInAnySession: number;
  closedByTimeout: number;
  peakOpenSessions: number;
  outputs: string[];
}

/** A growable Uint32Array. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

/** Line ordinals across files: file k's line n is `bases[k] + n`. */
class LineOrdinals {
  readonly names: string[] = [];
  readonly bases: number[] = [];
  private readonly index = new Map<string, number>();
  private maxLine = 0;
  private current = -1;

  ordinal(file: string, lineNo: number): number {
    if (this.current < 0 || this.names[this.current] !== file) {
      let k = this.index.get(file);
      if (k === undefined) {
        const base = this.bases.length ? this.bases[this.bases.length - 1]! + this.maxLine : 0;
        k = this.names.length;
        this.names.push(file);
        this.bases.push(base);
        this.index.set(file, k);
        this.maxLine = 0;
      } else if (k !== this.names.length - 1) {
        throw new Error(`${file}: lines of an earlier file came after another file's`);
      }
      this.current = k;
    }
    if (lineNo > this.maxLine) this.maxLine = lineNo;
    const g = this.bases[this.current]! + lineNo;
    if (g > 0xffffffff) throw new Error(`${file}:${lineNo}: more than 4,294,967,295 lines in one run`);
    return g;
  }

  /** The file index and line number of an ordinal. */
  locate(g: number): [number, number] {
    const b = this.bases;
    let lo = 0;
    let hi = b.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (b[mid]! < g) lo = mid;
      else hi = mid - 1;
    }
    return [lo, g - b[lo]!];
  }
}

/** Parses `inputs` and writes sessions.keys, sessions.csv, session-lines.csv, rejects.csv (and the labelled key files) into `dir`; keys.csv is left to the caller. */
export async function streamSessions(o: StreamSessionsInput): Promise<StreamSessionsResult> {
  const ordinals = new LineOrdinals();
  const templateIndex = new Map<string, number>();
  const templateIds: string[] = [];
  const templates: string[] = [];
  const notPlaced = new U32List();
  const notPlacedReason = new U32List();
  const reasons: string[] = [];
  const reasonIndex = new Map<string, number>();
  const leftTemplates = new Set<number>();
  // Distinct sessions by a 52-bit hash of their key line (exact strings would keep every distinct session in memory).
  const distinct = new Set<number>();
  const noTimestamp = "no timestamp (--session-timeout needs one)";

  const keysOut = new BufferedTextWriter(join(o.dir, "sessions.keys"));
  const normalOut = o.label ? new BufferedTextWriter(join(o.dir, "sessions_normal.keys")) : undefined;
  const abnormalOut = o.label ? new BufferedTextWriter(join(o.dir, "sessions_abnormal.keys")) : undefined;
  const indexOut = new BufferedTextWriter(join(o.dir, "sessions.csv"));
  indexOut.write(csvLine(["Session", "SessionId", "Events", "Label", "LabelFileLine", "First", "Last"]) + "\n");
  const linesOut = new BufferedTextWriter(join(o.dir, "session-lines.csv"));
  linesOut.write(csvLine(["Session", "File", "LineNo"]) + "\n");
  const writers = [keysOut, normalOut, abnormalOut, indexOut, linesOut].filter((w): w is BufferedTextWriter => w !== undefined);
  const fileFields: string[] = [];
  const fileField = (k: number): string => (fileFields[k] ??= csvField(ordinals.names[k]!));

  let sessions = 0;
  let normal = 0;
  let abnormal = 0;
  let closedByTimeout = 0;
  const onClose = (s: StreamedSession): void => {
    const k = ++sessions;
    if (s.closedBy === "timeout") closedByTimeout++;
    let keyLine = "";
    for (let i = 0; i < s.values.length; i++) {
      const t = s.values[i]!;
      keyLine += (i ? " " : "") + o.keyMap.keyOf(templateIds[t]!, templates[t]!);
    }
    keyLine += "\n";
    keysOut.write(keyLine);
    distinct.add(parseInt(createHash("sha1").update(keyLine).digest("hex").slice(0, 13), 16));
    let labelCell = "";
    let labelLine = "";
    if (o.label) {
      labelCell = String(s.label);
      if (s.label) {
        abnormalOut!.write(keyLine);
        labelLine = String(++abnormal);
      } else {
        normalOut!.write(keyLine);
        labelLine = String(++normal);
      }
    }
    const [f0, l0] = ordinals.locate(s.lines[0]!);
    const [f1, l1] = ordinals.locate(s.lines[s.lines.length - 1]!);
    indexOut.write(csvLine([k, s.id, s.lines.length, labelCell, labelLine, `${ordinals.names[f0]}:${l0}`, `${ordinals.names[f1]}:${l1}`]) + "\n");
    let rows = "";
    for (let i = 0; i < s.lines.length; i++) {
      const [f, l] = ordinals.locate(s.lines[i]!);
      rows += `${k},${fileField(f)},${l}\n`;
      if (rows.length > 1 << 16) {
        linesOut.write(rows);
        rows = "";
      }
    }
    linesOut.write(rows);
  };
  const stream = new SessionStream({ timeoutMs: o.timeoutMs, onClose });

  const leaveOut = (g: number, t: number, reason: string): void => {
    let r = reasonIndex.get(reason);
    if (r === undefined) {
      r = reasons.length;
      reasons.push(reason);
      reasonIndex.set(reason, r);
    }
    notPlaced.push(g);
    notPlacedReason.push(r);
    leftTemplates.add(t);
  };

  let summary: ParseStreamSummary;
  try {
    try {
      summary = await parseFileStream(
        o.inputs,
        { ...(o.minerOptions ?? {}), format: o.format, mode: o.mode, assumeYear: o.assumeYear, passes: 2, miner: o.miner, progress: o.progress },
        (batch) => {
          for (const e of batch) {
            const g = ordinals.ordinal(e.file, e.lineNo);
            let t = templateIndex.get(e.templateId);
            if (t === undefined) {
              t = templateIds.length;
              templateIds.push(e.templateId);
              templates.push(e.template);
              templateIndex.set(e.templateId, t);
            }
            let label: 0 | 1 = 0;
            if (o.label) {
              const v = e.fields[o.label.field];
              if (v === undefined) throw new Error(`${e.file}:${e.lineNo}: no header field "${o.label.field}" (fields: ${Object.keys(e.fields).join(", ")})`);
              label = v === o.label.normalValue ? 0 : 1;
            }
            const ids = o.rule.idsOf(e.content, e.fields, `${e.file}:${e.lineNo}`);
            if (!Array.isArray(ids)) {
              leaveOut(g, t, ids.reason);
              continue;
            }
            if (o.timeoutMs !== undefined && e.timestamp === undefined) {
              leaveOut(g, t, noTimestamp);
              continue;
            }
            for (const id of ids) stream.add(id, g, t, e.timestamp, label);
          }
        },
      );
      stream.end();
    } catch (err) {
      throw new CliError((err as Error).message, 1);
    }
    if (sessions === 0) {
      const counts = new Map<number, number>();
      for (let i = 0; i < notPlacedReason.length; i++) counts.set(notPlacedReason.data[i]!, (counts.get(notPlacedReason.data[i]!) ?? 0) + 1);
      const top = [...counts.entries()].sort((x, y) => y[1] - x[1])[0];
      const why = top ? ` (${top[1]}: ${reasons[top[0]]}${reasons[top[0]] === noTimestamp ? "; a format whose dates have no year needs --assume-year" : ""})` : "";
      throw new CliError(`no sessions: ${summary.stats.parsed} lines parsed, none placed in a session${why}`, 1);
    }
    for (const w of writers) w.close();
  } catch (err) {
    for (const w of writers) w.abort();
    throw err;
  }
  // Templates of lines left out get keys too, after the placed ones.
  for (const t of leftTemplates) o.keyMap.ensure(templateIds[t]!, templates[t]!);

  // rejects.csv: the parser's rejects and the lines not placed, by file name then line.
  const byFile = new Map<string, { parse: Rejected[]; left: number[] }>();
  const slot = (file: string): { parse: Rejected[]; left: number[] } => {
    let s = byFile.get(file);
    if (!s) byFile.set(file, (s = { parse: [], left: [] }));
    return s;
  };
  for (const r of summary.rejects) slot(r.file).parse.push(r);
  for (let i = 0; i < notPlaced.length; i++) slot(ordinals.names[ordinals.locate(notPlaced.data[i]!)[0]]!).left.push(i);
  const rejectReasons: Record<string, number> = {};
  const rejectsCsv = new CsvWriter(join(o.dir, "rejects.csv"), ["File", "LineId", "Reason"]);
  let rejects = 0;
  const emit = (file: string, lineNo: number, reason: string): void => {
    rejectsCsv.write([file, lineNo, reason]);
    rejectReasons[reason] = (rejectReasons[reason] ?? 0) + 1;
    rejects++;
  };
  for (const file of [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { parse, left } = byFile.get(file)!;
    let i = 0;
    let j = 0;
    while (i < parse.length || j < left.length) {
      const leftLine = j < left.length ? ordinals.locate(notPlaced.data[left[j]!]!)[1] : Infinity;
      if (i < parse.length && parse[i]!.lineNo <= leftLine) {
        emit(file, parse[i]!.lineNo, parse[i]!.reason);
        i++;
      } else {
        emit(file, leftLine, reasons[notPlacedReason.data[left[j]!]!]!);
        j++;
      }
    }
  }
  rejectsCsv.close();

  return {
    summary,
    rejects,
    rejectReasons,
    sessions,
    distinctSessions: distinct.size,
    abnormalSessions: o.label ? abnormal : null,
    linesNotInAnySession: notPlaced.length,
    closedByTimeout,
    peakOpenSessions: stream.peakOpen,
    outputs: ["sessions.keys", "sessions.csv", "session-lines.csv", "rejects.csv", ...(o.label ? ["sessions_normal.keys", "sessions_abnormal.keys"] : [])],
  };
}
