import { readFileSync } from "node:fs";
import { BufferedTextWriter } from "./buffered-text-writer.js";

/**
 * RFC 4180 CSV: parsing of whole (small) files, and a streaming writer for large outputs.
 *
 * The reader accepts LF or CRLF record ends, quoted fields with `""` escapes, commas and line
 * breaks inside quotes, and a UTF-8 BOM. It is used for the LogHub ground-truth files (2,001
 * rows each); large inputs go through the line reader instead.
 */

/** A parsed CSV file: the header row and the records as arrays of strings. */
export interface CsvTable {
  header: string[];
  records: string[][];
}

/**
 * Parses CSV text into rows of fields. Errors name `source` and the 1-based line of the problem
 * (an unterminated quote, a stray quote inside an unquoted field).
 *
 * @example
 * parseCsvRows('a,b\n1,"x, y"\n'); // [["a","b"],["1","x, y"]]
 */
export function parseCsvRows(text: string, source = "CSV"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  if (n === i) return rows;
  for (;;) {
    // One field starts at i.
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      const startLine = line;
      let j = i + 1;
      let parts = "";
      let from = j;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error(`${source}:${startLine}: unterminated quoted field`);
        for (let k = j; k < q; k++) if (text.charCodeAt(k) === 10) line++;
        if (text.charCodeAt(q + 1) === 34) {
          parts += text.slice(from, q + 1);
          j = q + 2;
          from = j;
          continue;
        }
        parts += text.slice(from, q);
        i = q + 1;
        break;
      }
      field = parts;
      const c = text.charCodeAt(i);
      if (i < n && c !== 44 && c !== 10 && c !== 13) {
        throw new Error(`${source}:${line}: unexpected character after a closing quote`);
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // Record end: LF, CRLF or CR.
    if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
    else i += 1;
    line++;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows;
}

/**
 * Reads a CSV file with a header row. Every record must have as many fields as the header;
 * a short or long record is an error naming the file and the record's line.
 *
 * @example
 * const { header, records } = readCsvFile("data/loghub-2k/HDFS/HDFS_2k.log_templates.csv");
 */
export function readCsvFile(path: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`Could not read ${path}: ${(err as Error).message}`);
  }
  const rows = parseCsvRows(text, path);
  const header = rows.shift();
  if (!header) throw new Error(`${path}: empty CSV file (no header row)`);
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      throw new Error(`${path}: record ${k + 1} has ${r.length} fields, the header has ${header.length}`);
    }
  });
  return { header, records: rows };
}

/** Quotes one CSV field when it holds a comma, quote, CR or LF (RFC 4180). */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  // One native scan (a regex test) instead of a JS loop over the characters: the per-line path of `loglab parse`.
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const NEEDS_QUOTES = /[,"\r\n]/;

/** One CSV record (fields quoted as needed), without the line end. */
export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  let out = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ",";
    out += csvField(values[i]);
  }
  return out;
}

/** Bytes of encoded records a {@link CsvWriter} holds before writing them. */
const STAGE_BYTES = 1 << 20;

/**
 * Writes a CSV file record by record with bounded memory (records are encoded into a 1 MiB
 * buffer, then written). The file appears atomically: data go to a temporary name in the same folder
 * and are renamed into place by {@link CsvWriter.close}; {@link CsvWriter.abort} removes them.
 *
 * @example
 * const w = new CsvWriter("out/x.csv", ["LineId", "Content"]);
 * w.write([1, "hello, world"]);
 * w.close();
 */
export class CsvWriter {
  /** The file, buffered and written atomically (temporary name, renamed on close). */
  private readonly out: BufferedTextWriter;
  /** Records written so far (the header not counted). */
  records = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
  ) {
    this.out = new BufferedTextWriter(path, STAGE_BYTES);
    this.out.write(csvLine(header) + "\n");
  }

  /** Appends one record. */
  write(values: readonly (string | number | boolean | null | undefined)[]): void {
    if (this.out.isClosed) throw new Error(`CsvWriter: ${this.path} is already closed`);
    this.out.write(csvLine(values) + "\n");
    this.records++;
  }

  /**
   * Appends `records` records already formatted: fields quoted with {@link csvField}, joined by
   * commas, each record ending in "\n" (the fast path: the caller joins a batch of rows once).
   */
  writeFormatted(text: string, records: number): void {
    if (this.out.isClosed) throw new Error(`CsvWriter: ${this.path} is already closed`);
    if (text.length === 0) return;
    if (text.charCodeAt(text.length - 1) !== 10) throw new Error(`CsvWriter: ${this.path}: formatted records must end with a line end`);
    this.out.write(text);
    this.records += records;
  }

  /** {@link writeFormatted} for records already encoded as UTF-8 bytes (a parallel parse's workers encode them). */
  writeFormattedBytes(bytes: Uint8Array, records: number): void {
    if (this.out.isClosed) throw new Error(`CsvWriter: ${this.path} is already closed`);
    if (bytes.length === 0) return;
    if (bytes[bytes.length - 1] !== 10) throw new Error(`CsvWriter: ${this.path}: formatted records must end with a line end`);
    this.out.writeBytes(bytes);
    this.records += records;
  }

  /** Flushes, closes and renames the file into place. */
  close(): void {
    this.out.close();
  }

  /** Closes and deletes the partial file (the target is left as it was). */
  abort(): void {
    this.out.abort();
  }
}
