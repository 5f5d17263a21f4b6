import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { StringDecoder } from "node:string_decoder";

/** One complete line read from the followed file. */
export interface FollowedLine {
  /** 1-based line number in the file as it is now (a rotation or truncation starts again at 1). */
  lineNo: number;
  text: string;
}

/** Something the follower noticed besides lines (for the user's stderr). */
export type FollowNote =
  | { kind: "rotated"; path: string }
  | { kind: "truncated"; path: string; size: number }
  | { kind: "missing"; path: string };

/** Options of {@link FileFollower}. */
export interface FileFollowerOptions {
  /** Read the content already there first (default: only what is appended later, as `tail -f`). */
  fromStart?: boolean;
  /** Receives each batch of complete lines, in file order. */
  onLines: (lines: FollowedLine[]) => void;
  onNote?: (note: FollowNote) => void;
  /** Bytes read per read() call (default 64 KiB). */
  chunkBytes?: number;
}

/**
 * Follows a growing file by polling (`tail -F`): each {@link poll} reads what was appended since
 * the last one and hands over the complete lines; a line still being written (no newline yet) waits
 * for the next poll. Polling rather than fs.watch because watch events are not delivered on every
 * filesystem (network mounts, some containers) and the tests need a deterministic step.
 * - rotation (the path now names another file: a new inode, or the file is gone and comes back):
 *   the rest of the old file is read through its still-open descriptor, then the new file is
 *   followed from its start;
 * - truncation (the file shrank below the offset read so far, `> file` or copytruncate): reading
 *   starts again at 0, line numbers too; a partial line held back is dropped with it.
 * Line numbers stay true when the existing content is skipped: its lines are counted once.
 */
export class FileFollower {
  private fd = -1;
  private ino = -1;
  private dev = -1;
  private offset = 0;
  private lineNo = 0;
  private partial = "";
  private decoder = new StringDecoder("utf8");
  private readonly buf: Buffer;
  private missingNoted = false;
  /** Lines handed over, rotations and truncations seen (for the summary). */
  readonly counts = { lines: 0, rotations: 0, truncations: 0 };

  constructor(
    readonly path: string,
    private readonly options: FileFollowerOptions,
  ) {
    this.buf = Buffer.alloc(options.chunkBytes ?? 65536);
  }

  /** Opens the file; a missing file is an error naming it. Skips (but counts) the existing lines unless `fromStart`. */
  start(): void {
    this.openCurrent();
    if (!this.options.fromStart) {
      const size = fstatSync(this.fd).size;
      // Count the lines of what is skipped, so later line numbers are the file's own.
      while (this.offset < size) {
        const n = readSync(this.fd, this.buf, 0, Math.min(this.buf.length, size - this.offset), this.offset);
        if (n <= 0) break;
        for (let i = 0; i < n; i++) if (this.buf[i] === 0x0a) this.lineNo++;
        // A last line without newline is skipped whole: resume after it.
        this.offset += n;
      }
    }
  }

  /** Reads what is new (and handles a rotation or truncation); returns the number of lines handed over. */
  poll(): number {
    if (this.fd < 0) throw new Error(`${this.path}: poll before start`);
    let current: Stats | null = null;
    try {
      current = statSync(this.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${this.path}: ${(err as Error).message}`);
    }
    const own = fstatSync(this.fd);
    let handed = this.readFrom(own.size);
    if (current === null) {
      // Renamed away and not yet recreated: keep the old descriptor, look again next poll.
      if (!this.missingNoted) this.options.onNote?.({ kind: "missing", path: this.path });
      this.missingNoted = true;
      return handed;
    }
    this.missingNoted = false;
    if (current.ino !== this.ino || current.dev !== this.dev) {
      handed += this.flushPartial();
      closeSync(this.fd);
      this.fd = -1;
      this.counts.rotations++;
      this.options.onNote?.({ kind: "rotated", path: this.path });
      this.openCurrent();
      handed += this.readFrom(fstatSync(this.fd).size);
    } else if (own.size < this.offset) {
      this.counts.truncations++;
      this.options.onNote?.({ kind: "truncated", path: this.path, size: own.size });
      this.offset = 0;
      this.lineNo = 0;
      this.partial = "";
      this.decoder = new StringDecoder("utf8");
      handed += this.readFrom(own.size);
    }
    return handed;
  }

  /** Reads what is new in the open file, hands over a last line that has no newline (the end of the run), then closes it. */
  close(): number {
    if (this.fd < 0) return 0;
    const n = this.readFrom(fstatSync(this.fd).size) + this.flushPartial();
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    return n;
  }

  private openCurrent(): void {
    try {
      this.fd = openSync(this.path, "r");
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new Error(`${this.path}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    }
    const st = fstatSync(this.fd);
    if (st.isDirectory()) {
      closeSync(this.fd);
      this.fd = -1;
      throw new Error(`${this.path}: it is a directory`);
    }
    this.ino = st.ino;
    this.dev = st.dev;
    this.offset = 0;
    this.lineNo = 0;
    this.partial = "";
    this.decoder = new StringDecoder("utf8");
  }

  /** Reads from the offset up to `size` and hands over the complete lines. */
  private readFrom(size: number): number {
    let text = "";
    while (this.offset < size) {
      const n = readSync(this.fd, this.buf, 0, Math.min(this.buf.length, size - this.offset), this.offset);
      if (n <= 0) break;
      this.offset += n;
      text += this.decoder.write(this.buf.subarray(0, n));
    }
    if (text === "") return 0;
    const parts = (this.partial + text).split("\n");
    this.partial = parts.pop()!;
    return this.hand(parts);
  }

  private flushPartial(): number {
    const rest = this.partial + this.decoder.end();
    this.partial = "";
    return rest === "" ? 0 : this.hand([rest]);
  }

  private hand(parts: string[]): number {
    if (parts.length === 0) return 0;
    const lines = parts.map((p) => ({ lineNo: ++this.lineNo, text: p.endsWith("\r") ? p.slice(0, -1) : p }));
    this.counts.lines += lines.length;
    this.options.onLines(lines);
    return lines.length;
  }
}
