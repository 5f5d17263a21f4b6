import { Field, Float64, Int32, List, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, makeData, type Data, type DataType } from "apache-arrow";
import { createWriteStream, renameSync, rmSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ensureDir } from "./ensure-dir.js";
import { finished } from "node:stream/promises";

/**
 * Writes an Arrow IPC file (the "file" format, a.k.a. Feather v2: readable by pyarrow, polars,
 * DuckDB, arquero's `loadArrow`, apache-arrow's `tableFromIPC`) in record batches of a fixed
 * number of rows (default 65,536), so tables of any length are written with bounded memory. The
 * file appears atomically on {@link ArrowFileWriter.close}.
 *
 * Values are appended row by row into per-column appenders and turned into Arrow buffers once per
 * record batch: a string column becomes one `Buffer.from` of the batch's joined strings (offsets
 * from the string lengths when the batch is ASCII, else from each string's UTF-8 length), not one
 * builder call and one TextEncoder call per value (apache-arrow's `vectorFromArray`, which cost
 * more than half of `loglab parse`'s time on a 1M-line file).
 */

/** Column types the writer supports. */
export type ArrowColumnType = "utf8" | "int32" | "float64" | "list-utf8";

/** One column: name and type (every column is nullable). */
export interface ArrowColumn {
  name: string;
  type: ArrowColumnType;
}

/** Options of {@link ArrowFileWriter}. */
export interface ArrowFileWriterOptions {
  /** Rows per record batch (default 65,536). */
  batchRows?: number;
}

/** Rows per record batch by default (pyarrow's and DuckDB's readers like batches of this order). */
export const DEFAULT_ARROW_BATCH_ROWS = 65_536;
/** A batch is also cut when its string columns hold this many characters (keeps Int32 offsets safe). */
const MAX_BATCH_CHARS = 256 * 1024 * 1024;

function arrowType(t: ArrowColumnType): Utf8 | Int32 | Float64 | List<Utf8> {
  switch (t) {
    case "utf8":
      return new Utf8();
    case "int32":
      return new Int32();
    case "float64":
      return new Float64();
    case "list-utf8":
      return new List(new Field("item", new Utf8(), true));
  }
}

/** A growable byte buffer off the JS heap (values are encoded as they come, so they die young). */
class ByteSink {
  buf = Buffer.allocUnsafeSlow(1 << 16);
  length = 0;
  /** Appends `s` as UTF-8; returns the bytes written. */
  writeString(s: string): number {
    const max = s.length * 3;
    if (this.length + max > this.buf.length) this.grow(this.length + max);
    const k = this.buf.write(s, this.length, "utf8");
    this.length += k;
    return k;
  }
  private grow(need: number): void {
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const b = Buffer.allocUnsafeSlow(size);
    this.buf.copy(b, 0, 0, this.length);
    this.buf = b;
  }
  /** The bytes so far (the buffer is handed over; a new one takes its place). */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafeSlow(this.buf.length);
    this.length = 0;
    return out;
  }
}

/** A growable Int32 / Float64 column with a validity bitmap. */
class NumberSink<A extends Int32Array | Float64Array> {
  values: A;
  valid: Uint8Array;
  length = 0;
  nulls = 0;
  constructor(private readonly make: (n: number) => A) {
    this.values = make(1024);
    this.valid = new Uint8Array(128);
  }
  push(v: number | null | undefined): void {
    if (this.length === this.values.length) {
      const nv = this.make(this.values.length * 2);
      nv.set(this.values as never);
      this.values = nv;
      const nb = new Uint8Array(this.valid.length * 2);
      nb.set(this.valid);
      this.valid = nb;
    }
    const i = this.length++;
    if (v === null || v === undefined) {
      this.values[i] = 0;
      this.valid[i >> 3]! &= ~(1 << (i & 7));
      this.nulls++;
    } else {
      this.values[i] = v;
      this.valid[i >> 3]! |= 1 << (i & 7);
    }
  }
  /** Values and validity (undefined when none is null), copied out; the sink emptied. */
  take(): { values: A; valid: Uint8Array | undefined; nulls: number } {
    const n = this.length;
    const values = this.values.slice(0, n) as A;
    const valid = this.nulls > 0 ? this.valid.slice(0, (n + 7) >> 3) : undefined;
    const nulls = this.nulls;
    this.length = 0;
    this.nulls = 0;
    return { values, valid, nulls };
  }
}

/**
 * Strings of one column: values wait in a short JS array until {@link StringSink.settle} (the end
 * of the caller's batch of rows), which encodes them with one `utf8Write` of their concatenation
 * (offsets from the string lengths when the bytes are ASCII) into an off-heap buffer.
 */
class StringSink {
  private pending: string[] = [];
  readonly bytes = new ByteSink();
  readonly offsets = new NumberSink((n) => new Int32Array(n));
  chars = 0;
  constructor() {
    this.offsets.push(0);
  }
  get length(): number {
    return this.offsets.length - 1 + this.pending.length;
  }
  /** A value; null is encoded as empty (the caller keeps validity). */
  push(s: string): void {
    this.pending.push(s);
    this.chars += s.length;
  }
  settle(): void {
    const p = this.pending;
    if (p.length === 0) return;
    this.pending = [];
    const joined = p.length === 1 ? p[0]! : p.join("");
    const start = this.bytes.length;
    const k = this.bytes.writeString(joined);
    let o = start;
    if (k === joined.length) {
      // ASCII only: one byte per UTF-16 unit.
      for (let i = 0; i < p.length; i++) this.offsets.push((o += p[i]!.length));
      return;
    }
    for (let i = 0; i < p.length; i++) this.offsets.push((o += Buffer.byteLength(p[i]!, "utf8")));
    if (o !== start + k) {
      // The join paired a lone high surrogate with the next value's low surrogate: encode one by one.
      this.bytes.length = start;
      this.offsets.length -= p.length;
      o = start;
      for (let i = 0; i < p.length; i++) this.offsets.push((o += this.bytes.writeString(p[i]!)));
    }
  }
  /** UTF-8 data and offsets of the settled values; the sink emptied. */
  take(): { data: Uint8Array; offsets: Int32Array } {
    this.settle();
    const data = this.bytes.take();
    const offsets = this.offsets.take().values;
    this.offsets.push(0);
    this.chars = 0;
    return { data, offsets };
  }
}

/** Appends values of one column for the batch being built. */
abstract class ColumnAppender {
  abstract get length(): number;
  /** Characters held (string columns), to cut oversized batches. */
  abstract get chars(): number;
  abstract push(value: unknown): void;
  /** Encodes values pushed since the last call (called at the end of every batch of rows). */
  abstract settle(): void;
  /** The batch's Arrow data; the appender emptied. */
  abstract take(): Data;
}

/** A `utf8` column: `push(string | null)`. */
export class Utf8Appender extends ColumnAppender {
  private readonly strings = new StringSink();
  private readonly validity = new NumberSink((n) => new Int32Array(n)); // values unused: the validity bits
  get length(): number {
    return this.strings.length;
  }
  get chars(): number {
    return this.strings.chars;
  }
  push(value: string | null | undefined): void {
    if (value === null || value === undefined) {
      this.strings.push("");
      this.validity.push(null);
    } else {
      this.strings.push(value);
      this.validity.push(0);
    }
  }
  settle(): void {
    this.strings.settle();
  }
  take(): Data<Utf8> {
    const { data, offsets } = this.strings.take();
    const v = this.validity.take();
    return makeData({ type: new Utf8(), length: offsets.length - 1, nullCount: v.nulls, nullBitmap: v.valid, valueOffsets: offsets, data });
  }
}

/** A `list-utf8` column: `push(readonly string[] | null)`. */
export class ListUtf8Appender extends ColumnAppender {
  private readonly items = new StringSink();
  private readonly ends = new NumberSink((n) => new Int32Array(n));
  private count = 0;
  constructor() {
    super();
    this.ends.push(0);
  }
  get length(): number {
    return this.ends.length - 1;
  }
  get chars(): number {
    return this.items.chars;
  }
  push(value: readonly string[] | null | undefined): void {
    if (value === null || value === undefined) this.ends.push(null);
    else {
      for (let i = 0; i < value.length; i++) this.items.push(value[i]!);
      this.count += value.length;
      this.ends.push(this.count);
    }
  }
  settle(): void {
    this.items.settle();
  }
  take(): Data<List<Utf8>> {
    const { data, offsets: itemOffsets } = this.items.take();
    const child = makeData({ type: new Utf8(), length: itemOffsets.length - 1, nullCount: 0, valueOffsets: itemOffsets, data });
    const e = this.ends.take();
    // A null row repeats the previous end (an empty slot) and is marked invalid; bit 0 is the leading 0.
    const n = e.values.length - 1;
    for (let i = 1; i <= n; i++) if (e.valid && !(e.valid[i >> 3]! & (1 << (i & 7)))) e.values[i] = e.values[i - 1]!;
    let nullBitmap: Uint8Array | undefined;
    if (e.nulls > 0) {
      nullBitmap = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (e.valid![(i + 1) >> 3]! & (1 << ((i + 1) & 7))) nullBitmap[i >> 3]! |= 1 << (i & 7);
    }
    this.ends.push(0);
    this.count = 0;
    return makeData({ type: arrowType("list-utf8") as List<Utf8>, length: n, nullCount: e.nulls, nullBitmap, valueOffsets: e.values, child });
  }
}

/** An `int32` or `float64` column: `push(number | null)`. */
export class NumberAppender extends ColumnAppender {
  private readonly sink: NumberSink<Int32Array | Float64Array>;
  constructor(private readonly type: "int32" | "float64") {
    super();
    this.sink = type === "int32" ? new NumberSink<Int32Array | Float64Array>((n) => new Int32Array(n)) : new NumberSink<Int32Array | Float64Array>((n) => new Float64Array(n));
  }
  get length(): number {
    return this.sink.length;
  }
  get chars(): number {
    return 0;
  }
  push(value: number | null | undefined): void {
    this.sink.push(value);
  }
  settle(): void {}
  take(): Data {
    const { values, valid, nulls } = this.sink.take();
    const n = values.length;
    if (this.type === "int32") return makeData({ type: new Int32(), length: n, nullCount: nulls, nullBitmap: valid, data: values as Int32Array });
    return makeData({ type: new Float64(), length: n, nullCount: nulls, nullBitmap: valid, data: values as Float64Array });
  }
}

/** The appender of each column type. */
export type ArrowAppender = Utf8Appender | ListUtf8Appender | NumberAppender;

function appenderFor(t: ArrowColumnType): ArrowAppender {
  switch (t) {
    case "utf8":
      return new Utf8Appender();
    case "list-utf8":
      return new ListUtf8Appender();
    case "int32":
    case "float64":
      return new NumberAppender(t);
  }
}

/**
 * Batch-by-batch Arrow file writer.
 *
 * @example
 * const w = new ArrowFileWriter("out/x.arrow", [{ name: "LineId", type: "int32" }, { name: "Content", type: "utf8" }]);
 * w.writeBatch({ LineId: [1, 2], Content: ["a", "b"] });
 * // or row by row: w.appender("LineId").push(3); w.appender("Content").push("c"); w.endRows(1);
 * await w.close();
 */
export class ArrowFileWriter {
  private readonly writer = new RecordBatchFileWriter();
  private readonly out: WriteStream;
  private readonly tmp: string;
  private readonly schema: Schema;
  private readonly appenders: ArrowAppender[];
  private readonly byName = new Map<string, ArrowAppender>();
  private readonly batchRows: number;
  private pending = 0;
  private batches = 0;
  private closed = false;
  /** Rows written so far (appended and ended). */
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly ArrowColumn[],
    options: ArrowFileWriterOptions = {},
  ) {
    if (columns.length === 0) throw new Error(`ArrowFileWriter: ${path}: no columns`);
    const dup = columns.find((c, i) => columns.findIndex((d) => d.name === c.name) !== i);
    if (dup) throw new Error(`ArrowFileWriter: ${path}: column "${dup.name}" appears twice`);
    this.batchRows = options.batchRows ?? DEFAULT_ARROW_BATCH_ROWS;
    if (!Number.isInteger(this.batchRows) || this.batchRows < 1) throw new Error(`ArrowFileWriter: batchRows must be a positive integer, got ${this.batchRows}`);
    this.schema = new Schema(columns.map((c) => new Field(c.name, arrowType(c.type) as DataType, true)));
    this.appenders = columns.map((c) => appenderFor(c.type));
    columns.forEach((c, i) => this.byName.set(c.name, this.appenders[i]!));
    ensureDir(dirname(path));
    this.tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
    this.out = createWriteStream(this.tmp);
    // An error (disk full, folder removed after an abort) is reported by close(), not thrown from the event loop.
    this.out.on("error", (err) => {
      this.streamError ??= err;
    });
    this.writer.toNodeStream().pipe(this.out);
  }

  private streamError: Error | null = null;

  private checkOpen(): void {
    if (this.closed) throw new Error(`ArrowFileWriter: ${this.path} is already closed`);
  }

  /** The appender of a column, for row-by-row writing (push one value per row, then {@link endRows}). */
  appender(name: string): ArrowAppender {
    const a = this.byName.get(name);
    if (!a) throw new Error(`ArrowFileWriter: ${this.path}: no column "${name}"`);
    return a;
  }

  /** Declares `n` more rows complete in every column; writes a record batch when one is full. */
  endRows(n: number): void {
    this.checkOpen();
    const want = this.pending + n;
    this.columns.forEach((c, i) => {
      const got = this.appenders[i]!.length;
      if (got !== want) throw new Error(`ArrowFileWriter: ${this.path}: column "${c.name}" has ${got} values, expected ${want}`);
    });
    for (const a of this.appenders) a.settle();
    this.pending = want;
    this.rows += n;
    let chars = 0;
    for (const a of this.appenders) chars += a.chars;
    if (this.pending >= this.batchRows || chars >= MAX_BATCH_CHARS) this.flush();
  }

  /** Appends rows given column by column (every column the same length; `null` for missing values). */
  writeBatch(values: Readonly<Record<string, readonly unknown[]>>): void {
    this.checkOpen();
    const n = values[this.columns[0]!.name]?.length ?? 0;
    if (n === 0) return;
    for (const c of this.columns) {
      const col = values[c.name];
      if (!col) throw new Error(`ArrowFileWriter: ${this.path}: batch lacks column "${c.name}"`);
      if (col.length !== n) throw new Error(`ArrowFileWriter: ${this.path}: column "${c.name}" has ${col.length} values, expected ${n}`);
    }
    // Row counts are checked above, so a batch is cut only at its row boundaries.
    for (let start = 0; start < n; ) {
      const k = Math.min(n - start, this.batchRows - this.pending);
      this.columns.forEach((c, i) => {
        const col = values[c.name]!;
        const a = this.appenders[i]! as ColumnAppender;
        for (let r = start; r < start + k; r++) a.push(col[r]);
      });
      this.endRows(k);
      start += k;
    }
  }

  /** Writes the pending rows as one record batch. */
  private flush(): void {
    if (this.pending === 0 && this.batches > 0) return;
    const children = this.appenders.map((a) => a.take());
    const struct = makeData({ type: new Struct(this.schema.fields), length: this.pending, nullCount: 0, children });
    this.writer.write(new RecordBatch(this.schema, struct));
    this.pending = 0;
    this.batches++;
  }

  /** Finishes the file (last batch, footer) and moves it into place. An empty file still holds the schema. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pending > 0 || this.batches === 0) this.flush();
    this.closed = true;
    this.writer.finish();
    await finished(this.out).catch(() => undefined);
    if (this.streamError) {
      rmSync(this.tmp, { force: true });
      throw new Error(`ArrowFileWriter: could not write ${this.path}: ${this.streamError.message}`);
    }
    renameSync(this.tmp, this.path);
  }

  /** Stops and deletes the partial file. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.out.destroy();
    rmSync(this.tmp, { force: true });
  }
}
