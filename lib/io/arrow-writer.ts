import { Float64, Int32, List, Field, RecordBatchFileWriter, Utf8, makeTable, vectorFromArray } from "apache-arrow";
import { createWriteStream, renameSync, rmSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ensureDir } from "./ensure-dir.js";
import { finished } from "node:stream/promises";

/**
 * Writes an Arrow IPC file (the "file" format, a.k.a. Feather v2: readable by pyarrow, polars,
 * DuckDB, arquero's `loadArrow`, apache-arrow's `tableFromIPC`) batch by batch, so tables of any
 * length are written with bounded memory. The file appears atomically on {@link ArrowFileWriter.close}.
 */

/** Column types the writer supports. */
export type ArrowColumnType = "utf8" | "int32" | "float64" | "list-utf8";

/** One column: name and type (every column is nullable). */
export interface ArrowColumn {
  name: string;
  type: ArrowColumnType;
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

/**
 * Batch-by-batch Arrow file writer.
 *
 * @example
 * const w = new ArrowFileWriter("out/x.arrow", [{ name: "LineId", type: "int32" }, { name: "Content", type: "utf8" }]);
 * w.writeBatch({ LineId: [1, 2], Content: ["a", "b"] });
 * await w.close();
 */
export class ArrowFileWriter {
  private readonly writer = new RecordBatchFileWriter();
  private readonly out: WriteStream;
  private readonly tmp: string;
  private closed = false;
  /** Rows written so far. */
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly ArrowColumn[],
  ) {
    if (columns.length === 0) throw new Error(`ArrowFileWriter: ${path}: no columns`);
    ensureDir(dirname(path));
    this.tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
    this.out = createWriteStream(this.tmp);
    this.writer.toNodeStream().pipe(this.out);
  }

  /** Appends rows given column by column (every column the same length; `null` for missing values). */
  writeBatch(values: Readonly<Record<string, readonly unknown[]>>): void {
    if (this.closed) throw new Error(`ArrowFileWriter: ${this.path} is already closed`);
    const n = values[this.columns[0]!.name]?.length ?? 0;
    if (n === 0) return;
    const vectors: Record<string, ReturnType<typeof vectorFromArray>> = {};
    for (const c of this.columns) {
      const col = values[c.name];
      if (!col) throw new Error(`ArrowFileWriter: ${this.path}: batch lacks column "${c.name}"`);
      if (col.length !== n) throw new Error(`ArrowFileWriter: ${this.path}: column "${c.name}" has ${col.length} values, expected ${n}`);
      vectors[c.name] = vectorFromArray(col as unknown[], arrowType(c.type) as never);
    }
    const table = makeTable(vectors as never);
    for (const rb of table.batches) this.writer.write(rb);
    this.rows += n;
  }

  /** Finishes the file (footer) and moves it into place. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.writer.finish();
    await finished(this.out);
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
