import { closeSync, openSync, readSync, statSync } from "node:fs";

/** Bytes [start, end) of a file, beginning at a line start and ending just after a line feed (or at the end of the file). */
export interface ByteRange {
  start: number;
  end: number;
}

const PROBE = 1 << 16;

/**
 * Cuts a plain (not gzip) file into ranges of about `targetBytes` that each start at a line start:
 * every cut is placed just after a line feed, so a CRLF pair is never split and every range but
 * the first starts a fresh line. Reading the ranges in order with `LineReader({ start, end,
 * firstLineNo })` yields exactly the lines of the whole file. An empty file is one empty range;
 * a file without a line feed past a cut point is one range from there to its end.
 *
 * @example
 * lineAlignedRanges("big.log", 8 << 20); // [{ start: 0, end: 8388700 }, { start: 8388700, end: … }, …]
 */
export function lineAlignedRanges(path: string, targetBytes: number): ByteRange[] {
  if (!(Number.isInteger(targetBytes) && targetBytes > 0)) throw new Error(`lineAlignedRanges: targetBytes must be a positive integer, got ${targetBytes}`);
  const size = statSync(path).size;
  const out: ByteRange[] = [];
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(PROBE);
    let start = 0;
    while (start < size) {
      const cut = start + targetBytes;
      if (cut >= size) {
        out.push({ start, end: size });
        break;
      }
      // The first line feed at or after the cut point ends this range.
      let end = size;
      for (let at = cut - 1; at < size; at += PROBE) {
        const n = readSync(fd, buf, 0, Math.min(PROBE, size - at), at);
        const lf = buf.subarray(0, n).indexOf(10);
        if (lf >= 0) {
          end = at + lf + 1;
          break;
        }
      }
      out.push({ start, end });
      start = end;
    }
  } finally {
    closeSync(fd);
  }
  return out.length > 0 ? out : [{ start: 0, end: 0 }];
}
