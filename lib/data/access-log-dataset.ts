import { existsSync, readFileSync } from "node:fs";
import { readCsvFile } from "../io/csv.js";
import type { Rejected } from "../io/rejected.js";
import { parseAccessLines, type HttpRequest } from "../features/http-requests.js";

/** A labelled (or unlabelled) access log: its requests in file order, with labels when known. */
export interface AccessLogData {
  file: string;
  /** The file's lines as read (a label column removed). */
  lines: string[];
  requests: HttpRequest[];
  /** Per request: 1 = attack; null when the log carries no labels. */
  labels: Uint8Array | null;
  /** Per request: the attack type from the labels file ("" for normal or unknown). */
  attackTypes: string[] | null;
  /** Lines that were not requests, with the reason. */
  rejected: Rejected[];
  /** Where the labels came from. */
  labelSource: "labels-csv" | "label-column" | "csv-columns" | "none";
}

const LABEL_COLUMN = /^(.*?)[\t ]([01])$/s;

/**
 * Reads an access log (Apache Common or Combined Log Format) with its labels, from either
 * - `FILE.labels.csv` beside it (`LineId,Label[,AnomalyType,…]`, as `loglab synth --format
 *   access-combined` writes), or
 * - a label column: each line ends with a tab or space and `0`/`1` after the log fields, or
 * - a CSV file (`.csv`) with a header: the raw access-log line in a `line` (or `log`, `raw`)
 *   column, its 0/1 label in `label`, optionally the attack type in `attack_type` (or
 *   `AnomalyType`, `type`); line numbers are then the CSV's data rows (1 = the first after the header).
 * No public labelled access log ships with loglab; this is how a user's own is read. Lines that
 * are not requests are rejected with their reason (never dropped silently); a labels file that
 * does not cover every request is an error naming it.
 *
 * @example
 * const log = readAccessLog("web.log"); // web.log + web.log.labels.csv
 * log.requests.length, log.labels?.reduce((a, b) => a + b, 0);
 */
export function readAccessLog(path: string, options: { labels?: string | null } = {}): AccessLogData {
  if (!existsSync(path)) throw new Error(`${path}: no such file`);
  if (/\.csv$/i.test(path) && !options.labels) return readAccessLogCsv(path);
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const labelsPath = options.labels === undefined ? (existsSync(`${path}.labels.csv`) ? `${path}.labels.csv` : null) : options.labels;
  // A label column: every non-empty line ends with 0/1 after fields that parse without it.
  let columnLabels: (number | null)[] | null = null;
  if (!labelsPath) {
    const stripped: string[] = [];
    const labels: (number | null)[] = [];
    let withColumn = 0;
    for (const l of lines) {
      const m = LABEL_COLUMN.exec(l);
      if (m && parseAccessLines([m[1]!], path).requests.length === 1 && parseAccessLines([l], path).requests.length === 0) {
        stripped.push(m[1]!);
        labels.push(Number(m[2]));
        withColumn++;
      } else {
        stripped.push(l);
        labels.push(null);
      }
    }
    if (withColumn > 0) {
      lines.splice(0, lines.length, ...stripped);
      columnLabels = labels;
    }
  }
  const { requests, rejected } = parseNonBlankLines(lines, path);
  if (labelsPath) {
    const { header, records } = readCsvFile(labelsPath);
    const idCol = header.indexOf("LineId");
    const labelCol = header.indexOf("Label");
    const typeCol = header.indexOf("AnomalyType");
    if (idCol < 0 || labelCol < 0) throw new Error(`${labelsPath}: needs LineId and Label columns (has ${header.join(", ")})`);
    const byLine = new Map<number, { label: number; type: string }>();
    records.forEach((r, k) => {
      const label = Number(r[labelCol]);
      if (label !== 0 && label !== 1) throw new Error(`${labelsPath}:${k + 2}: Label must be 0 or 1, got "${r[labelCol]}"`);
      byLine.set(Number(r[idCol]), { label, type: typeCol >= 0 ? r[typeCol]! : "" });
    });
    const missing = requests.find((r) => !byLine.has(r.lineNo));
    if (missing) throw new Error(`${labelsPath}: no label for line ${missing.lineNo} of ${path}`);
    return { file: path, lines, requests, labels: Uint8Array.from(requests, (r) => byLine.get(r.lineNo)!.label), attackTypes: requests.map((r) => byLine.get(r.lineNo)!.type), rejected, labelSource: "labels-csv" };
  }
  if (columnLabels) {
    const missing = requests.find((r) => columnLabels![r.lineNo - 1] === null);
    if (missing) throw new Error(`${path}:${missing.lineNo}: other lines end with a 0/1 label column, this one does not`);
    return { file: path, lines, requests, labels: Uint8Array.from(requests, (r) => columnLabels![r.lineNo - 1]!), attackTypes: null, rejected, labelSource: "label-column" };
  }
  return { file: path, lines, requests, labels: null, attackTypes: null, rejected, labelSource: "none" };
}

const CSV_LINE_COLUMNS = ["line", "log", "raw"];
const CSV_TYPE_COLUMNS = ["attack_type", "anomalytype", "type"];

/** A labelled access log as CSV: a raw-line column, a 0/1 `label` column, an optional attack-type column. */
function readAccessLogCsv(path: string): AccessLogData {
  const { header, records } = readCsvFile(path);
  const lower = header.map((h) => h.trim().toLowerCase());
  const lineCol = lower.findIndex((h) => CSV_LINE_COLUMNS.includes(h));
  const labelCol = lower.indexOf("label");
  const typeCol = lower.findIndex((h) => CSV_TYPE_COLUMNS.includes(h));
  if (lineCol < 0 || labelCol < 0) throw new Error(`${path}: a CSV access log needs a raw-line column (${CSV_LINE_COLUMNS.join(" / ")}) and a 0/1 label column (has ${header.join(", ")})`);
  const lines = records.map((r) => r[lineCol] ?? "");
  const rowLabels = records.map((r, k) => {
    const v = (r[labelCol] ?? "").trim();
    if (v !== "0" && v !== "1") throw new Error(`${path}:${k + 2}: label must be 0 or 1, got "${v}"`);
    return Number(v);
  });
  const { requests, rejected } = parseNonBlankLines(lines, path);
  return {
    file: path,
    lines,
    requests,
    labels: Uint8Array.from(requests, (r) => rowLabels[r.lineNo - 1]!),
    attackTypes: typeCol >= 0 ? requests.map((r) => records[r.lineNo - 1]![typeCol] ?? "") : null,
    rejected,
    labelSource: "csv-columns",
  };
}

/** Parses the non-blank lines as requests; blank lines are rejected as such; line numbers are the file's (1-based). */
function parseNonBlankLines(lines: readonly string[], path: string): { requests: HttpRequest[]; rejected: Rejected[] } {
  const nonEmpty: string[] = [];
  const lineNos: number[] = [];
  const rejected: Rejected[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === "") rejected.push({ file: path, lineNo: i + 1, reason: "blank line" });
    else {
      nonEmpty.push(l);
      lineNos.push(i + 1);
    }
  });
  const parsed = parseAccessLines(nonEmpty, path);
  for (const r of parsed.requests) r.lineNo = lineNos[r.lineNo - 1]!;
  for (const r of parsed.rejected) rejected.push({ ...r, lineNo: lineNos[r.lineNo - 1]! });
  rejected.sort((a, b) => a.lineNo - b.lineNo);
  return { requests: parsed.requests, rejected };
}
