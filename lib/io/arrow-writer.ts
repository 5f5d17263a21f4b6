import { Field, Float64, Int32, List, RecordBatch, RecordBatchFileWriter, Schema, Struct, Utf8, makeData, type Data, type DataType } from "apache-arrow";
import { createWriteStream, renameSync, rmSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { ColumnBatcher, type ArrowAppender, type ArrowColumn, type ArrowColumnType, type BatchBuffers, type ColumnBuffers } from "./arrow-columns.js";
import { ensureDir } from "./ensure-dir.js";

export * from "./arrow-columns.js";

/**
 * Writes an Arrow IPC file (the "file" format, a.k.a. Feather v2: readable by pyarrow, polars,
 * DuckDB, arquero's `loadArrow`, apache-arrow's `tableFromIPC`) in record batches of a fixed
 * number of rows (default 65,536), so tables of any length are written with bounded memory. The
 * file appears atomically on {@link ArrowFileWriter.close}. Rows are built by the appenders of
 * arrow-columns.ts.
 */

/** Options of {@link ArrowFileWriter}. */
export interface ArrowFileWriterOptions {
  /** Rows per record batch (default 65,536). */
  batchRows?: number;
}

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

function columnData(type: DataType, c: ColumnBuffers): Data {
  const base = { length: c.length, nullCount: c.nullCount, nullBitmap: c.nullBitmap };
  if (type instanceof List) return makeData({ ...base, type, valueOffsets: c.valueOffsets, child: columnData(type.children[0]!.type as DataType, c.children[0]!) });
  if (type instanceof Utf8) return makeData({ ...base, type, valueOffsets: c.valueOffsets, data: c.values as Uint8Array });
  if (type instanceof Int32) return makeData({ ...base, type, data: c.values as Int32Array });
  if (type instanceof Float64) return makeData({ ...base, type, data: c.values as Float64Array });
  throw new Error(`batchFromBuffers: unsupported column type ${String(type)}`);
}

/** A {@link ColumnBatcher}'s batch as an Arrow record batch of the given schema (the batcher's columns). */
export function batchFromBuffers(schema: Schema, b: BatchBuffers): RecordBatch {
  if (b.columns.length !== schema.fields.length) throw new Error(`batchFromBuffers: ${b.columns.length} columns, the schema has ${schema.fields.length}`);
  const children = schema.fields.map((f, i) => columnData(f.type as DataType, b.columns[i]!));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: b.length, nullCount: 0, children }));
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
  private readonly batcher: ColumnBatcher;
  private readonly schema: Schema;
  private batches = 0;
  private closed = false;

  /** Rows written so far (appended and ended). */
  get rows(): number {
    return this.batcher.rows + this.copiedRows;
  }
  private copiedRows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly ArrowColumn[],
    options: ArrowFileWriterOptions = {},
  ) {
    this.batcher = new ColumnBatcher(columns, options, `ArrowFileWriter: ${path}`);
    this.schema = new Schema(columns.map((c) => new Field(c.name, arrowType(c.type) as DataType, true)));
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
    return this.batcher.appender(name);
  }

  /** Declares `n` more rows complete in every column; writes a record batch when one is full. */
  endRows(n: number): void {
    this.checkOpen();
    if (this.batcher.endRows(n)) this.flush();
  }

  /** Appends rows given column by column (every column the same length; `null` for missing values). */
  writeBatch(values: Readonly<Record<string, readonly unknown[]>>): void {
    this.checkOpen();
    this.batcher.appendColumns(values, (batch) => this.writeOne(batchFromBuffers(this.schema, batch)));
  }

  /**
   * Writes record batches built elsewhere (a {@link ColumnBatcher} with this file's columns, in
   * another thread) after the pending rows.
   */
  writeBatchBuffers(batches: Iterable<BatchBuffers>): void {
    this.checkOpen();
    if (this.batcher.pendingRows > 0) this.flush();
    for (const b of batches) {
      this.writeOne(batchFromBuffers(this.schema, b));
      this.copiedRows += b.length;
    }
  }

  private writeOne(batch: RecordBatch): void {
    this.writer.write(batch);
    this.batches++;
  }

  /** Writes the pending rows as one record batch. */
  private flush(): void {
    if (this.batcher.pendingRows === 0 && this.batches > 0) return;
    this.writeOne(batchFromBuffers(this.schema, this.batcher.take()));
  }

  /** Finishes the file (last batch, footer) and moves it into place. An empty file still holds the schema. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.batcher.pendingRows > 0 || this.batches === 0) this.flush();
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

