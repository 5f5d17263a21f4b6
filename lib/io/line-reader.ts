import { isAscii, isUtf8 } from "node:buffer";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";
import type { Rejected } from "./rejected.js";

/**
 * Streaming line reader: files of any size (never loaded whole), plain or gzip; LF, CRLF and
 * lone-CR line ends; UTF-8 with or without a BOM, invalid bytes replaced by U+FFFD and counted;
 * lines longer than a limit rejected with a reason (their bytes are skipped as they stream by,
 * so a multi-gigabyte line costs no memory). Every physical line of the input is either yielded
 * or listed in {@link LineReader.rejects}.
 *
 * Speed: lines are found with `Buffer.indexOf` on raw bytes; an all-ASCII chunk (the usual case
 * for logs) is decoded once as latin1 and sliced, so a line costs one substring.
 */

/** Options of {@link LineReader}. */
export interface LineReaderOptions {
  /** Longest accepted line in bytes, terminator excluded (default 1 MiB). Longer lines are rejected. */
  maxLineBytes?: number;
  /** Read size in bytes (default 1 MiB). */
  chunkBytes?: number;
  /** Gunzip the input: true, false, or "auto" (default: by the gzip magic bytes 1f 8b). */
  gzip?: boolean | "auto";
  /** The file name recorded in rejects (default: the path as given). */
  name?: string;
  /** Keep empty lines (default true). When false they are rejected with reason "empty line". */
  keepEmpty?: boolean;
  /**
   * Read only bytes [start, end) of a plain (not gzip) file, a range that starts at a line start
   * (see `lineAlignedRanges`): a parallel parse reads one range per worker. A byte-order mark is
   * looked for only at byte 0. Default: the whole file.
   */
  start?: number;
  end?: number;
  /** Lines before the range (its first line is number `firstLineNo + 1`; default 0). */
  firstLineNo?: number;
}

/** What a reader saw, for reports. */
export interface LineReaderStats {
  file: string;
  /** Physical lines seen (yielded + rejected). */
  lines: number;
  /** Lines yielded. */
  yielded: number;
  /** Lines rejected (too long, or empty when `keepEmpty` is false). */
  rejected: number;
  /** Bytes of (decompressed) input. */
  bytes: number;
  gzip: boolean;
  /** A UTF-8 byte-order mark was found at the start and removed. */
  bom: boolean;
  /** Lines that held invalid UTF-8 (their bad bytes were replaced by U+FFFD). */
  invalidUtf8Lines: number;
  /** U+FFFD characters produced by replacing invalid bytes (lines may hold several). */
  replacedSequences: number;
  /** Count of each line terminator. */
  endings: { lf: number; crlf: number; cr: number };
  /** The last line had no terminator. */
  unterminatedLastLine: boolean;
  /** Longest line in bytes (rejected ones included). */
  longestLineBytes: number;
}

/** A batch of lines in file order. */
export interface LineBatch {
  /** Decoded lines without their terminators. */
  lines: string[];
  /** 1-based line number of each line (gaps are rejected lines). */
  lineNos: number[];
}

const DEFAULT_MAX_LINE = 1 << 20;
const DEFAULT_CHUNK = 1 << 20;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function isGzipFile(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const head = Buffer.alloc(2);
    const n = readSync(fd, head, 0, 2, 0);
    return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

function countOccurrences(haystack: string, ch: string): number {
  let n = 0;
  let i = haystack.indexOf(ch);
  while (i >= 0) {
    n++;
    i = haystack.indexOf(ch, i + 1);
  }
  return n;
}

/** Number of well-formed U+FFFD (EF BF BD) sequences already present in raw bytes. */
function countEncodedReplacement(buf: Buffer, start: number, end: number): number {
  let n = 0;
  let i = buf.indexOf(0xef, start);
  while (i >= 0 && i + 2 < end) {
    if (buf[i + 1] === 0xbf && buf[i + 2] === 0xbd) n++;
    i = buf.indexOf(0xef, i + 1);
  }
  return n;
}

/**
 * Reads a log file line by line, in batches.
 *
 * @example
 * const reader = new LineReader("data/loghub-2k/HDFS/HDFS_2k.log");
 * for await (const { lines, lineNos } of reader.batches()) { ... }
 * reader.stats.lines; // 2000
 * reader.rejects;     // []
 */
export class LineReader {
  readonly stats: LineReaderStats;
  /** Rejected lines with reasons, in file order. */
  readonly rejects: Rejected[] = [];
  private readonly maxLine: number;
  private readonly chunkBytes: number;
  private readonly keepEmpty: boolean;
  private started = false;

  constructor(
    readonly path: string,
    private readonly options: LineReaderOptions = {},
  ) {
    this.maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE;
    if (!(this.maxLine > 0)) throw new Error(`LineReader: maxLineBytes must be positive, got ${this.maxLine}`);
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK;
    this.keepEmpty = options.keepEmpty ?? true;
    this.stats = {
      file: options.name ?? path,
      lines: 0,
      yielded: 0,
      rejected: 0,
      bytes: 0,
      gzip: false,
      bom: false,
      invalidUtf8Lines: 0,
      replacedSequences: 0,
      endings: { lf: 0, crlf: 0, cr: 0 },
      unterminatedLastLine: false,
      longestLineBytes: 0,
    };
  }

  private reject(lineNo: number, reason: string): void {
    this.rejects.push({ file: this.stats.file, lineNo, reason });
    this.stats.rejected++;
  }

  private source(): AsyncIterable<Buffer> {
    let gzip = this.options.gzip ?? "auto";
    try {
      if (gzip === "auto") gzip = isGzipFile(this.path);
    } catch (err) {
      throw new Error(`Could not read ${this.path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
    }
    this.stats.gzip = gzip;
    const { start, end } = this.options;
    const ranged = start !== undefined || end !== undefined;
    if (ranged && gzip) throw new Error(`Could not read ${this.path}: a byte range of a gzip file cannot be read on its own`);
    // createReadStream's `end` is inclusive.
    const raw = createReadStream(this.path, { highWaterMark: this.chunkBytes, ...(ranged ? { start: start ?? 0, ...(end !== undefined ? { end: end - 1 } : {}) } : {}) });
    if (!gzip) return raw;
    const gunzip = createGunzip({ chunkSize: this.chunkBytes });
    raw.on("error", (err) => gunzip.destroy(err));
    return raw.pipe(gunzip);
  }

  /**
   * Yields the lines in batches (one batch per chunk read). Can be iterated once.
   * Errors (missing file, corrupt gzip) name the file.
   */
  async *batches(): AsyncGenerator<LineBatch> {
    if (this.started) throw new Error(`LineReader: ${this.path} is already being read (a reader can be iterated once)`);
    this.started = true;
    const st = this.stats;
    let carry: Buffer | null = null; // bytes of an unfinished line
    let skipping = false; // inside a too-long line whose bytes are being dropped
    let skippedBytes = 0;
    let pendingCR = false; // the previous chunk ended with CR: an LF at the start of this one belongs to it
    let lineNo = this.options.firstLineNo ?? 0;
    // Bytes held while looking for a BOM; a range that starts past byte 0 has none.
    let head: Buffer | null = (this.options.start ?? 0) === 0 ? Buffer.alloc(0) : null;
    try {
      for await (const chunkAny of this.source()) {
        let chunk = chunkAny as Buffer;
        st.bytes += chunk.length;
        if (head !== null) {
          // Until 3 bytes are seen, a UTF-8 byte-order mark may still be arriving.
          chunk = head.length > 0 ? Buffer.concat([head, chunk]) : chunk;
          if (chunk.length < 3 && BOM.subarray(0, chunk.length).equals(chunk)) {
            head = Buffer.from(chunk);
            continue;
          }
          head = null;
          if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
            st.bom = true;
            chunk = chunk.subarray(3);
          }
        }
        if (pendingCR) {
          pendingCR = false;
          if (chunk.length > 0 && chunk[0] === 10) {
            st.endings.cr--;
            st.endings.crlf++;
            chunk = chunk.subarray(1);
          }
        }
        const out: LineBatch = { lines: [], lineNos: [] };
        let buf: Buffer;
        if (carry && carry.length > 0) buf = Buffer.concat([carry, chunk]);
        else buf = chunk;
        carry = null;
        const n = buf.length;
        // Decode the whole chunk once when it is ASCII (byte offsets = char offsets).
        let ascii: string | null = null;
        let utf8Valid = false;
        if (isAscii(buf)) ascii = buf.toString("latin1", 0, n);
        else utf8Valid = isUtf8(buf);
        let pos = 0;
        let nextCR = buf.indexOf(13, 0);
        for (;;) {
          const nl = buf.indexOf(10, pos);
          if (nextCR >= 0 && nextCR < pos) nextCR = buf.indexOf(13, pos);
          let end: number;
          let next: number;
          if (nextCR >= 0 && (nl < 0 || nextCR < nl)) {
            end = nextCR;
            if (nextCR + 1 < n) {
              if (buf[nextCR + 1] === 10) {
                next = nextCR + 2;
                st.endings.crlf++;
              } else {
                next = nextCR + 1;
                st.endings.cr++;
              }
            } else {
              next = n;
              st.endings.cr++;
              pendingCR = true;
            }
          } else if (nl >= 0) {
            end = nl;
            next = nl + 1;
            st.endings.lf++;
          } else break;
          // A complete line buf[pos, end).
          lineNo++;
          st.lines++;
          let len = end - pos;
          if (skipping) {
            len += skippedBytes;
            skipping = false;
            skippedBytes = 0;
          }
          if (len > st.longestLineBytes) st.longestLineBytes = len;
          if (len > this.maxLine) this.reject(lineNo, `line longer than ${this.maxLine} bytes (${len} bytes)`);
          else if (len === 0 && !this.keepEmpty) this.reject(lineNo, "empty line");
          else {
            out.lines.push(ascii !== null ? ascii.slice(pos, end) : this.decode(buf, pos, end, utf8Valid));
            out.lineNos.push(lineNo);
            st.yielded++;
          }
          pos = next;
        }
        // The rest is an unfinished line.
        if (pos < n) {
          const restLen = n - pos + (skipping ? skippedBytes : 0);
          if (restLen > this.maxLine) {
            // Too long already: drop its bytes, remember only the count.
            skippedBytes = restLen;
            skipping = true;
          } else carry = Buffer.from(buf.subarray(pos)); // copy: do not pin the whole chunk
        }
        if (out.lines.length > 0) yield out;
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (e.code === "ENOENT") throw new Error(`Could not read ${this.path}: no such file`);
      if (e.code === "EISDIR") throw new Error(`Could not read ${this.path}: it is a directory`);
      if (e.code === "Z_DATA_ERROR" || e.code === "Z_BUF_ERROR" || /incorrect header check|unexpected end of file/.test(e.message)) {
        throw new Error(`Could not read ${this.path}: not valid gzip data (${e.message})`);
      }
      if (e.message?.startsWith("Could not read")) throw e;
      throw new Error(`Could not read ${this.path}: ${e.message}`);
    }
    // Last line without a terminator.
    if (head !== null && head.length > 0) carry = head; // a short file that only looked like a BOM's start
    if (carry || skipping) {
      const out: LineBatch = { lines: [], lineNos: [] };
      lineNo++;
      st.lines++;
      st.unterminatedLastLine = true;
      const len = (carry?.length ?? 0) + (skipping ? skippedBytes : 0);
      if (len > st.longestLineBytes) st.longestLineBytes = len;
      if (len > this.maxLine) this.reject(lineNo, `line longer than ${this.maxLine} bytes (${len} bytes)`);
      else if (carry) {
        out.lines.push(isAscii(carry) ? carry.toString("latin1") : this.decode(carry, 0, carry.length, isUtf8(carry)));
        out.lineNos.push(lineNo);
        st.yielded++;
        yield out;
      }
    }
  }

  private decode(buf: Buffer, start: number, end: number, valid: boolean): string {
    const s = buf.toString("utf8", start, end);
    if (valid || isUtf8(buf.subarray(start, end))) return s;
    const replaced = countOccurrences(s, "\ufffd") - countEncodedReplacement(buf, start, end);
    this.stats.invalidUtf8Lines++;
    this.stats.replacedSequences += Math.max(1, replaced);
    return s;
  }

  /** Yields `{ lineNo, text }` one line at a time (convenient; batches are faster). */
  async *lines(): AsyncGenerator<{ lineNo: number; text: string }> {
    for await (const b of this.batches()) {
      for (let i = 0; i < b.lines.length; i++) yield { lineNo: b.lineNos[i]!, text: b.lines[i]! };
    }
  }
}

/**
 * Reads every line of a file into memory (for small files and tests; use {@link LineReader}
 * for large ones). Returns the lines with their numbers, the rejects and the stats.
 */
export async function readAllLines(
  path: string,
  options: LineReaderOptions = {},
): Promise<{ lines: string[]; lineNos: number[]; rejects: Rejected[]; stats: LineReaderStats }> {
  const reader = new LineReader(path, options);
  const lines: string[] = [];
  const lineNos: number[] = [];
  for await (const b of reader.batches()) {
    for (let i = 0; i < b.lines.length; i++) {
      lines.push(b.lines[i]!);
      lineNos.push(b.lineNos[i]!);
    }
  }
  return { lines, lineNos, rejects: reader.rejects, stats: reader.stats };
}
