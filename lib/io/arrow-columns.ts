/**
 * The columns of an Arrow record batch as plain typed arrays, built row by row without the
 * apache-arrow package (so a worker thread that builds them loads none of it): appenders per
 * column type, and {@link ColumnBatcher}, which cuts rows into batches. `ArrowFileWriter`
 * (arrow-writer.ts) turns each batch into Arrow data and writes it.
 *
 * Values are appended row by row into per-column appenders and turned into buffers once per
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


/** One column's buffers as plain typed arrays, as `makeData` takes them. */
export interface ColumnBuffers {
  length: number;
  nullCount: number;
  nullBitmap: Uint8Array | undefined;
  valueOffsets: Int32Array | undefined;
  values: Uint8Array | Int32Array | Float64Array | undefined;
  children: ColumnBuffers[];
}

/** A record batch as plain typed arrays: structured-clonable, so it can be posted to another thread. */
export interface BatchBuffers {
  length: number;
  columns: ColumnBuffers[];
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
  /** The batch's column buffers; the appender emptied. */
  abstract take(): ColumnBuffers;
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
  take(): ColumnBuffers {
    const { data, offsets } = this.strings.take();
    const v = this.validity.take();
    return { length: offsets.length - 1, nullCount: v.nulls, nullBitmap: v.valid, valueOffsets: offsets, values: data, children: [] };
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
  take(): ColumnBuffers {
    const { data, offsets: itemOffsets } = this.items.take();
    const child: ColumnBuffers = { length: itemOffsets.length - 1, nullCount: 0, nullBitmap: undefined, valueOffsets: itemOffsets, values: data, children: [] };
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
    return { length: n, nullCount: e.nulls, nullBitmap, valueOffsets: e.values as Int32Array, values: undefined, children: [child] };
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
  take(): ColumnBuffers {
    const { values, valid, nulls } = this.sink.take();
    return { length: values.length, nullCount: nulls, nullBitmap: valid, valueOffsets: undefined, values, children: [] };
  }
}

/** The appender of each column type. */
export type ArrowAppender = Utf8Appender | ListUtf8Appender | NumberAppender;

export function appenderFor(t: ArrowColumnType): ArrowAppender {
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
 * Rows appended column by column, cut into record batches of at most `batchRows` rows (and of
 * bounded string size), in memory: the part of `ArrowFileWriter` that builds batches, also used
 * where batches are built in one thread and written in another (a parallel parse).
 */
export class ColumnBatcher {
  private readonly appenders: ArrowAppender[];
  private readonly byName = new Map<string, ArrowAppender>();
  private readonly batchRows: number;
  private pending = 0;
  /** Rows appended and ended so far. */
  rows = 0;

  constructor(
    readonly columns: readonly ArrowColumn[],
    options: { batchRows?: number } = {},
    /** Names the owner in errors. */
    private readonly label = "ColumnBatcher",
  ) {
    if (columns.length === 0) throw new Error(`${label}: no columns`);
    const dup = columns.find((c, i) => columns.findIndex((d) => d.name === c.name) !== i);
    if (dup) throw new Error(`${label}: column "${dup.name}" appears twice`);
    this.batchRows = options.batchRows ?? DEFAULT_ARROW_BATCH_ROWS;
    if (!Number.isInteger(this.batchRows) || this.batchRows < 1) throw new Error(`ArrowFileWriter: batchRows must be a positive integer, got ${this.batchRows}`);
    this.appenders = columns.map((c) => appenderFor(c.type));
    columns.forEach((c, i) => this.byName.set(c.name, this.appenders[i]!));
  }

  /** Rows appended and ended but not yet taken as a batch. */
  get pendingRows(): number {
    return this.pending;
  }

  /** The appender of a column, for row-by-row writing (push one value per row, then {@link endRows}). */
  appender(name: string): ArrowAppender {
    const a = this.byName.get(name);
    if (!a) throw new Error(`${this.label}: no column "${name}"`);
    return a;
  }

  /** Declares `n` more rows complete in every column; true when a record batch is full (take it with {@link take}). */
  endRows(n: number): boolean {
    const want = this.pending + n;
    this.columns.forEach((c, i) => {
      const got = this.appenders[i]!.length;
      if (got !== want) throw new Error(`${this.label}: column "${c.name}" has ${got} values, expected ${want}`);
    });
    for (const a of this.appenders) a.settle();
    this.pending = want;
    this.rows += n;
    let chars = 0;
    for (const a of this.appenders) chars += a.chars;
    return this.pending >= this.batchRows || chars >= MAX_BATCH_CHARS;
  }

  /** Appends rows given column by column (every column the same length; `null` for missing values); calls `onFull` with each full batch. */
  appendColumns(values: Readonly<Record<string, readonly unknown[]>>, onFull: (batch: BatchBuffers) => void): void {
    const n = values[this.columns[0]!.name]?.length ?? 0;
    if (n === 0) return;
    for (const c of this.columns) {
      const col = values[c.name];
      if (!col) throw new Error(`${this.label}: batch lacks column "${c.name}"`);
      if (col.length !== n) throw new Error(`${this.label}: column "${c.name}" has ${col.length} values, expected ${n}`);
    }
    // Row counts are checked above, so a batch is cut only at its row boundaries.
    for (let start = 0; start < n; ) {
      const k = Math.min(n - start, this.batchRows - this.pending);
      this.columns.forEach((c, i) => {
        const col = values[c.name]!;
        const a = this.appenders[i]! as ColumnAppender;
        for (let r = start; r < start + k; r++) a.push(col[r]);
      });
      if (this.endRows(k)) onFull(this.take());
      start += k;
    }
  }

  /** The pending rows as one record batch (possibly empty); the appenders emptied. */
  take(): BatchBuffers {
    const columns = this.appenders.map((a) => a.take());
    const length = this.pending;
    this.pending = 0;
    return { length, columns };
  }
}


/** The large buffers of a batch, to transfer rather than copy when posting it to another thread (the appenders' own allocations, never a shared pool). */
export function batchTransferList(batch: BatchBuffers): ArrayBuffer[] {
  const transfer = new Set<ArrayBuffer>();
  const visit = (c: ColumnBuffers): void => {
    for (const a of [c.nullBitmap, c.valueOffsets, c.values]) if (a && a.buffer instanceof ArrayBuffer && a.buffer.byteLength >= 1 << 16) transfer.add(a.buffer);
    c.children.forEach(visit);
  };
  batch.columns.forEach(visit);
  return [...transfer];
}
