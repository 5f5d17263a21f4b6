import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement, type Writer } from "hyparquet-writer";
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { ArrowColumn } from "./arrow-writer.js";
import { ensureDir } from "./ensure-dir.js";

/**
 * Writes a Parquet file (readable by DuckDB, Spark, pandas/pyarrow, polars and hyparquet) row
 * group by row group, so tables of any length are written with bounded memory: the rows of one
 * row group (default 65,536) are held, then encoded by `hyparquet-writer` (Snappy-compressed
 * pages, dictionary encoding where it pays, column statistics). Column types are those of the
 * Arrow writer: `utf8` → BYTE_ARRAY (UTF8), `int32` → INT32, `float64` → DOUBLE, `list-utf8` →
 * a LIST of UTF8 strings (the standard three-level layout); every column is nullable. The file
 * appears atomically on {@link ParquetFileWriter.close}.
 */

/** Options of {@link ParquetFileWriter}. */
export interface ParquetFileWriterOptions {
  /** Rows per row group (default 65,536). */
  rowGroupRows?: number;
}

/** Rows per row group by default. */
export const DEFAULT_PARQUET_ROW_GROUP_ROWS = 65_536;

function schemaOf(columns: readonly ArrowColumn[]): SchemaElement[] {
  const out: SchemaElement[] = [{ name: "root", num_children: columns.length }];
  for (const c of columns) {
    switch (c.type) {
      case "utf8":
        out.push({ name: c.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });
        break;
      case "int32":
        out.push({ name: c.name, type: "INT32", repetition_type: "OPTIONAL" });
        break;
      case "float64":
        out.push({ name: c.name, type: "DOUBLE", repetition_type: "OPTIONAL" });
        break;
      case "list-utf8":
        out.push(
          { name: c.name, converted_type: "LIST", repetition_type: "OPTIONAL", num_children: 1 },
          { name: "list", repetition_type: "REPEATED", num_children: 1 },
          { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
        );
        break;
    }
  }
  return out;
}

/** A hyparquet-writer `Writer` that appends to an open file descriptor in ~1 MiB writes. */
function fdWriter(fd: number): Writer {
  const w = new ByteWriter();
  const flush = (): void => {
    let off = 0;
    const bytes = new Uint8Array(w.buffer, 0, w.index);
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    w.index = 0;
  };
  const grow = w.ensure.bind(w);
  w.ensure = (size: number): void => {
    // ByteWriter counts the file offset itself (`offset`); `index` is the position in its buffer.
    if (w.index > 1 << 20) flush();
    grow(size);
  };
  w.finish = (): void => flush();
  return w;
}

/**
 * Row-group-by-row-group Parquet writer.
 *
 * @example
 * const w = new ParquetFileWriter("out/x.parquet", [{ name: "LineId", type: "int32" }, { name: "Content", type: "utf8" }]);
 * w.writeRows({ LineId: [1, 2], Content: ["a", "b"] });
 * await w.close();
 */
export class ParquetFileWriter {
  private readonly fd: number;
  private readonly tmp: string;
  private readonly writer: ParquetWriter;
  private readonly byteWriter: Writer;
  private pending: unknown[][];
  private readonly rowGroupRows: number;
  private groups = 0;
  private closed = false;
  /** Rows written so far. */
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly ArrowColumn[],
    options: ParquetFileWriterOptions = {},
  ) {
    if (columns.length === 0) throw new Error(`ParquetFileWriter: ${path}: no columns`);
    const dup = columns.find((c, i) => columns.findIndex((d) => d.name === c.name) !== i);
    if (dup) throw new Error(`ParquetFileWriter: ${path}: column "${dup.name}" appears twice`);
    this.rowGroupRows = options.rowGroupRows ?? DEFAULT_PARQUET_ROW_GROUP_ROWS;
    if (!Number.isInteger(this.rowGroupRows) || this.rowGroupRows < 1) throw new Error(`ParquetFileWriter: rowGroupRows must be a positive integer, got ${this.rowGroupRows}`);
    this.pending = columns.map(() => []);
    ensureDir(dirname(path));
    this.tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
    this.fd = openSync(this.tmp, "w");
    this.byteWriter = fdWriter(this.fd);
    this.writer = new ParquetWriter({ writer: this.byteWriter, schema: schemaOf(columns), createdBy: "loglab (hyparquet-writer)" });
  }

  /** The value array of a column for the current row group: push one value per row (null when missing), then {@link endRows}. */
  column(name: string): unknown[] {
    const i = this.columns.findIndex((c) => c.name === name);
    if (i < 0) throw new Error(`ParquetFileWriter: ${this.path}: no column "${name}"`);
    return this.pending[i]!;
  }

  /** Declares `n` more rows complete in every column; encodes a row group when one is full. */
  endRows(n: number): void {
    if (this.closed) throw new Error(`ParquetFileWriter: ${this.path} is already closed`);
    const want = this.rows - this.groupStart + n;
    this.columns.forEach((c, i) => {
      const got = this.pending[i]!.length;
      if (got !== want) throw new Error(`ParquetFileWriter: ${this.path}: column "${c.name}" has ${got} values, expected ${want}`);
    });
    this.rows += n;
    if (want >= this.rowGroupRows) this.flush();
  }

  /** Appends rows given column by column (every column the same length; `null` for missing values). */
  writeRows(values: Readonly<Record<string, readonly unknown[]>>): void {
    const n = values[this.columns[0]!.name]?.length ?? 0;
    for (const c of this.columns) {
      const col = values[c.name];
      if (!col) throw new Error(`ParquetFileWriter: ${this.path}: rows lack column "${c.name}"`);
      if (col.length !== n) throw new Error(`ParquetFileWriter: ${this.path}: column "${c.name}" has ${col.length} values, expected ${n}`);
    }
    this.columns.forEach((c, i) => {
      const col = values[c.name]!;
      const p = this.pending[i]!;
      for (let r = 0; r < n; r++) p.push(col[r] ?? null);
    });
    this.endRows(n);
  }

  /** First row of the row group being collected. */
  private groupStart = 0;

  private flush(): void {
    const n = this.rows - this.groupStart;
    if (n === 0 && this.groups > 0) return;
    const columnData: ColumnSource[] = this.columns.map((c, i) => ({ name: c.name, data: this.pending[i]! as ColumnSource["data"] }));
    const r = this.writer.write({ columnData, rowGroupSize: this.rowGroupRows });
    if (r instanceof Promise) throw new Error("ParquetFileWriter: the writer flushed asynchronously"); // fdWriter is synchronous
    this.pending = this.columns.map(() => []);
    this.groupStart = this.rows;
    this.groups++;
  }

  /** Encodes the last row group, writes the footer and moves the file into place. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.rows > this.groupStart || this.groups === 0) this.flush();
      await this.writer.finish();
    } catch (err) {
      this.abort();
      throw err;
    }
    this.closed = true;
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }

  /** Stops and deletes the partial file. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}
