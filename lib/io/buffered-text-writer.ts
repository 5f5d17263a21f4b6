import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ensureDir } from "./ensure-dir.js";

let counter = 0;

/**
 * Writes a large text file piece by piece through one fixed byte buffer (default 1 MiB): each
 * string is encoded as UTF-8 straight into the buffer, which is written out when full, so memory
 * stays at the buffer's size whatever the file's, and no array of pending strings is kept. The
 * file appears atomically: the bytes go to a temporary name in the same folder, renamed into place
 * by {@link BufferedTextWriter.close}; {@link BufferedTextWriter.abort} removes them.
 *
 * @example
 * const w = new BufferedTextWriter("out/sessions.keys");
 * w.write("1 2 3\n");
 * w.close();
 */
export class BufferedTextWriter {
  private readonly fd: number;
  private readonly tmp: string;
  private readonly buf: Buffer;
  private used = 0;
  private closed = false;
  /** Bytes written so far (buffered ones included). */
  bytes = 0;

  /** True once closed or aborted. */
  get isClosed(): boolean {
    return this.closed;
  }

  constructor(
    readonly path: string,
    bufferBytes = 1 << 20,
  ) {
    ensureDir(dirname(path));
    counter += 1;
    this.tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}-${counter}`);
    this.fd = openSync(this.tmp, "w");
    this.buf = Buffer.allocUnsafe(Math.max(4096, bufferBytes));
  }

  /** Appends `text` (encoded as UTF-8). */
  write(text: string): void {
    if (this.closed) throw new Error(`BufferedTextWriter: ${this.path} is already closed`);
    // A UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (this.used + text.length * 3 > this.buf.length) {
      this.flush();
      if (text.length * 3 > this.buf.length) {
        const bytes = Buffer.from(text, "utf8");
        this.writeAll(bytes);
        this.bytes += bytes.length;
        return;
      }
    }
    const n = this.buf.write(text, this.used, "utf8");
    this.used += n;
    this.bytes += n;
  }

  /** Appends bytes that are already UTF-8 text (encoded in another thread, say). */
  writeBytes(bytes: Uint8Array): void {
    if (this.closed) throw new Error(`BufferedTextWriter: ${this.path} is already closed`);
    if (this.used + bytes.length > this.buf.length) {
      this.flush();
      if (bytes.length > this.buf.length) {
        this.writeAll(bytes);
        this.bytes += bytes.length;
        return;
      }
    }
    this.buf.set(bytes, this.used);
    this.used += bytes.length;
    this.bytes += bytes.length;
  }

  private writeAll(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off);
  }

  /** Writes the buffered bytes to the file. */
  flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.buf.subarray(0, this.used));
    this.used = 0;
  }

  /** Flushes, closes and renames the file into place. */
  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
    renameSync(this.tmp, this.path);
  }

  /** Closes and deletes the partial file (the target is left as it was). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}
